/**
 * The timers behind the `delayMs` of a fault. They are tracked so that closing the sandbox does not
 * leave a test process waiting on a long delay: the delayed answer is simply never sent.
 */
export class Holds {
  private readonly timers = new Set<NodeJS.Timeout>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  releaseAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
