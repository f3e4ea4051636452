import type { Actor } from "@/lib/audit";
import { alertDepsOn } from "@/lib/alerts/config";
import { ALERT_TYPES, alertTypeInfo } from "@/lib/alerts/catalogue";
import { resolveByStaff } from "@/lib/alerts/raise";
import type { Db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Alert, AlertDelivery } from "@/lib/generated/prisma/client";
import { inTransaction, reading } from "@/lib/stores";
import type { AlertDeliveryRow, AlertDetail, AlertListQuery, AlertPage, AlertRow, AlertSummary } from "./alert-schema";
import { pageWindow } from "./paging";

const lower = <T extends string>(value: string) => value.toLowerCase().replace("_", "-") as T;
const iso = (value: Date | null) => value?.toISOString() ?? null;

function alertRow(alert: Alert): AlertRow {
  return {
    id: alert.id,
    type: alert.type,
    title: alert.title,
    severity: lower(alert.severity),
    subject: { kind: lower(alert.subjectKind), id: alert.subjectId || null, label: alert.subjectLabel },
    message: alert.message,
    link: alert.link,
    count: alert.count,
    firstSeenAt: alert.firstSeenAt.toISOString(),
    lastSeenAt: alert.lastSeenAt.toISOString(),
    state: lower(alert.state),
    acknowledgedAt: iso(alert.acknowledgedAt),
    acknowledgedBy: alert.acknowledgedBy,
    acknowledgeNote: alert.acknowledgeNote,
    resolvedAt: iso(alert.resolvedAt),
    resolvedBy: alert.resolvedBy,
    resolution: alert.resolution,
  };
}

function deliveryRow(delivery: AlertDelivery): AlertDeliveryRow {
  return {
    id: delivery.id,
    channelId: delivery.channelId,
    channelName: delivery.channelName,
    event: delivery.event,
    status: lower(delivery.status),
    attempts: delivery.attempts,
    lastAttemptAt: iso(delivery.lastAttemptAt),
    nextAttemptAt: delivery.status === "PENDING" ? iso(delivery.nextAttemptAt) : null,
    lastResult: delivery.lastResult,
    sentAt: iso(delivery.sentAt),
    createdAt: delivery.createdAt.toISOString(),
  };
}

const STATE = { open: "OPEN", acknowledged: "ACKNOWLEDGED", resolved: "RESOLVED" } as const;

/** One state's alerts, most severe and most recent first (resolved: most recently resolved first). */
export async function listAlerts(db: Db, query: AlertListQuery): Promise<AlertPage> {
  const filters: Prisma.AlertWhereInput = {
    ...(query.type ? { type: query.type } : {}),
    ...(query.severity ? { severity: query.severity.toUpperCase() as Alert["severity"] } : {}),
  };
  const where: Prisma.AlertWhereInput = { ...filters, state: STATE[query.state] };
  const window = pageWindow(query);
  // Resolved: most recently resolved first; otherwise the most severe first (an order the enum's text cannot give).
  const rowsOfPage = async () => {
    if (query.state === "resolved") return db.alert.findMany({ where, orderBy: [{ resolvedAt: "desc" }], ...window });
    const ids = await reading(db, (stores) =>
      stores.alerts.pageIds(query.state, { type: query.type, severity: query.severity }, window),
    );
    const found = await db.alert.findMany({ where: { id: { in: ids } } });
    return ids.map((id) => found.find((row) => row.id === id)!).filter(Boolean);
  };
  const [rows, total, byState] = await Promise.all([
    rowsOfPage(),
    db.alert.count({ where }),
    db.alert.groupBy({ by: ["state"], where: filters, _count: { _all: true } }),
  ]);
  const count = (state: Alert["state"]) => byState.find((row) => row.state === state)?._count._all ?? 0;
  return {
    items: rows.map(alertRow),
    page: query.page,
    pageSize: query.pageSize,
    total,
    counts: { open: count("OPEN"), acknowledged: count("ACKNOWLEDGED"), resolved: count("RESOLVED") },
    types: ALERT_TYPES.map((type) => ({ type, title: alertTypeInfo(type).title })),
  };
}

export async function getAlert(db: Db, id: string): Promise<AlertDetail> {
  const alert = await db.alert.findUnique({
    where: { id },
    include: { deliveries: { orderBy: { createdAt: "desc" }, take: 100 } },
  });
  if (!alert) throw new AppError("NOT_FOUND", "No such alert");
  return {
    alert: alertRow(alert),
    details: alert.details ? (JSON.parse(alert.details) as Record<string, unknown>) : null,
    deliveries: alert.deliveries.map(deliveryRow),
  };
}

/** What the sidebar shows: open alerts, and how many of them are critical. */
export async function alertSummary(db: Db): Promise<AlertSummary> {
  const [openCritical, open] = await Promise.all([
    db.alert.count({ where: { state: "OPEN", severity: "CRITICAL" } }),
    db.alert.count({ where: { state: "OPEN" } }),
  ]);
  return { openCritical, open };
}

/** Staff saw the alert: repeats raise its count but are not sent again. 409 unless it is open. */
export async function acknowledgeAlert(
  db: Db,
  actor: Actor,
  id: string,
  note: string | undefined,
): Promise<AlertDetail> {
  const deps = alertDepsOn(db);
  const now = deps.now();
  await inTransaction(db, (tx) => {
    const alert = tx.alerts.byId(id);
    if (!alert) throw new AppError("NOT_FOUND", "No such alert");
    if (!tx.alerts.acknowledge(id, actor.email, note ?? null, now))
      throw new AppError("CONFLICT", `This alert is ${alert.state}; only an open alert can be acknowledged`);
    tx.audit.record(
      actor,
      { action: "alert.acknowledge", targetType: "alert", targetId: id, reason: note, details: { type: alert.type } },
      now,
    );
  });
  return getAlert(db, id);
}

/** Staff resolve the alert with a note; channels told of it hear it is resolved. 409 when it already is. */
export async function resolveAlert(db: Db, actor: Actor, id: string, note: string): Promise<AlertDetail> {
  const deps = alertDepsOn(db);
  const before = await db.alert.findUnique({ where: { id }, select: { state: true, type: true } });
  if (!before) throw new AppError("NOT_FOUND", "No such alert");
  const resolved = await resolveByStaff(deps, id, actor.email, note, (tx) =>
    tx.audit.record(
      actor,
      { action: "alert.resolve", targetType: "alert", targetId: id, reason: note, details: { type: before.type } },
      deps.now(),
    ),
  );
  if (!resolved) throw new AppError("CONFLICT", "This alert is already resolved");
  return getAlert(db, id);
}
