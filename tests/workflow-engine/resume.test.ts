import { afterEach, describe, expect, it } from "vitest";
import { type Harness, runsOf, startHarness, waitFor, waitForEndedRuns } from "./support";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function twoStepsAroundASleep(executions: { first: number; second: number }) {
  return (client: Harness["client"]) => [
    client.createFunction({ id: "long", triggers: [{ event: "test/long" }] }, async ({ step }) => {
      const first = await step.run("first", () => {
        executions.first += 1;
        return "reserved";
      });
      await step.sleep("pause", "1s");
      return step.run("second", () => {
        executions.second += 1;
        return `${first} and delivered`;
      });
    }),
  ];
}

describe("restart", () => {
  it("resumes a sleeping run in a fresh engine without re-running completed steps", async () => {
    const executions = { first: 0, second: 0 };
    harness = await startHarness(twoStepsAroundASleep(executions));
    await harness.client.send({ id: "long-1", name: "test/long", data: {} });
    await waitFor(async () => (await runsOf(harness!.db, "long"))[0]?.status === "SLEEPING", "the run to sleep");
    await harness.engine.stop();
    expect(await harness.db.workflowStep.count()).toBe(2); // "first" memoized, "pause" pending

    const successor = harness.newEngine();
    successor.start();
    const [run] = await waitForEndedRuns(harness.db, "long");
    expect(run?.status).toBe("COMPLETED");
    expect(executions).toEqual({ first: 1, second: 1 });
  });

  it("takes over a run whose engine died mid-call once its lease expires", async () => {
    const executions = { first: 0, second: 0 };
    harness = await startHarness(twoStepsAroundASleep(executions));
    await harness.client.send({ id: "long-2", name: "test/long", data: {} });
    await waitFor(async () => (await runsOf(harness!.db, "long"))[0]?.status === "SLEEPING", "the run to sleep");
    await harness.engine.stop();
    // What a process killed during a call leaves behind: the run held by an owner that is gone.
    const leaseUntil = new Date(Date.now() + 700);
    await harness.db.workflowRun.updateMany({
      data: { status: "RUNNING", leaseOwner: "dead-engine", leaseUntil, wakeAt: new Date() },
    });

    const successor = harness.newEngine();
    successor.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await runsOf(harness.db, "long"))[0]).toMatchObject({ status: "RUNNING", leaseOwner: "dead-engine" });

    const [run] = await waitForEndedRuns(harness.db, "long");
    expect(run?.status).toBe("COMPLETED");
    expect(run?.endedAt?.getTime()).toBeGreaterThanOrEqual(leaseUntil.getTime());
    expect(executions).toEqual({ first: 1, second: 1 });
  });
});
