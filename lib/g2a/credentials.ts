import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { cached, readSync, type Db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { toWellFormed } from "@/lib/http/body";

/** G2A's access tokens live one hour (g2a-merchant-contract.md §4.2). */
export const G2A_TOKEN_TTL_SECONDS = 3600;

export type G2aCredentials = { id: string; clientId: string; clientSecret: string };
export type G2aCaller = { g2aClientId: string; clientId: string };

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** client_id: 32 lowercase hex; client_secret: 48 random URL-safe characters (§4.1). */
function newCredentialPair(): { clientId: string; clientSecret: string } {
  return { clientId: randomBytes(16).toString("hex"), clientSecret: randomBytes(36).toString("base64url") };
}

/** Stops a pair (revoked or replaced) and deletes its tokens: G2A's next call with them gets 401. */
export async function deactivateG2aClient(
  tx: Pick<Prisma.TransactionClient, "g2aClient" | "g2aAccessToken">,
  id: string,
  at: Date,
): Promise<void> {
  await tx.g2aClient.update({ where: { id }, data: { active: false, revokedAt: at } });
  await tx.g2aAccessToken.deleteMany({ where: { clientId: id } });
}

/** Creates a credential pair. The secret is returned this once and stored only as a hash. */
export async function createG2aCredentials(
  db: Db,
  options: { label?: string; createdBy?: string } = {},
): Promise<G2aCredentials> {
  const pair = newCredentialPair();
  const row = await db.g2aClient.create({
    data: {
      clientId: pair.clientId,
      secretHash: sha256(pair.clientSecret).toString("hex"),
      label: options.label,
      createdBy: options.createdBy,
    },
  });
  return { id: row.id, ...pair };
}

/**
 * Replaces a pair with a new one: the old pair stops working at once and every token issued
 * under it is revoked (§4.1).
 */
export async function rotateG2aCredentials(
  db: Db,
  g2aClientId: string,
  options: { createdBy?: string } = {},
): Promise<G2aCredentials> {
  return db.$transaction(async (tx) => {
    const old = await tx.g2aClient.findUnique({ where: { id: g2aClientId } });
    if (!old || !old.active)
      throw new AppError("NOT_FOUND", "These G2A credentials do not exist or were already replaced");
    await deactivateG2aClient(tx, old.id, new Date());
    const pair = newCredentialPair();
    const row = await tx.g2aClient.create({
      data: {
        clientId: pair.clientId,
        secretHash: sha256(pair.clientSecret).toString("hex"),
        label: old.label,
        createdBy: options.createdBy,
      },
    });
    return { id: row.id, ...pair };
  });
}

/**
 * Makes a configured pair (G2A_CLIENT_ID / G2A_CLIENT_SECRET) valid: created, or its secret
 * updated, at every start.
 */
export async function upsertConfiguredG2aCredentials(db: Db, clientId: string, clientSecret: string): Promise<void> {
  const secretHash = sha256(clientSecret).toString("hex");
  await db.g2aClient.upsert({
    where: { clientId },
    create: { clientId, secretHash, label: "configured (G2A_CLIENT_ID)" },
    update: { secretHash, active: true, revokedAt: null },
  });
}

/**
 * At start: the configured pair is made valid; with none configured and none active, a pair is
 * generated and returned so the start can print it, this once.
 */
export async function ensureG2aCredentials(
  db: Db,
  env: { G2A_CLIENT_ID?: string; G2A_CLIENT_SECRET?: string },
): Promise<{ generated: G2aCredentials | null; configuredClientId: string | null }> {
  if (env.G2A_CLIENT_ID && env.G2A_CLIENT_SECRET) {
    await upsertConfiguredG2aCredentials(db, env.G2A_CLIENT_ID, env.G2A_CLIENT_SECRET);
    return { generated: null, configuredClientId: env.G2A_CLIENT_ID };
  }
  const active = await db.g2aClient.findFirst({ where: { active: true }, select: { id: true } });
  return {
    generated: active ? null : await createG2aCredentials(db, { label: "generated at first start" }),
    configuredClientId: null,
  };
}

// A fixed hash compared against when the client id is unknown, so both paths cost the same.
const DECOY_HASH = sha256(randomUUID());

/** Checks a client id and secret in constant time; null when they do not match an active pair. */
export async function verifyG2aCredentials(db: Db, clientId: string, clientSecret: string): Promise<G2aCaller | null> {
  // A lone surrogate (from a JSON escape) matches no id but would make the database driver throw.
  const client = await db.g2aClient.findUnique({ where: { clientId: toWellFormed(clientId) } });
  const expected = client?.active ? Buffer.from(client.secretHash, "hex") : DECOY_HASH;
  const matches = timingSafeEqual(expected, sha256(clientSecret)) && client?.active === true;
  return matches && client ? { g2aClientId: client.id, clientId: client.clientId } : null;
}

/** Issues a new one-hour bearer token; only its SHA-256 is stored. Earlier tokens stay valid. */
export async function issueG2aAccessToken(
  db: Db,
  caller: G2aCaller,
  options: { ip?: string | null; now?: Date } = {},
): Promise<{ accessToken: string; expiresIn: number }> {
  const now = options.now ?? new Date();
  const accessToken = randomUUID();
  await db.$transaction([
    db.g2aAccessToken.create({
      data: {
        tokenHash: sha256(accessToken).toString("hex"),
        clientId: caller.g2aClientId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + G2A_TOKEN_TTL_SECONDS * 1000),
        ip: options.ip ?? null,
      },
    }),
    db.g2aClient.update({ where: { id: caller.g2aClientId }, data: { lastUsedAt: now } }),
  ]);
  return { accessToken, expiresIn: G2A_TOKEN_TTL_SECONDS };
}

/** The caller behind a bearer token, or null when it is unknown, expired or its credentials were rotated. */
export async function verifyG2aAccessToken(db: Db, accessToken: string, now = new Date()): Promise<G2aCaller | null> {
  // Every G2A call but the token call comes through here, so it is one cached statement.
  const token = await readSync(
    db,
    (sqlite) =>
      cached(
        sqlite,
        `SELECT t.expiresAt, c.id AS g2aClientId, c.clientId, c.active FROM "G2aAccessToken" t JOIN "G2aClient" c ON c.id = t.clientId WHERE t.tokenHash = ?`,
      ).get(sha256(accessToken).toString("hex")) as
        { expiresAt: string; g2aClientId: string; clientId: string; active: bigint | number } | undefined,
  );
  if (!token || new Date(token.expiresAt) <= now || Number(token.active) !== 1) return null;
  return { g2aClientId: token.g2aClientId, clientId: token.clientId };
}

/** Expired tokens are kept a day (the addresses G2A got them from matter to the token throttle), then deleted. */
export async function purgeExpiredG2aTokens(db: Db, now = new Date()): Promise<number> {
  const keptUntil = new Date(now.getTime() - 24 * 60 * 60_000);
  return (await db.g2aAccessToken.deleteMany({ where: { expiresAt: { lte: keptUntil } } })).count;
}
