import { recordAudit, type Actor } from "@/lib/audit";
import type { Db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createG2aCredentials, deactivateG2aClient, rotateG2aCredentials } from "@/lib/g2a/credentials";
import type { NewG2aCredentialsInput } from "./settings-schema";

// The G2A API credential pairs staff manage in Settings. The secret exists in clear only in the
// answer to generate or rotate; lists never carry even its hash, and the audit log never sees it.
// lib/g2a/credentials.ts runs its own transactions, so the audit line is written right after the change.

const PAIR_FIELDS = {
  id: true,
  clientId: true,
  label: true,
  active: true,
  createdBy: true,
  createdAt: true,
  revokedAt: true,
  lastUsedAt: true,
} satisfies Prisma.G2aClientSelect;
type PairRow = Prisma.G2aClientGetPayload<{ select: typeof PAIR_FIELDS }>;

/** A pair as the dashboard shows it. `configured`: it comes from G2A_CLIENT_ID and only the environment changes it. */
export type G2aCredentialsSummary = Omit<PairRow, "createdAt" | "revokedAt" | "lastUsedAt"> & {
  configured: boolean;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

/** A pair with its secret: answered once, by generate or rotate. */
export type G2aCredentialsWithSecret = { credentials: G2aCredentialsSummary; clientSecret: string };

/** The client id of G2A_CLIENT_ID: `npm start` re-activates that pair with the configured secret at every start. */
export type ConfiguredClientId = string | undefined;

function toSummary(row: PairRow, configuredClientId: ConfiguredClientId): G2aCredentialsSummary {
  return {
    ...row,
    configured: row.clientId === configuredClientId,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

async function findPair(db: Db, id: string): Promise<PairRow> {
  return db.g2aClient.findUniqueOrThrow({ where: { id }, select: PAIR_FIELDS });
}

/** Active pairs first, then the replaced and revoked ones, newest first. */
export async function listG2aCredentials(
  db: Db,
  configuredClientId: ConfiguredClientId,
): Promise<{ items: G2aCredentialsSummary[] }> {
  const rows = await db.g2aClient.findMany({
    select: PAIR_FIELDS,
    orderBy: [{ active: "desc" }, { createdAt: "desc" }],
  });
  return { items: rows.map((row) => toSummary(row, configuredClientId)) };
}

/** A new pair beside the existing ones (G2A may use any active pair). */
export async function generateG2aPair(
  db: Db,
  actor: Actor,
  input: NewG2aCredentialsInput,
  configuredClientId: ConfiguredClientId,
): Promise<G2aCredentialsWithSecret> {
  const created = await createG2aCredentials(db, { label: input.label, createdBy: actor.email });
  await recordAudit(db, actor, {
    action: "g2a_credentials.create",
    targetType: "g2a_client",
    targetId: created.id,
    details: { clientId: created.clientId, label: input.label ?? null },
  });
  return {
    credentials: toSummary(await findPair(db, created.id), configuredClientId),
    clientSecret: created.clientSecret,
  };
}

/** An active pair the dashboard may change: the configured one would come back at the next start. */
async function changeablePair(
  db: Db,
  id: string,
  configuredClientId: ConfiguredClientId,
  verb: string,
): Promise<PairRow> {
  const row = await db.g2aClient.findUnique({ where: { id }, select: PAIR_FIELDS });
  if (!row || !row.active)
    throw new AppError("NOT_FOUND", "These G2A credentials do not exist or were already replaced or revoked");
  if (row.clientId === configuredClientId) {
    throw new AppError(
      "CONFLICT",
      `This pair comes from the G2A_CLIENT_ID environment variable and is restored at every start, so it cannot be ${verb} here: change G2A_CLIENT_ID and G2A_CLIENT_SECRET in the environment and restart`,
    );
  }
  return row;
}

/** Replaces a pair: the old one and every token issued under it stop working at once. */
export async function rotateG2aPair(
  db: Db,
  actor: Actor,
  id: string,
  configuredClientId: ConfiguredClientId,
): Promise<G2aCredentialsWithSecret> {
  const old = await changeablePair(db, id, configuredClientId, "rotated");
  const created = await rotateG2aCredentials(db, old.id, { createdBy: actor.email });
  await recordAudit(db, actor, {
    action: "g2a_credentials.rotate",
    targetType: "g2a_client",
    targetId: old.id,
    details: { clientId: old.clientId, newId: created.id, newClientId: created.clientId },
  });
  return {
    credentials: toSummary(await findPair(db, created.id), configuredClientId),
    clientSecret: created.clientSecret,
  };
}

/**
 * Stops a pair without a replacement, with its tokens. The last active pair is refused (409): G2A
 * would be locked out until someone generated a new pair and typed it into G2A's panel; rotating
 * is the way to replace it.
 */
export async function revokeG2aPair(
  db: Db,
  actor: Actor,
  id: string,
  configuredClientId: ConfiguredClientId,
): Promise<G2aCredentialsSummary> {
  const pair = await changeablePair(db, id, configuredClientId, "revoked");
  const revoked = await db.$transaction(async (tx) => {
    const others = await tx.g2aClient.count({ where: { active: true, id: { not: pair.id } } });
    if (others === 0) {
      throw new AppError(
        "CONFLICT",
        "This is the last active pair: G2A could not sign in anymore. Rotate it instead, or generate a new pair first",
      );
    }
    await deactivateG2aClient(tx, pair.id, new Date());
    const row = await tx.g2aClient.findUniqueOrThrow({ where: { id: pair.id }, select: PAIR_FIELDS });
    await recordAudit(tx, actor, {
      action: "g2a_credentials.revoke",
      targetType: "g2a_client",
      targetId: pair.id,
      details: { clientId: pair.clientId },
    });
    return row;
  });
  return toSummary(revoked, configuredClientId);
}
