import { afterEach, describe, expect, it } from "vitest";
import { CronError, latestSlot, parseCron } from "@/lib/workflow/cron";
import { type Harness, runsOf, startHarness, waitFor, waitForEndedRuns } from "./support";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const slot = (expression: string, at: string) => latestSlot(parseCron(expression), new Date(at))?.toISOString();

describe("cron schedules (UTC)", () => {
  it("finds the latest slot at or before a time", () => {
    expect(slot("* * * * *", "2030-01-01T10:00:30Z")).toBe("2030-01-01T10:00:00.000Z");
    expect(slot("*/15 9-17 * * MON-FRI", "2030-01-05T12:00:00Z")).toBe("2030-01-04T17:45:00.000Z"); // Saturday -> Friday
    expect(slot("0 0 1 1 *", "2030-06-01T00:00:00Z")).toBe("2030-01-01T00:00:00.000Z");
    expect(slot("@daily", "2030-03-01T00:00:00Z")).toBe("2030-03-01T00:00:00.000Z");
    expect(slot("30 4 29 2 *", "2030-01-01T00:00:00Z")).toBe("2028-02-29T04:30:00.000Z");
    // Both day fields restricted: either matches (the 13th, or any Friday).
    expect(slot("0 12 13 * 5", "2030-02-12T00:00:00Z")).toBe("2030-02-08T12:00:00.000Z");
    expect(slot("0 0 * * 7", "2030-01-08T00:00:00Z")).toBe("2030-01-06T00:00:00.000Z"); // 7 is Sunday
  });

  it("refuses what it cannot evaluate", () => {
    for (const bad of [
      "* * * *",
      "61 * * * *",
      "* * * * MON-",
      "TZ=Europe/Paris 0 9 * * *",
      "*/0 * * * *",
      "5-1 * * * *",
    ]) {
      expect(() => parseCron(bad), bad).toThrow(CronError);
    }
  });

  it("fires once per due slot, and once only after missed slots", async () => {
    let offset = 0;
    const moveClockTo = (iso: string) => {
      offset = Date.parse(iso) - Date.now();
    };
    moveClockTo("2030-01-01T10:00:30Z");
    const fired: unknown[] = [];
    harness = await startHarness(
      (client) => [
        client.createFunction({ id: "every-minute", triggers: [{ cron: "* * * * *" }] }, async ({ event }) => {
          fired.push({ name: event.name, data: event.data });
        }),
      ],
      { now: () => new Date(Date.now() + offset) },
    );
    const db = harness.db;
    await waitFor(async () => (await db.workflowCron.count()) === 1, "the schedule to be seen");
    expect(await runsOf(db, "every-minute")).toEqual([]);

    moveClockTo("2030-01-01T10:01:05Z");
    await harness.engine.tick();
    await waitForEndedRuns(db, "every-minute", 1);
    await harness.engine.tick();
    expect(await runsOf(db, "every-minute")).toHaveLength(1);

    // Six slots pass while nothing runs: one catch-up fire, not six.
    moveClockTo("2030-01-01T10:07:45Z");
    await harness.engine.tick();
    await harness.engine.tick();
    const runs = await waitForEndedRuns(db, "every-minute", 2);
    expect(runs).toHaveLength(2);
    expect(runs.every((run) => run.status === "COMPLETED" && run.eventName === "inngest/scheduled.timer")).toBe(true);
    expect(fired).toEqual([
      { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } },
      { name: "inngest/scheduled.timer", data: { cron: "* * * * *" } },
    ]);
    expect((await db.workflowCron.findFirstOrThrow()).lastFireAt.toISOString()).toBe("2030-01-01T10:07:00.000Z");
  });

  it("starts schedules due at the same minute a poll interval apart", async () => {
    let offset = 0;
    const moveClockTo = (iso: string) => {
      offset = Date.parse(iso) - Date.now();
    };
    moveClockTo("2030-01-01T10:00:30Z");
    harness = await startHarness(
      (client) =>
        ["job-a", "job-b", "job-c"].map((id) =>
          client.createFunction({ id, triggers: [{ cron: "* * * * *" }] }, async () => id),
        ),
      { now: () => new Date(Date.now() + offset) },
    );
    const db = harness.db;
    await waitFor(async () => (await db.workflowCron.count()) === 3, "the schedules to be seen");

    moveClockTo("2030-01-01T10:01:05Z");
    for (const id of ["job-a", "job-b", "job-c"]) await waitForEndedRuns(db, id, 1);
    const created = (await Promise.all(["job-a", "job-b", "job-c"].map((id) => runsOf(db, id))))
      .map(([run]) => run!.createdAt.getTime())
      .sort((a, b) => a - b);
    // The harness engine polls every 20 ms: each schedule waits at least that long after the one before.
    expect(created[1]! - created[0]!).toBeGreaterThanOrEqual(20);
    expect(created[2]! - created[1]!).toBeGreaterThanOrEqual(20);
  });
});
