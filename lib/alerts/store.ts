import { randomUUID } from "node:crypto";
import { cached, fromSqliteDateTime, sqliteDateTime, type SqliteConnection } from "@/lib/db";
import type { AlertSeverity, AlertSubjectKind } from "./message";

// Every write to Alert, AlertDelivery and AlertChannelStatus, and the reads the raising and
// delivering paths make in the same transaction. Plain SQL: an alert is raised from the hot paths.

export type AlertState = "open" | "acknowledged" | "resolved";

export type AlertRecord = {
  id: string;
  type: string;
  severity: AlertSeverity;
  subjectKind: AlertSubjectKind;
  subjectId: string;
  subjectLabel: string;
  title: string;
  message: string;
  link: string;
  details: string | null;
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  state: AlertState;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
  lastNotifiedAt: Date | null;
  notifiedSeverity: AlertSeverity | null;
};

/** What raising says: the alert's type, subject and words, with the facts behind them as JSON. */
export type AlertInput = Pick<
  AlertRecord,
  "type" | "severity" | "subjectKind" | "subjectId" | "subjectLabel" | "title" | "message" | "link" | "details"
>;

export type DeliveryRecord = {
  id: string;
  alertId: string;
  channelId: string;
  channelName: string;
  event: "raised" | "repeated" | "resolved";
  status: "pending" | "sent" | "failed";
  attempts: number;
};

/** A channel an admin saved in Settings, as the delivery reads it (the secret still sealed). */
export type StoredChannel = {
  id: string;
  kind: "slack" | "webhook" | "email";
  name: string;
  minSeverity: AlertSeverity;
  enabled: boolean;
  settings: string;
  sealedSecret: string;
};

export type ChannelStatus = {
  consecutiveFailures: number;
  /** Set once a delivery gave up; cleared by the next success. */
  failingSince: Date | null;
  lastError: string | null;
  lastFailureAt: Date | null;
  lastSuccessAt: Date | null;
};

const upper = (value: string) => value.toUpperCase().replace("-", "_");
const lower = (value: string) => value.toLowerCase().replace("_", "-");
const date = (value: unknown) => fromSqliteDateTime(value);

type Row = Record<string, unknown>;

function alertOf(row: Row): AlertRecord {
  return {
    id: String(row.id),
    type: String(row.type),
    severity: lower(String(row.severity)) as AlertSeverity,
    subjectKind: lower(String(row.subjectKind)) as AlertSubjectKind,
    subjectId: String(row.subjectId),
    subjectLabel: String(row.subjectLabel),
    title: String(row.title),
    message: String(row.message),
    link: String(row.link),
    details: (row.details as string | null) ?? null,
    count: Number(row.count),
    firstSeenAt: date(row.firstSeenAt)!,
    lastSeenAt: date(row.lastSeenAt)!,
    state: lower(String(row.state)) as AlertState,
    acknowledgedAt: date(row.acknowledgedAt),
    acknowledgedBy: (row.acknowledgedBy as string | null) ?? null,
    resolvedAt: date(row.resolvedAt),
    resolvedBy: (row.resolvedBy as string | null) ?? null,
    resolution: (row.resolution as string | null) ?? null,
    lastNotifiedAt: date(row.lastNotifiedAt),
    notifiedSeverity: row.notifiedSeverity ? (lower(String(row.notifiedSeverity)) as AlertSeverity) : null,
  };
}

function deliveryOf(row: Row): DeliveryRecord {
  return {
    id: String(row.id),
    alertId: String(row.alertId),
    channelId: String(row.channelId),
    channelName: String(row.channelName),
    event: String(row.event) as DeliveryRecord["event"],
    status: lower(String(row.status)) as DeliveryRecord["status"],
    attempts: Number(row.attempts),
  };
}

/** One open alert per type and subject: the key the unique index holds while it is not resolved. */
export const openKeyOf = (alert: Pick<AlertRecord, "type" | "subjectKind" | "subjectId">) =>
  `${alert.type}|${alert.subjectKind}|${alert.subjectId}`;

const MORE_SEVERE: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

export class AlertStore {
  constructor(private readonly sql: SqliteConnection) {}

