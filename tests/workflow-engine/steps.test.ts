import { afterEach, describe, expect, it } from "vitest";
import { compileKey } from "@/lib/workflow/keys";
import { parseTimeString, sleepEndsAt } from "@/lib/workflow/duration";
import { type Harness, startHarness, waitForEndedRuns } from "./support";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("steps", () => {
  it("runs parallel steps one call each and continues with all their results", async () => {
    const calls: string[] = [];
    harness = await startHarness((client) => [
      client.createFunction({ id: "fan-out", triggers: [{ event: "test/fan-out" }] }, async ({ step }) => {
        const [a, b] = await Promise.all([
          step.run("a", () => {
            calls.push("a");
            return 1;
          }),
          step.run("b", () => {
            calls.push("b");
            return 2;
          }),
        ]);
        return step.run("sum", () => {
          calls.push("sum");
          return a + b;
        });
      }),
    ]);
    await harness.client.send({ id: "fan-1", name: "test/fan-out", data: {} });
    const [run] = await waitForEndedRuns(harness.db, "fan-out");
    expect(run).toMatchObject({ status: "COMPLETED", disableImmediateExecution: true });
    expect([...calls].sort()).toEqual(["a", "b", "sum"]);
  });

  it("delivers events sent from a step to the functions they trigger", async () => {
    const received: unknown[] = [];
    harness = await startHarness((client) => [
      client.createFunction({ id: "producer", triggers: [{ event: "test/produce" }] }, async ({ step }) => {
        await step.sendEvent("notify", { id: "consumed-1", name: "test/consume", data: { n: 7 } });
      }),
      client.createFunction({ id: "consumer", triggers: [{ event: "test/consume" }] }, async ({ event }) => {
        received.push(event.data);
      }),
    ]);
    await harness.client.send({ id: "produce-1", name: "test/produce", data: {} });
    const [run] = await waitForEndedRuns(harness.db, "consumer");
    expect(run?.status).toBe("COMPLETED");
    expect(received).toEqual([{ n: 7 }]);
  });

  it("fails a run that uses a step type the engine does not support, saying which", async () => {
    harness = await startHarness((client) => [
      client.createFunction({ id: "waiter", triggers: [{ event: "test/wait" }] }, async ({ step }) => {
        await step.waitForEvent("approval", { event: "test/approved", timeout: "1h" });
      }),
    ]);
    await harness.client.send({ id: "wait-1", name: "test/wait", data: {} });
    const [run] = await waitForEndedRuns(harness.db, "waiter");
    expect(run?.status).toBe("FAILED");
    expect(run?.lastError).toContain("does not support WaitForEvent steps");
  });
});

describe("what the engine reads from the SDK", () => {
  it("reads time strings and ISO dates of sleeps", () => {
    expect(parseTimeString("1s")).toBe(1000);
    expect(parseTimeString("1h30m")).toBe(5_400_000);
    expect(parseTimeString("2w1d")).toBe(15 * 86_400_000);
    expect(parseTimeString("250ms")).toBe(250);
    expect(parseTimeString("soon")).toBeUndefined();
    const now = new Date("2030-01-01T00:00:00Z");
    expect(sleepEndsAt("2030-01-02T00:00:00.000Z", now)?.toISOString()).toBe("2030-01-02T00:00:00.000Z");
    expect(sleepEndsAt("1m", now)?.toISOString()).toBe("2030-01-01T00:01:00.000Z");
  });

  it("evaluates key paths into the event and flags other expressions", () => {
    const event = { name: "test/x", data: { orderId: "o-1", customer: { id: 7 }, constructorLike: null } };
    expect(compileKey("event.data.orderId").evaluate(event)).toBe("o-1");
    expect(compileKey("event.data.customer.id").evaluate(event)).toBe("7");
    expect(compileKey("event.data.missing.deeper").evaluate(event)).toBe("");
    expect(compileKey("event.data.constructor").evaluate(event)).toBe("");
    expect(compileKey('event.data.a + "-" + event.data.b')).toMatchObject({ supported: false });
  });
});
