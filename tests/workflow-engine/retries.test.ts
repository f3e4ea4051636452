import { NonRetriableError } from "inngest";
import { afterEach, describe, expect, it } from "vitest";
import { BODY_LIMITS } from "@/lib/http/body";
import { type Harness, startHarness, waitFor, waitForEndedRuns } from "./support";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

type FailureCall = { originalEvent: unknown; message: string; functionId: unknown };

describe("retries and onFailure", () => {
  it("retries a failing step with backoff until it succeeds", async () => {
    const attempts: number[] = [];
    harness = await startHarness((client) => [
      client.createFunction({ id: "flaky", retries: 2, triggers: [{ event: "test/flaky" }] }, async ({ step }) =>
        step.run("call-supplier", () => {
          attempts.push(Date.now());
          if (attempts.length < 3) throw new Error(`supplier timeout ${attempts.length}`);
          return "placed";
        }),
      ),
    ]);
    await harness.client.send({ id: "flaky-1", name: "test/flaky", data: {} });

    const [run] = await waitForEndedRuns(harness.db, "flaky");
    expect(run).toMatchObject({ status: "COMPLETED", lastError: "supplier timeout 2" });
    expect(attempts).toHaveLength(3);
  });

  it("fails the run when retries are exhausted and calls onFailure with the original event", async () => {
    let executions = 0;
    const failures: FailureCall[] = [];
    harness = await startHarness((client) => [
      client.createFunction(
        {
          id: "doomed",
          retries: 1,
          triggers: [{ event: "test/doomed" }],
          onFailure: async ({ event, error }) => {
            failures.push({
              originalEvent: event.data.event,
              message: error.message,
              functionId: event.data.function_id,
            });
          },
        },
        async ({ step }) =>
          step.run("always-fails", () => {
            executions += 1;
            throw new Error("CWS refused the order");
          }),
      ),
    ]);
    await harness.client.send({ id: "doomed-1", name: "test/doomed", data: { orderId: "o-1" } });

    const [run] = await waitForEndedRuns(harness.db, "doomed");
    expect(run).toMatchObject({ status: "FAILED", lastError: "CWS refused the order" });
    expect(executions).toBe(2);
    const [handler] = await waitForEndedRuns(harness.db, "doomed-failure");
    expect(handler).toMatchObject({ status: "COMPLETED", eventName: "inngest/function.failed" });
    expect(failures).toEqual([
      {
        originalEvent: expect.objectContaining({ id: "doomed-1", name: "test/doomed", data: { orderId: "o-1" } }),
        message: "CWS refused the order",
        functionId: "wf-test-doomed",
      },
    ]);
  });

  it("fails a run at once when its step results would make a call larger than the serve handler reads", async () => {
    let executions = 0;
    harness = await startHarness((client) => [
      client.createFunction({ id: "bloated", retries: 3, triggers: [{ event: "test/bloated" }] }, async ({ step }) => {
        await step.run("large-result", () => {
          executions += 1;
          return "x".repeat(BODY_LIMITS.workflow);
        });
        return step.run("never-reached", () => "done");
      }),
    ]);
    await harness.client.send({ id: "bloated-1", name: "test/bloated", data: {} });

    const [run] = await waitForEndedRuns(harness.db, "bloated");
    expect(run?.status).toBe("FAILED");
    expect(run?.lastError).toMatch(/over the 1048576 bytes the serve handler reads/);
    expect(executions).toBe(1);
  });

  it("stops at once on a NonRetriableError and calls onFailure", async () => {
    let executions = 0;
    const failures: string[] = [];
    harness = await startHarness((client) => [
      client.createFunction(
        {
          id: "refused",
          retries: 3,
          triggers: [{ event: "test/refused" }],
          onFailure: async ({ error }) => {
            failures.push(error.message);
          },
        },
        async ({ step }) =>
          step.run("place", () => {
            executions += 1;
            throw new NonRetriableError("balance too low");
          }),
      ),
    ]);
    await harness.client.send({ id: "refused-1", name: "test/refused", data: {} });

    const [run] = await waitForEndedRuns(harness.db, "refused");
    expect(run).toMatchObject({ status: "FAILED", lastError: "balance too low" });
    await waitFor(() => failures.length === 1, "onFailure");
    expect(failures).toEqual(["balance too low"]);
    expect(executions).toBe(1);
  });

  it("retries an error thrown outside any step and fails without a retry on a NonRetriableError", async () => {
    let calls = 0;
    harness = await startHarness((client) => [
      client.createFunction(
        { id: "body-errors", retries: 2, triggers: [{ event: "test/body" }] },
        async ({ event }) => {
          calls += 1;
          if (event.data.permanent) throw new NonRetriableError("order is gone");
          if (calls < 2) throw new Error("database busy");
          return "done";
        },
      ),
    ]);
    await harness.client.send({ id: "body-1", name: "test/body", data: { permanent: false } });
    const [run] = await waitForEndedRuns(harness.db, "body-errors");
    expect(run).toMatchObject({ status: "COMPLETED" });
    expect(calls).toBe(2);

    calls = 0;
    await harness.client.send({ id: "body-2", name: "test/body", data: { permanent: true } });
    const runs = await waitForEndedRuns(harness.db, "body-errors", 2);
    expect(runs[1]).toMatchObject({ status: "FAILED", lastError: "order is gone" });
    expect(calls).toBe(1);
  });
});