  /**
   * Opens the alert, or counts a repeat of the one open for its type and subject: the repeat's words
   * replace the message, and the severity only ever rises.
   */
  raise(input: AlertInput, at: Date): { alert: AlertRecord; created: boolean } {
    const key = openKeyOf(input);
    const open = cached(this.sql, `SELECT * FROM "Alert" WHERE openKey = ?`).get(key) as Row | undefined;
    const now = sqliteDateTime(at);
    if (open) {
      const current = alertOf(open);
      const severity = MORE_SEVERE[input.severity] < MORE_SEVERE[current.severity] ? input.severity : current.severity;
      cached(
        this.sql,
        `UPDATE "Alert" SET count = count + 1, lastSeenAt = ?, message = ?, details = ?, severity = ? WHERE id = ?`,
      ).run(now, input.message, input.details, upper(severity), current.id);
      return { alert: this.byId(current.id)!, created: false };
    }
    const id = randomUUID();
    cached(
      this.sql,
      `INSERT INTO "Alert" (id, type, severity, subjectKind, subjectId, subjectLabel, title, message, link, details, count, firstSeenAt, lastSeenAt, state, openKey)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, 'OPEN', ?)`,
    ).run(
      id,
      input.type,
      upper(input.severity),
      upper(input.subjectKind),
      input.subjectId,
      input.subjectLabel,
      input.title,
      input.message,
      input.link,
      input.details,
      now,
      now,
      key,
    );
    return { alert: this.byId(id)!, created: true };
  }

  byId(id: string): AlertRecord | null {
    const row = cached(this.sql, `SELECT * FROM "Alert" WHERE id = ?`).get(id) as Row | undefined;
    return row ? alertOf(row) : null;
  }

  /** The subject's alerts that are not resolved, of the given types (all types when null). */
  unresolvedOf(subjectKind: AlertSubjectKind, subjectId: string, types: readonly string[] | null): AlertRecord[] {
    const rows = cached(
      this.sql,
      `SELECT * FROM "Alert" WHERE subjectKind = ? AND subjectId = ? AND state != 'RESOLVED' ORDER BY firstSeenAt`,
    ).all(upper(subjectKind), subjectId) as Row[];
    return rows.map(alertOf).filter((alert) => types === null || types.includes(alert.type));
  }

  /** Every alert of a type that is not resolved. */
  unresolvedOfType(type: string): AlertRecord[] {
    const rows = cached(this.sql, `SELECT * FROM "Alert" WHERE type = ? AND state != 'RESOLVED'`).all(type) as Row[];
    return rows.map(alertOf);
  }

  /** Orders that finished (completed) while their alerts stayed open: a missed resolution to catch up. */
  ordersFinishedWithOpenAlerts(limit: number): string[] {
    const rows = cached(
      this.sql,
      `SELECT DISTINCT a.subjectId FROM "Alert" a JOIN "Order" o ON o.id = a.subjectId
       WHERE a.subjectKind = 'ORDER' AND a.state != 'RESOLVED' AND o.status = 'COMPLETED' LIMIT ?`,
    ).all(limit) as Row[];
    return rows.map((row) => String(row.subjectId));
  }

  /** A page of alert ids in one state: critical first, then warning, then info, each most recent first. */
  pageIds(
    state: AlertState,
    filter: { type?: string; severity?: AlertSeverity },
    page: { skip: number; take: number },
  ): string[] {
    const rows = cached(
      this.sql,
      `SELECT id FROM "Alert" WHERE state = ? AND (? IS NULL OR type = ?) AND (? IS NULL OR severity = ?)
       ORDER BY CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END, lastSeenAt DESC LIMIT ? OFFSET ?`,
    ).all(
      upper(state),
      filter.type ?? null,
      filter.type ?? null,
      filter.severity ? upper(filter.severity) : null,
      filter.severity ? upper(filter.severity) : null,
      page.take,
      page.skip,
    ) as Row[];
    return rows.map((row) => String(row.id));
  }

  /** Forgets alerts resolved before `before`, with their deliveries; how many. */
  purgeResolved(before: Date): number {
    return cached(this.sql, `DELETE FROM "Alert" WHERE state = 'RESOLVED' AND resolvedAt < ?`).run(
      sqliteDateTime(before),
    ).changes;
  }

  /** Other unresolved alerts of the alert's type that channels were told of since `since`. */
  othersNotifiedSince(alert: Pick<AlertRecord, "id" | "type">, since: Date): number {
    const row = cached(
      this.sql,
      `SELECT COUNT(*) AS alerts FROM "Alert" WHERE type = ? AND id != ? AND state != 'RESOLVED' AND lastNotifiedAt >= ?`,
    ).get(alert.type, alert.id, sqliteDateTime(since)) as { alerts: bigint };
    return Number(row.alerts);
  }

