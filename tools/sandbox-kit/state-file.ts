import fs from "node:fs";
import path from "node:path";

// A sandbox's state file: JSON, read once at start and rewritten whole after changes.

const SAVE_DELAY_MS = 100;

export class StateFileError extends Error {
  override name = "StateFileError";
}

/**
 * When the file exists, parses it and hands the document to `restore`, which checks it and replaces the
 * state; `refuse(why)` makes the error for a document it cannot use. Returns whether there was a file.
 */
export function readStateFile(
  filePath: string,
  restore: (document: unknown, refuse: (why: string) => StateFileError) => void,
): boolean {
  if (!fs.existsSync(filePath)) return false;
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(filePath, "utf8"));
  } catch (error) {
    throw new StateFileError(`Cannot read state file ${filePath}: ${(error as Error).message}`);
  }
  restore(document, (why) => new StateFileError(`State file ${filePath} ${why}; delete it to start afresh.`));
  return true;
}

/** Saves at most once per SAVE_DELAY_MS; each save writes a temporary file and renames it over the old one. */
export class StateFileWriter {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly snapshot: () => unknown,
    private readonly filePath: string,
  ) {}

  schedule(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    fs.mkdirSync(path.dirname(this.filePath), { recursive: true, mode: 0o700 });
    const temporary = `${this.filePath}.${process.pid}.tmp`;
    // It holds what the sandbox handed out (codes, client secrets, live tokens): for this user's eyes only.
    fs.writeFileSync(temporary, JSON.stringify(this.snapshot()), { mode: 0o600 });
    fs.renameSync(temporary, this.filePath);
  }

  /** Writes the final state; later changes are not saved. */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }
}
