import type { Socket } from "node:net";

/**
 * Timers that hold connections open or delay answers, as faults ask. They are tracked so that closing a
 * sandbox does not leave a test process waiting on a long hold: a delayed answer is simply never sent.
 */
export class Holds {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sockets = new Set<Socket>();

  /** Keeps the connection open without answering, then destroys it. */
  hold(socket: Socket, ms: number): void {
    this.sockets.add(socket);
    this.after(ms, () => {
      this.sockets.delete(socket);
      socket.destroy();
    });
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  releaseAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private after(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }
}