  markNotified(id: string, severity: AlertSeverity, at: Date): void {
    cached(this.sql, `UPDATE "Alert" SET lastNotifiedAt = ?, notifiedSeverity = ? WHERE id = ?`).run(
      sqliteDateTime(at),
      upper(severity),
      id,
    );
  }

  /** Staff saw it; false when it is not open. */
  acknowledge(id: string, by: string, note: string | null, at: Date): boolean {
    return (
      cached(
        this.sql,
        `UPDATE "Alert" SET state = 'ACKNOWLEDGED', acknowledgedAt = ?, acknowledgedBy = ?, acknowledgeNote = ? WHERE id = ? AND state = 'OPEN'`,
      ).run(sqliteDateTime(at), by, note, id).changes === 1
    );
  }

  /** Resolved by staff (`by`) or by itself (`by` null), with why; false when it already was. */
  resolve(id: string, by: string | null, resolution: string, at: Date): boolean {
    return (
      cached(
        this.sql,
        `UPDATE "Alert" SET state = 'RESOLVED', openKey = NULL, resolvedAt = ?, resolvedBy = ?, resolution = ? WHERE id = ? AND state != 'RESOLVED'`,
      ).run(sqliteDateTime(at), by, resolution, id).changes === 1
    );
  }

  addDelivery(
    alertId: string,
    channel: { id: string; name: string },
    event: DeliveryRecord["event"],
    at: Date,
  ): string {
    const id = randomUUID();
    const now = sqliteDateTime(at);
    cached(
      this.sql,
      `INSERT INTO "AlertDelivery" (id, alertId, channelId, channelName, event, status, attempts, nextAttemptAt, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)`,
    ).run(id, alertId, channel.id, channel.name, event, now, now, now);
    return id;
  }

  /** Takes a pending delivery for one attempt until `until`; null when it is done or another sender holds it. */
  claimDelivery(id: string, until: Date, now: Date): DeliveryRecord | null {
    const taken = cached(
      this.sql,
      `UPDATE "AlertDelivery" SET claimedUntil = ?, updatedAt = ? WHERE id = ? AND status = 'PENDING' AND (claimedUntil IS NULL OR claimedUntil < ?)`,
    ).run(sqliteDateTime(until), sqliteDateTime(now), id, sqliteDateTime(now));
    if (taken.changes !== 1) return null;
    return this.delivery(id);
  }

  delivery(id: string): DeliveryRecord | null {
    const row = cached(this.sql, `SELECT * FROM "AlertDelivery" WHERE id = ?`).get(id) as Row | undefined;
    return row ? deliveryOf(row) : null;
  }

  /** Records an attempt: sent, to be tried again at `nextAttemptAt`, or given up (failed). */
  recordAttempt(
    id: string,
    outcome: { status: "sent" | "pending" | "failed"; result: string; nextAttemptAt: Date | null },
    at: Date,
  ): void {
    const now = sqliteDateTime(at);
    cached(
      this.sql,
      `UPDATE "AlertDelivery" SET status = ?, attempts = attempts + 1, lastAttemptAt = ?, lastResult = ?, nextAttemptAt = ?,
         claimedUntil = NULL, sentAt = CASE WHEN ? = 'SENT' THEN ? ELSE sentAt END, updatedAt = ? WHERE id = ?`,
    ).run(
      upper(outcome.status),
      now,
      outcome.result,
      outcome.nextAttemptAt ? sqliteDateTime(outcome.nextAttemptAt) : null,
      upper(outcome.status),
      now,
      now,
      id,
    );
  }

  /** Gives up a pending delivery without sending it (its channel was removed or disabled). */
  dropDelivery(id: string, result: string, at: Date): void {
    const now = sqliteDateTime(at);
    cached(
      this.sql,
      `UPDATE "AlertDelivery" SET status = 'FAILED', lastResult = ?, nextAttemptAt = NULL, claimedUntil = NULL, updatedAt = ? WHERE id = ? AND status = 'PENDING'`,
    ).run(result, now, id);
  }

  /** Pending deliveries whose next attempt was due before `before` and that no sender holds. */
  overdueDeliveries(before: Date, now: Date, limit: number): string[] {
    const rows = cached(
      this.sql,
      `SELECT id FROM "AlertDelivery" WHERE status = 'PENDING' AND nextAttemptAt <= ? AND (claimedUntil IS NULL OR claimedUntil < ?) ORDER BY nextAttemptAt LIMIT ?`,
    ).all(sqliteDateTime(before), sqliteDateTime(now), limit) as Row[];
    return rows.map((row) => String(row.id));
  }

