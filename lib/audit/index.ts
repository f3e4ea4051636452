import { cached, sqliteDateTime, type Prisma, type SqliteConnection } from "@/lib/db";
import { jsonWithBigInts } from "@/lib/json";

/** Who did something in the dashboard, and from where. */
export type Actor = {
  id: string;
  email: string;
  role: "ADMIN" | "OPERATOR" | "VIEWER";
  ip?: string | null;
  userAgent?: string | null;
};

/** One line of the audit log: who, what, when, from where, and why. Details never hold keys or secrets. */
export type AuditEntry = {
  action: string;
  targetType?: string;
  targetId?: string;
  reason?: string;
  details?: Record<string, unknown>;
};

// The one statement that writes `AuditLog`, run in whichever transaction the audited change is made:
// a plain-SQL one (AuditStore) or a Prisma one (recordAudit).
const INSERT = `INSERT INTO "AuditLog" (at, actorId, actorEmail, action, targetType, targetId, reason, ip, userAgent, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function values(actor: Actor, entry: AuditEntry, at: Date) {
  return [
    sqliteDateTime(at),
    actor.id,
    actor.email,
    entry.action,
    entry.targetType ?? null,
    entry.targetId ?? null,
    entry.reason ?? null,
    actor.ip ?? null,
    actor.userAgent?.slice(0, 300) ?? null,
    entry.details ? jsonWithBigInts(entry.details) : null,
  ];
}

/** The audit log inside a plain-SQL transaction (an order's staff actions). */
export class AuditStore {
  constructor(private readonly sql: SqliteConnection) {}

  record(actor: Actor, entry: AuditEntry, at: Date): void {
    cached(this.sql, INSERT).run(...values(actor, entry, at));
  }
}

/** The audit log inside a Prisma transaction (users, mappings, settings, credentials). */
export async function recordAudit(
  db: Pick<Prisma.TransactionClient, "$executeRawUnsafe">,
  actor: Actor,
  entry: AuditEntry,
  at = new Date(),
): Promise<void> {
  await db.$executeRawUnsafe(INSERT, ...values(actor, entry, at));
}
