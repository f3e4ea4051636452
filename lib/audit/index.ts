import type { Prisma } from "@/lib/db";

/** Who did something in the dashboard, and from where. */
export type Actor = { id: string; email: string; role: "ADMIN" | "OPERATOR" | "VIEWER"; ip?: string | null; userAgent?: string | null };

/** One line of the audit log: who, what, when, from where, and why. Details never hold keys or secrets. */
export async function recordAudit(
  db: Pick<Prisma.TransactionClient, "auditLog">,
  actor: Actor,
  entry: { action: string; targetType?: string; targetId?: string; reason?: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      reason: entry.reason,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent?.slice(0, 300) ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    },
  });
}