  /** A delivery reached the channel: it is not failing any more. */
  channelSucceeded(channelId: string, at: Date): { wasFailing: boolean } {
    const before = this.#status(channelId);
    const now = sqliteDateTime(at);
    cached(
      this.sql,
      `INSERT INTO "AlertChannelStatus" (channelId, consecutiveFailures, failingSince, lastSuccessAt, updatedAt) VALUES (?, 0, NULL, ?, ?)
       ON CONFLICT (channelId) DO UPDATE SET consecutiveFailures = 0, failingSince = NULL, lastSuccessAt = excluded.lastSuccessAt, updatedAt = excluded.updatedAt`,
    ).run(channelId, now, now);
    return { wasFailing: before?.failingSince != null };
  }

  /** An attempt failed; `gaveUp` when a delivery ran out of attempts, which marks the channel failing. */
  channelFailed(channelId: string, error: string, gaveUp: boolean, at: Date): { failingSince: Date | null } {
    const now = sqliteDateTime(at);
    cached(
      this.sql,
      `INSERT INTO "AlertChannelStatus" (channelId, consecutiveFailures, failingSince, lastError, lastFailureAt, updatedAt) VALUES (?, 1, ?, ?, ?, ?)
       ON CONFLICT (channelId) DO UPDATE SET consecutiveFailures = consecutiveFailures + 1,
         failingSince = COALESCE(failingSince, excluded.failingSince), lastError = excluded.lastError,
         lastFailureAt = excluded.lastFailureAt, updatedAt = excluded.updatedAt`,
    ).run(channelId, gaveUp ? now : null, error, now, now);
    const status = this.#status(channelId);
    return { failingSince: date(status?.failingSince) };
  }

  forgetChannelStatus(channelId: string): void {
    cached(this.sql, `DELETE FROM "AlertChannelStatus" WHERE channelId = ?`).run(channelId);
  }

  #status(channelId: string): Row | undefined {
    return cached(this.sql, `SELECT * FROM "AlertChannelStatus" WHERE channelId = ?`).get(channelId) as Row | undefined;
  }

  /** Saves a channel an admin created or edited (the secret already sealed). */
  saveChannel(channel: StoredChannel, by: string, at: Date): void {
    const now = sqliteDateTime(at);
    cached(
      this.sql,
      `INSERT INTO "AlertChannel" (id, kind, name, minSeverity, enabled, settings, sealedSecret, createdBy, createdAt, updatedBy, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, minSeverity = excluded.minSeverity, enabled = excluded.enabled,
         settings = excluded.settings, sealedSecret = excluded.sealedSecret, updatedBy = excluded.updatedBy, updatedAt = excluded.updatedAt`,
    ).run(
      channel.id,
      upper(channel.kind),
      channel.name,
      upper(channel.minSeverity),
      channel.enabled ? 1 : 0,
      channel.settings,
      channel.sealedSecret,
      by,
      now,
      by,
      now,
    );
  }

  /** Removes a saved channel and what is known of its deliveries' health; false when there was none. */
  deleteChannel(id: string): boolean {
    const removed = cached(this.sql, `DELETE FROM "AlertChannel" WHERE id = ?`).run(id).changes === 1;
    if (removed) this.forgetChannelStatus(id);
    return removed;
  }

  /** How each channel's deliveries are going, by channel id. */
  channelStatuses(): Map<string, ChannelStatus> {
    const rows = cached(this.sql, `SELECT * FROM "AlertChannelStatus"`).all() as Row[];
    return new Map(
      rows.map((row) => [
        String(row.channelId),
        {
          consecutiveFailures: Number(row.consecutiveFailures),
          failingSince: date(row.failingSince),
          lastError: (row.lastError as string | null) ?? null,
          lastFailureAt: date(row.lastFailureAt),
          lastSuccessAt: date(row.lastSuccessAt),
        },
      ]),
    );
  }

  /** The channels saved in Settings (enabled or not). */
  storedChannels(): StoredChannel[] {
    const rows = cached(this.sql, `SELECT * FROM "AlertChannel" ORDER BY createdAt`).all() as Row[];
    return rows.map((row) => ({
      id: String(row.id),
      kind: lower(String(row.kind)) as StoredChannel["kind"],
      name: String(row.name),
      minSeverity: lower(String(row.minSeverity)) as AlertSeverity,
      enabled: Number(row.enabled) === 1,
      settings: String(row.settings),
      sealedSecret: String(row.sealedSecret),
    }));
  }
}
