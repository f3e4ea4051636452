/** A progress bar on stderr: redrawn in place on a terminal, a line every few seconds otherwise (CI logs). */
export class Progress {
  #lastLineAt = 0;
  readonly #tty = process.stderr.isTTY === true;

  constructor(
    private readonly total: number,
    private readonly enabled = true,
    /** What is counted: "orders", or "sales" when some are skipped rather than ordered. */
    private readonly unit = "orders",
  ) {}

  update(done: number, detail: string): void {
    if (!this.enabled) return;
    const width = 30;
    const filled = Math.round((done / Math.max(1, this.total)) * width);
    const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${this.total} ${this.unit}  ${detail}`;
    if (this.#tty) {
      process.stderr.write(`\r${line}\u001b[K`);
    } else if (done === this.total || Date.now() - this.#lastLineAt >= 5_000) {
      this.#lastLineAt = Date.now();
      process.stderr.write(`${line}\n`);
    }
  }

  end(): void {
    if (this.enabled && this.#tty) process.stderr.write("\n");
  }
}
