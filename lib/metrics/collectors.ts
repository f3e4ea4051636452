import { currentBackupStatus } from "@/lib/backup/status";
import type { Db } from "@/lib/db";
import { readKnownCwsBalance } from "@/lib/fulfillment/maintenance";
import { OrderStatus } from "@/lib/generated/prisma/enums";
import { metrics } from "./registry";

/** Sets every gauge from `counts`, zero for the labels not in it, so a state emptied reads 0. */
function setAll<Label extends string>(
  gauge: { reset(): void; set(labels: Record<Label, string>, value: number): void },
  label: Label,
  names: readonly string[],
  counts: Map<string, number>,
): void {
  gauge.reset();
  for (const name of new Set([...names, ...counts.keys()]))
    gauge.set({ [label]: name } as Record<Label, string>, counts.get(name) ?? 0);
}

const countsBy = <Row>(rows: Row[], key: (row: Row) => string, count: (row: Row) => number) =>
  new Map(rows.map((row) => [key(row), count(row)]));

/** Seconds since the newest backup; -1 when there is none or the folder cannot be read. */
function backupAgeSeconds(now: Date): number {
  const newest = currentBackupStatus(now)?.lastSuccess;
  return newest ? Math.round((now.getTime() - Date.parse(newest.at)) / 1000) : -1;
}

/** Reads the database's totals into the scraped gauges; a few grouped counts, once per scrape. */
export async function collectFromDatabase(db: Db, now: Date = new Date()): Promise<void> {
  const { scraped } = metrics();
  const [orders, attempts, runs, due, offers, alerts, balance] = await Promise.all([
    db.order.groupBy({ by: ["status"], _count: { _all: true } }),
    db.cwsPlacementAttempt.groupBy({ by: ["outcome"], _count: { _all: true } }),
    db.workflowRun.groupBy({
      by: ["status"],
      where: { status: { in: ["RUNNING", "FAILED"] } },
      _count: { _all: true },
    }),
    db.workflowRun.count({ where: { status: { in: ["QUEUED", "SLEEPING"] }, wakeAt: { lte: now } } }),
    Promise.all([
      db.g2aOfferState.count({ where: { active: true } }),
      db.g2aOfferState.count({ where: { OR: [{ active: false }, { active: null }] } }),
      db.g2aOfferState.count({ where: { pausedByG2aAt: { not: null } } }),
      db.g2aOfferState.count({ where: { lastOutcome: "failed" } }),
    ]),
    db.alert.groupBy({ by: ["severity"], where: { state: { not: "RESOLVED" } }, _count: { _all: true } }),
    readKnownCwsBalance(db),
  ]);
  setAll(
    scraped.orders,
    "status",
    Object.values(OrderStatus),
    countsBy(
      orders,
      (row) => row.status,
      (row) => row._count._all,
    ),
  );
  setAll(
    scraped.purchaseAttempts,
    "outcome",
    [],
    countsBy(
      attempts,
      (row) => row.outcome ?? "IN_FLIGHT",
      (row) => row._count._all,
    ),
  );
  const runCounts = countsBy(
    runs,
    (row) => row.status.toLowerCase(),
    (row) => row._count._all,
  );
  runCounts.set("due", due);
  setAll(scraped.workflowRuns, "state", ["due", "running", "failed"], runCounts);
  const [active, inactive, pausedByG2a, failing] = offers;
  setAll(
    scraped.offers,
    "state",
    [],
    new Map([
      ["active", active],
      ["inactive", inactive],
      ["paused_by_g2a", pausedByG2a],
      ["failing", failing],
    ]),
  );
  setAll(
    scraped.openAlerts,
    "severity",
    ["critical", "warning", "info"],
    countsBy(
      alerts,
      (row) => row.severity.toLowerCase(),
      (row) => row._count._all,
    ),
  );
  scraped.cwsBalance.reset();
  if (balance) scraped.cwsBalance.set(Number(balance.totalToUseCents) / 100);
  scraped.backupAge.set(backupAgeSeconds(now));
}
