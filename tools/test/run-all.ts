import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureBuild } from "../build/ensure-build";

// `npm test`: typecheck, lint, the formatter's check, the production build, vitest (its contract
// tests serve that build),
// then Playwright against it; one summary line at the end.

type StageResult = { name: string; ok: boolean; passed: number; failed: number; skipped: number; seconds: number };

const root = process.cwd();
const reports = path.join(root, ".test-data");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

async function stage(name: string, work: () => Promise<Omit<StageResult, "name" | "seconds">>): Promise<StageResult> {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = await work();
  // A stage that failed without a failing test (a crash, a compile error) still counts as a failure.
  const failed = !result.ok && result.failed === 0 ? 1 : result.failed;
  return { name, ...result, failed, seconds: (Date.now() - started) / 1000 };
}

const check = async (command: string, args: string[]) => {
  const ok = await run(command, args);
  return { ok, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
};

async function main(): Promise<void> {
  fs.mkdirSync(reports, { recursive: true });
  const results: StageResult[] = [];

  results.push(await stage("typecheck", () => check(bin("tsc"), ["--noEmit"])));
  results.push(await stage("lint", () => check(bin("eslint"), [".", "--max-warnings=0"])));
  results.push(await stage("format", () => check(bin("prettier"), ["--check", "."])));

  results.push(
    await stage("production build", async () => {
      try {
        await ensureBuild(root);
        return { ok: true, passed: 1, failed: 0, skipped: 0 };
      } catch (error) {
        console.error(error instanceof Error ? error.message : error);
        return { ok: false, passed: 0, failed: 1, skipped: 0 };
      }
    }),
  );
  const built = results.at(-1)?.ok === true;

  results.push(
    await stage("unit and integration (vitest)", async () => {
      const output = path.join(reports, "vitest.json");
      fs.rmSync(output, { force: true });
      const ok = await run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${output}`]);
      const report = readJson<{
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
        numTodoTests: number;
      }>(output);
      return {
        ok,
        passed: report?.numPassedTests ?? 0,
        failed: report?.numFailedTests ?? 0,
        skipped: (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0),
      };
    }),
  );

  results.push(
    await stage("browser (Playwright, production build)", async () => {
      if (!built) return { ok: false, passed: 0, failed: 1, skipped: 0 };
      const output = path.join(reports, "playwright.json");
      fs.rmSync(output, { force: true });
      const ok = await run(bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_FILE: output });
      const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
        output,
      );
      return {
        ok,
        passed: (report?.stats.expected ?? 0) + (report?.stats.flaky ?? 0),
        failed: report?.stats.unexpected ?? 0,
        skipped: report?.stats.skipped ?? 0,
      };
    }),
  );

  console.log("\n━━ summary ━━");
  for (const result of results) {
    const mark = result.ok && result.failed === 0 ? "ok  " : "FAIL";
    console.log(
      `${mark} ${result.name.padEnd(42)} ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped  (${result.seconds.toFixed(1)} s)`,
    );
  }
  const total = (key: "passed" | "failed" | "skipped") => results.reduce((sum, result) => sum + result[key], 0);
  const allOk = results.every((result) => result.ok && result.failed === 0);
  console.log(`summary: ${total("passed")} passed, ${total("failed")} failed, ${total("skipped")} skipped`);
  process.exit(allOk ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  console.log("summary: 0 passed, 1 failed");
  process.exit(1);
});
