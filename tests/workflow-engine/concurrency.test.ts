import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, waitForEndedRuns } from "./support";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("concurrency: { key, limit }", () => {
  it("runs at most `limit` steps at once per key value, while other keys run alongside", async () => {
    const running = new Map<string, number>();
    const peak = new Map<string, number>();
    let overallPeak = 0;
    const busy = () => [...running.values()].reduce((sum, count) => sum + count, 0);
    harness = await startHarness((client) => [
      client.createFunction(
        { id: "per-account", concurrency: { key: "event.data.account", limit: 1 }, triggers: [{ event: "test/work" }] },
        async ({ event, step }) =>
          step.run("work", async () => {
            const account = String(event.data.account);
            running.set(account, (running.get(account) ?? 0) + 1);
            peak.set(account, Math.max(peak.get(account) ?? 0, running.get(account) ?? 0));
            overallPeak = Math.max(overallPeak, busy());
            await new Promise((resolve) => setTimeout(resolve, 150));
            running.set(account, (running.get(account) ?? 1) - 1);
          }),
      ),
    ]);
    await harness.client.send(
      ["A", "A", "A", "B", "B"].map((account, index) => ({
        id: `work-${index}`,
        name: "test/work",
        data: { account },
      })),
    );

    const runs = await waitForEndedRuns(harness.db, "per-account", 5);
    expect(runs.every((run) => run.status === "COMPLETED")).toBe(true);
    expect(peak.get("A")).toBe(1);
    expect(peak.get("B")).toBe(1);
    expect(overallPeak).toBe(2);
  });
});
