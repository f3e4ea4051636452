import { afterEach, describe, expect, it } from "vitest";
import { type Harness, runsOf, startHarness, waitFor, waitForEndedRuns } from "./support";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("singleton: { mode: cancel }", () => {
  it("cancels the sleeping run of the same key, starts the new one, and calls no onFailure", async () => {
    const finished: string[] = [];
    const failures: string[] = [];
    harness = await startHarness((client) => [
      client.createFunction(
        {
          id: "fulfil",
          singleton: { key: "event.data.orderId", mode: "cancel" },
          triggers: [{ event: "test/paid" }, { event: "test/retry" }],
          onFailure: async ({ event }) => {
            failures.push(event.data.run_id);
          },
        },
        async ({ event, step }) => {
          await step.run("place", () => `placed ${String(event.data.orderId)}`);
          if (event.name === "test/paid") await step.sleep("wait-for-codes", "10s");
          await step.run("finish", () => finished.push(event.id ?? ""));
        },
      ),
    ]);
    await harness.client.send({ id: "paid-a", name: "test/paid", data: { orderId: "A" } });
    await harness.client.send({ id: "paid-b", name: "test/paid", data: { orderId: "B" } });
    await waitFor(
      async () => (await runsOf(harness!.db, "fulfil")).filter((run) => run.status === "SLEEPING").length === 2,
      "both runs to sleep",
    );

    await harness.client.send({ id: "retry-a", name: "test/retry", data: { orderId: "A" } });
    await waitFor(
      async () =>
        (await runsOf(harness!.db, "fulfil")).some((run) => run.eventId === "retry-a" && run.status === "COMPLETED"),
      "the retry run",
    );

    const runs = await runsOf(harness.db, "fulfil");
    const byEvent = Object.fromEntries(runs.map((run) => [run.eventId, run]));
    expect(byEvent["paid-a"]).toMatchObject({ status: "CANCELLED", singletonKey: "A" });
    expect(byEvent["paid-a"]?.endedAt).toBeInstanceOf(Date);
    expect(byEvent["paid-b"]).toMatchObject({ status: "SLEEPING", singletonKey: "B" });
    expect(byEvent["retry-a"]).toMatchObject({ status: "COMPLETED", singletonKey: "A" });
    expect(finished).toEqual(["retry-a"]);
    expect(await harness.db.workflowStep.count({ where: { runId: byEvent["paid-a"]?.id } })).toBe(0);

    // One more pass: a cancelled run never reaches onFailure.
    await harness.engine.tick();
    expect(await runsOf(harness.db, "fulfil-failure")).toEqual([]);
    expect(failures).toEqual([]);
  });

  it("discards the result of a step that was running when its run was cancelled", async () => {
    let releaseStep!: () => void;
    const stepMayFinish = new Promise<void>((resolve) => (releaseStep = resolve));
    let stepStarted = false;
    const afterwards: string[] = [];
    harness = await startHarness((client) => [
      client.createFunction(
        { id: "stuck", singleton: { key: "event.data.orderId", mode: "cancel" }, triggers: [{ event: "test/stuck" }] },
        async ({ event, step }) => {
          if (event.data.hang) {
            await step.run("hang", async () => {
              stepStarted = true;
              await stepMayFinish;
            });
          }
          await step.run("next", () => afterwards.push(event.id ?? ""));
        },
      ),
    ]);
    await harness.client.send({ id: "stuck-1", name: "test/stuck", data: { orderId: "A", hang: true } });
    await waitFor(() => stepStarted, "the step to start");
    await harness.client.send({ id: "stuck-2", name: "test/stuck", data: { orderId: "A", hang: false } });
    await waitFor(
      async () =>
        (await runsOf(harness!.db, "stuck")).some((run) => run.eventId === "stuck-2" && run.status === "COMPLETED"),
      "the replacing run",
    );
    releaseStep();
    await harness.engine.stop();

    const runs = await runsOf(harness.db, "stuck");
    expect(runs.map((run) => [run.eventId, run.status])).toEqual([
      ["stuck-1", "CANCELLED"],
      ["stuck-2", "COMPLETED"],
    ]);
    expect(afterwards).toEqual(["stuck-2"]);
  });

  it("skips a new event while a run of the same key is active in skip mode", async () => {
    harness = await startHarness((client) => [
      client.createFunction(
        {
          id: "sync-stock",
          singleton: { key: "event.data.productId", mode: "skip" },
          triggers: [{ event: "test/stock" }],
        },
        async ({ step }) => {
          await step.sleep("settle", "1s");
        },
      ),
    ]);
    await harness.client.send({ id: "stock-1", name: "test/stock", data: { productId: "p" } });
    await waitFor(
      async () => (await runsOf(harness!.db, "sync-stock"))[0]?.status === "SLEEPING",
      "the first run to sleep",
    );
    await harness.client.send({ id: "stock-2", name: "test/stock", data: { productId: "p" } });
    await waitFor(
      async () => (await harness!.db.workflowEvent.findUnique({ where: { id: "stock-2" } }))?.processedAt != null,
      "the second event",
    );

    const runs = await waitForEndedRuns(harness.db, "sync-stock");
    expect(runs.map((run) => [run.eventId, run.status])).toEqual([["stock-1", "COMPLETED"]]);
  });
});
