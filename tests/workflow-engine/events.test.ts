import { afterEach, describe, expect, it } from "vitest";
import { receiveEvents } from "@/lib/workflow";
import { type Harness, runsOf, startHarness, waitFor, waitForEndedRuns } from "./support";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("event intake", () => {
  it("starts one run for an event id however often it is sent", async () => {
    let executions = 0;
    harness = await startHarness((client) => [
      client.createFunction({ id: "paid", triggers: [{ event: "test/order.paid" }] }, async ({ step }) =>
        step.run("fulfil", () => {
          executions += 1;
          return "ok";
        }),
      ),
    ]);
    const event = { id: "order-42", name: "test/order.paid", data: { orderId: "42" } };
    const first = await harness.client.send(event);
    await harness.client.send([event, event]);
    await waitForEndedRuns(harness.db, "paid");
    await harness.client.send(event);
    await harness.engine.tick();

    expect(first.ids).toEqual(["order-42"]);
    expect(await runsOf(harness.db, "paid")).toHaveLength(1);
    expect(await harness.db.workflowEvent.count({ where: { id: "order-42" } })).toBe(1);
    expect(executions).toBe(1);
  });

  it("runs events written by another process (a CLI) when it polls", async () => {
    harness = await startHarness((client) => [
      client.createFunction(
        { id: "from-cli", triggers: [{ event: "test/cli" }] },
        async ({ event }) => event.data.n as number,
      ),
    ]);
    // What a CLI does: only the database write, no engine in its process to wake.
    await harness.db.workflowEvent.create({
      data: {
        id: "cli-1",
        name: "test/cli",
        payload: JSON.stringify({ id: "cli-1", name: "test/cli", data: { n: 1 }, ts: Date.now() }),
      },
    });
    const [run] = await waitForEndedRuns(harness.db, "from-cli");
    expect(run).toMatchObject({ status: "COMPLETED", eventId: "cli-1" });
  });

  it("gives events sent without an id one, and refuses reserved names", async () => {
    harness = await startHarness(() => []);
    const { ids } = await harness.client.send({ name: "test/anonymous", data: {} });
    expect(ids).toHaveLength(1);
    expect(await harness.db.workflowEvent.findUnique({ where: { id: ids[0] ?? "" } })).toMatchObject({
      name: "test/anonymous",
    });
    await expect(receiveEvents(harness.db, [{ name: "inngest/function.failed", data: {} }])).rejects.toThrow(
      /reserved/,
    );
    await waitFor(
      async () => (await harness!.db.workflowEvent.count({ where: { processedAt: null } })) === 0,
      "the event to be dispatched",
    );
  });
});
