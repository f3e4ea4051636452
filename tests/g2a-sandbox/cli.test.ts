import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const TSX = path.resolve("node_modules", ".bin", "tsx");
const CLI = path.resolve("tools", "g2a-sandbox", "cli.ts");

function run(args: string[], onLine?: (line: string, stop: () => void) => void) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(TSX, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split("\n")) if (line !== "") onLine?.(line, () => child.kill("SIGTERM"));
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("tools/g2a-sandbox/cli.ts", () => {
  it("prints its options with --help", async () => {
    const { code, output } = await run(["--help"]);
    expect(code).toBe(0);
    for (const flag of ["--port", "--state-file", "--catalogue", "--token-ttl", "--job-delay-ms"])
      expect(output).toContain(flag);
  });

  it("prints the URL and the default client, serves, and stops cleanly on SIGTERM", async () => {
    let url = "";
    let tokenTtlSeconds: unknown = null;
    const { code, output } = await run(["--port", "0", "--token-ttl", "60"], (line, stop) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (!match?.[1]) return;
      url = match[1];
      void fetch(`${url}/__sim/settings`)
        .then((response) => response.json() as Promise<{ tokenTtlSeconds: unknown }>)
        .then((settings) => (tokenTtlSeconds = settings.tokenTtlSeconds))
        .finally(stop);
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(tokenTtlSeconds).toBe(60);
    expect(output).toContain("client_id g2a-sandbox-client");
    expect(output).toContain("SIGTERM received");
    expect(code).toBe(0);
  });

  it("refuses an unknown option", async () => {
    const { code, output } = await run(["--colour", "red"]);
    expect(code).toBe(2);
    expect(output).toContain("Unknown option --colour");
  });
});
