import { afterEach, describe, expect, it } from "vitest";
import { type Harness, runsOf, startHarness, waitFor, waitForEndedRuns } from "./support";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("step.sleep", () => {
  it("sleeps durably between steps and runs each step once", async () => {
    const executions = { before: 0, after: 0 };
    harness = await startHarness((client) => [
      client.createFunction({ id: "nap", triggers: [{ event: "test/nap" }] }, async ({ event, step }) => {
        const before = await step.run("before", () => {
          executions.before += 1;
          return { seen: event.data.value as number };
        });
        // The SDK rounds waits under a second up to 1 s.
        await step.sleep("nap", "300ms");
        const after = await step.run("after", () => {
          executions.after += 1;
          return before.seen + 1;
        });
        return after;
      }),
    ]);
    const sentAt = Date.now();
    await harness.client.send({ id: "nap-1", name: "test/nap", data: { value: 41 } });

    await waitFor(async () => (await runsOf(harness!.db, "nap"))[0]?.status === "SLEEPING", "the run to sleep");
    const [sleeping] = await runsOf(harness.db, "nap");
    expect(sleeping?.wakeAt?.getTime()).toBeGreaterThan(Date.now());
    expect(executions).toEqual({ before: 1, after: 0 });

    const [run] = await waitForEndedRuns(harness.db, "nap");
    expect(run).toMatchObject({ status: "COMPLETED", eventId: "nap-1", eventName: "test/nap", lastError: null });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1000);
    expect(executions).toEqual({ before: 1, after: 1 });
    expect(run?.startedAt).toBeInstanceOf(Date);
    expect(run?.endedAt).toBeInstanceOf(Date);
    expect(await harness.db.workflowStep.count({ where: { runId: run?.id } })).toBe(0);
  });
});
