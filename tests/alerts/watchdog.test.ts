import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alertConfigFrom, alertDepsOn, type AlertDeps } from "@/lib/alerts/config";
import { watchCws, watchEngine } from "@/lib/alerts/watchdog";
import type { CwsStatus } from "@/lib/cws/status";
import { parseRawEnv } from "@/lib/env";
import { createTestDb, type TestDb } from "../support/test-db";

// The checks that watch what the workflow engine cannot watch for itself: CWS going away, and the
// engine itself not taking up its runs.

let testDb: TestDb;
let now: Date;
let deps: AlertDeps;

beforeEach(() => {
  testDb = createTestDb();
  now = new Date("2026-12-02T03:00:00Z");
  deps = {
    ...alertDepsOn(testDb.db),
    config: alertConfigFrom(parseRawEnv({ CWS_DOWN_ALERT_MINUTES: "5", WORKFLOW_STALLED_ALERT_MINUTES: "5" })),
    now: () => now,
  };
});
afterEach(() => testDb.close());

const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const failing = (sinceMinutes: number): CwsStatus => ({
  state: "failing",
  lastOkAt: minutesAgo(30),
  lastFailureAt: minutesAgo(0),
  lastFailure: "timed out after 10 s",
  failingSince: minutesAgo(sinceMinutes),
});
const alerts = (type: string) => testDb.db.alert.findMany({ where: { type } });

describe("CWS unreachable", () => {
  it("waits CWS_DOWN_ALERT_MINUTES before raising a critical alert, counts it while it lasts, and resolves it when CWS answers", async () => {
    await watchCws(deps, failing(4));
    expect(await alerts("cws-unreachable")).toEqual([]);

    await watchCws(deps, failing(5));
    await watchCws(deps, failing(6));
    const [down] = await alerts("cws-unreachable");
    expect(down).toMatchObject({ severity: "CRITICAL", state: "OPEN", count: 2, subjectKind: "CWS_ACCOUNT" });
    expect(down!.message).toBe(
      "CWS has not answered since 02:54 UTC (6 minutes; last: timed out after 10 s). Purchases wait and retry by themselves, and nothing is bought twice; check CWS's status page and this server's network.",
    );

    await watchCws(deps, { ...failing(0), state: "ok", lastOkAt: minutesAgo(0), failingSince: null });
    expect(await alerts("cws-unreachable")).toMatchObject([
      { state: "RESOLVED", resolvedBy: null, resolution: "CWS answers again (last answer at 03:00 UTC)" },
    ]);
  });

  it("asks CWS again before counting an old failure as still down, and believes the answer", async () => {
    // One failed call six minutes ago, and nothing since: the probe finds CWS answering.
    const silent = { ...failing(6), lastFailureAt: minutesAgo(6) };
    let probed = 0;
    await watchCws(deps, silent, async () => {
      probed++;
      return { ...silent, state: "ok", lastOkAt: minutesAgo(0), failingSince: null };
    });
    expect(probed).toBe(1);
    expect(await testDb.db.alert.count()).toBe(0);

    // The probe fails too: failures now span the window, so CWS is down.
    await watchCws(deps, silent, async () => ({ ...silent, lastFailureAt: minutesAgo(0) }));
    expect(await alerts("cws-unreachable")).toMatchObject([{ state: "OPEN", severity: "CRITICAL" }]);
  });

  it("raises nothing while CWS has not been called yet", async () => {
    await watchCws(deps, {
      state: "unknown",
      lastOkAt: null,
      lastFailureAt: null,
      lastFailure: null,
      failingSince: null,
    });
    expect(await testDb.db.alert.count()).toBe(0);
  });
});

describe("the workflow engine", () => {
  async function run(status: "QUEUED" | "SLEEPING" | "COMPLETED", fields: { wakeAt?: Date | null; updatedAt: Date }) {
    const eventId = randomUUID();
    await testDb.db.workflowEvent.create({ data: { id: eventId, name: "g2a/order.paid", payload: "{}" } });
    await testDb.db.workflowRun.create({
      data: {
        id: randomUUID(),
        functionId: "g2a-dropship-fulfill-order",
        eventId,
        eventName: "g2a/order.paid",
        status,
        wakeAt: fields.wakeAt ?? null,
        updatedAt: fields.updatedAt,
      },
    });
  }

  it("says nothing while runs are taken up, even late ones", async () => {
    await run("QUEUED", { wakeAt: new Date(minutesAgo(8)), updatedAt: new Date(minutesAgo(8)) });
    await run("COMPLETED", { updatedAt: new Date(minutesAgo(1)) });
    await watchEngine(deps);
    expect(await testDb.db.alert.count()).toBe(0);
  });

  it("raises a critical alert when runs are due and none was taken up for WORKFLOW_STALLED_ALERT_MINUTES, and resolves it when the engine moves again", async () => {
    await run("QUEUED", { wakeAt: new Date(minutesAgo(8)), updatedAt: new Date(minutesAgo(8)) });
    await run("SLEEPING", { wakeAt: new Date(minutesAgo(6)), updatedAt: new Date(minutesAgo(20)) });
    await run("COMPLETED", { updatedAt: new Date(minutesAgo(9)) });
    await watchEngine(deps);
    const [stalled] = await alerts("workflow-stalled");
    expect(stalled).toMatchObject({
      severity: "CRITICAL",
      state: "OPEN",
      subjectKind: "SYSTEM",
      subjectId: "workflow-engine",
    });
    expect(stalled!.message).toContain(
      "2 workflow run(s) are due (the oldest since 02:52 UTC) and the engine has started none for 5 minutes",
    );

    await run("COMPLETED", { updatedAt: new Date(minutesAgo(0)) });
    await watchEngine(deps);
    expect(await alerts("workflow-stalled")).toMatchObject([
      { state: "RESOLVED", resolution: "The workflow engine is taking up its runs again" },
    ]);
  });
});

describe("retention", () => {
  it("forgets alerts resolved more than 90 days ago with their delivery log, and keeps the rest", async () => {
    const alert = (id: string, state: "OPEN" | "RESOLVED", resolvedDaysAgo: number | null) =>
      testDb.db.alert.create({
        data: {
          id,
          type: "stuck",
          severity: "WARNING",
          subjectKind: "SYSTEM",
          subjectId: id,
          subjectLabel: id,
          title: "Order stuck",
          message: "Stuck",
          link: "/",
          firstSeenAt: now,
          lastSeenAt: now,
          state,
          resolvedAt: resolvedDaysAgo === null ? null : new Date(now.getTime() - resolvedDaysAgo * 86_400_000),
          deliveries: {
            create: { channelId: "env-slack", channelName: "Slack", event: "raised", createdAt: now, updatedAt: now },
          },
        },
      });
    await alert(randomUUID(), "RESOLVED", 91);
    const recent = await alert(randomUUID(), "RESOLVED", 10);
    const open = await alert(randomUUID(), "OPEN", null);
    const { purgeOldAlerts } = await import("@/lib/alerts/watchdog");
    expect(await purgeOldAlerts(deps)).toBe(1);
    expect((await testDb.db.alert.findMany({ orderBy: { id: "asc" } })).map((row) => row.id).sort()).toEqual(
      [recent.id, open.id].sort(),
    );
    expect(await testDb.db.alertDelivery.count()).toBe(2);
  });
});
