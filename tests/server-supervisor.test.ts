import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultBackoffMs, ServerSupervisor } from "@/tools/server/supervisor";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "supervisor-"));
let supervisor: ServerSupervisor | undefined;
afterEach(async () => {
  await supervisor?.stop(1000);
});

const node = (script: string) => () => spawn(process.execPath, ["-e", script], { stdio: ["ignore", "ignore", "pipe"] });

describe("the server supervisor", () => {
  it("waits 1, 2, 4 … up to 30 s between restarts of a server that keeps dying", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(defaultBackoffMs)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it("restarts a server that dies, with a growing wait, and logs why each time", async () => {
    const lines: string[] = [];
    const waits: number[] = [];
    supervisor = new ServerSupervisor({
      spawn: node('console.error("Error: the database file is locked"); process.exit(3)'),
      pidFile: path.join(dir, "dying.pid"),
      backoffMs: (restart) => (waits.push(restart), 20 * restart),
      log: (line) => lines.push(line),
    });
    supervisor.start();
    while (lines.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(waits.slice(0, 3)).toEqual([1, 2, 3]);
    expect(lines[0]).toBe(
      "The server stopped unexpectedly (exit code 3; it last printed: Error: the database file is locked); restarting it in 0 s.",
    );
  });

  it("writes the running server's process id, and restarts nothing once stopped", async () => {
    const lines: string[] = [];
    const pidFile = path.join(dir, "running.pid");
    supervisor = new ServerSupervisor({
      spawn: node("setInterval(() => {}, 1000)"),
      pidFile,
      log: (line) => lines.push(line),
    });
    supervisor.start();
    expect(Number(fs.readFileSync(pidFile, "utf8"))).toBe(supervisor.pid);
    expect(fs.statSync(pidFile).mode & 0o777).toBe(0o600);
    await supervisor.stop(1000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(lines).toEqual([]);
    expect(fs.existsSync(pidFile)).toBe(false);
  });
});
