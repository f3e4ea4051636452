import { afterEach, describe, expect, it, vi } from "vitest";
import { checkHealth } from "@/lib/health";
import { appClientOptions, appServeOptions, engineState, workflowMode } from "@/lib/workflow";
import { type Harness, startHarness, waitFor } from "./support";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  vi.unstubAllEnvs();
});

describe("engine state", () => {
  it("reports what it runs, from its last known state, to /api/health", async () => {
    harness = await startHarness((client) => [
      client.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep" }] }, async ({ step }) => {
        await step.sleep("long", "1h");
      }),
      client.createFunction({ id: "broken", retries: 0, triggers: [{ event: "test/broken" }] }, async () => {
        throw new Error("boom");
      }),
    ]);
    await harness.client.send([
      { id: "s-1", name: "test/sleep", data: {} },
      { id: "b-1", name: "test/broken", data: {} },
    ]);
    await waitFor(
      () => engineState().runs?.sleeping === 1 && engineState().runs?.failedLast24h === 1,
      "the counts to show both runs",
    );

    const state = engineState();
    expect(state).toMatchObject({ mode: "embedded", running: true, endpoint: "ok", functions: 2, inFlight: 0 });
    expect(state.runs).toEqual({ queued: 0, running: 0, sleeping: 1, failedLast24h: 1 });
    expect(Date.now() - Date.parse(state.lastTickAt ?? "")).toBeLessThan(5_000);

    const report = await checkHealth(() => harness!.db);
    expect(report).toMatchObject({ status: "ok", db: "ok", engine: { running: true, runs: { sleeping: 1 } } });

    await harness.engine.stop();
    expect(engineState()).toMatchObject({ running: false, runs: null });
  });

  it("says the platform runs the workflows when an Inngest server is configured", () => {
    vi.stubEnv("INNGEST_DEV", "1");
    expect(engineState()).toMatchObject({ mode: "inngest", running: false });
  });
});

describe("workflow mode", () => {
  it("hands the workflows to Inngest when any of its variables is set, and keeps the SDK defaults then", () => {
    expect(workflowMode({})).toBe("embedded");
    expect(workflowMode({ INNGEST_EVENT_KEY: " ", INNGEST_DEV: "0" })).toBe("embedded");
    for (const name of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_BASE_URL", "INNGEST_DEV"]) {
      const source = { [name]: name === "INNGEST_BASE_URL" ? "http://inngest.internal:8288" : "1" };
      expect(workflowMode(source), name).toBe("inngest");
      expect(appClientOptions(source), name).toEqual({});
      expect(appServeOptions(source), name).toEqual({});
    }
    expect(appClientOptions({})).toMatchObject({ isDev: false, checkpointing: false });
    expect(appServeOptions({})).toEqual({ enableUnauthedSync: false });
  });
});
