import type { KeyVault } from "@/lib/crypto";
import type { Prisma } from "@/lib/db";
import type { Env } from "@/lib/env";
import { tokenRowId } from "@/lib/api-client/token-store";
import { deleteSetting, readSettingRow, saveSetting } from "@/lib/settings";
import { forgetG2aApiToken } from "./token-store";

/** What signs us in to G2A's Import API. */
export type G2aApiCredentials = { baseUrl: string; clientId: string; clientSecret: string };

/**
 * Where the connection in use comes from: saved by an admin in Settings, the environment's
 * G2A_API_* variables, or the local G2A sandbox `npm start` runs when G2A_API_BASE_URL is unset.
 */
export type G2aApiConnectionSource = "settings" | "environment" | "sandbox";

export type G2aApiConnection = G2aApiCredentials & { source: G2aApiConnectionSource };

/** The credentials an admin saved; `clientSecret` is null when this KEY_ENCRYPTION_KEY cannot open it. */
export type SavedG2aApiConnection = {
  baseUrl: string;
  clientId: string;
  clientSecret: string | null;
  savedBy: string | null;
  savedAt: Date;
};

/** Every candidate, and the one in use: the saved credentials win over the environment's. */
export type G2aApiConnections = {
  inUse: G2aApiConnection | null;
  saved: SavedG2aApiConnection | null;
  environment: G2aApiConnection | null;
};

/** The Setting row holding the saved connection, its secret sealed with the key vault. */
const SETTING_KEY = "g2aApiConnection";

type SettingsDb = Pick<Prisma.TransactionClient, "setting">;

/** The variables that name a connection. */
export type G2aApiConnectionEnv = Pick<
  Env,
  "G2A_API_BASE_URL" | "G2A_API_CLIENT_ID" | "G2A_API_CLIENT_SECRET" | "G2A_SANDBOX_PORT"
>;

/** Where the local G2A sandbox listens (`npm start` runs it when G2A_API_BASE_URL is not set). */
export function localG2aSandboxUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, "");
}

/** The connection the environment names, or null while its credentials are not set. */
export function environmentG2aApiConnection(env: G2aApiConnectionEnv): G2aApiConnection | null {
  if (!env.G2A_API_CLIENT_ID || !env.G2A_API_CLIENT_SECRET) return null;
  const sandboxUrl = localG2aSandboxUrl(env.G2A_SANDBOX_PORT);
  const baseUrl = normalizeBaseUrl(env.G2A_API_BASE_URL ?? sandboxUrl);
  return {
    baseUrl,
    clientId: env.G2A_API_CLIENT_ID,
    clientSecret: env.G2A_API_CLIENT_SECRET,
    source: baseUrl === sandboxUrl ? "sandbox" : "environment",
  };
}

// The sealed secret is bound to its base URL and client id: edited to point elsewhere, it no longer opens.
function secretContext(scope: { baseUrl: string; clientId: string }): string {
  return `g2a-api-connection:${tokenRowId(scope)}`;
}

type StoredValue = { baseUrl: string; clientId: string; sealedSecret: string };

function parseStored(value: string): StoredValue | null {
  try {
    const parsed = JSON.parse(value) as Partial<StoredValue>;
    if (typeof parsed.baseUrl !== "string" || typeof parsed.clientId !== "string") return null;
    if (typeof parsed.sealedSecret !== "string") return null;
    return { baseUrl: parsed.baseUrl, clientId: parsed.clientId, sealedSecret: parsed.sealedSecret };
  } catch {
    return null;
  }
}

export async function readSavedG2aApiConnection(
  db: SettingsDb,
  vault: KeyVault,
): Promise<SavedG2aApiConnection | null> {
  const row = await readSettingRow(db, SETTING_KEY);
  const stored = row && parseStored(row.value);
  if (!row || !stored) return null;
  let clientSecret: string | null;
  try {
    clientSecret = vault.open(Buffer.from(stored.sealedSecret, "base64"), secretContext(stored)).toString("utf8");
  } catch {
    clientSecret = null;
  }
  return {
    baseUrl: stored.baseUrl,
    clientId: stored.clientId,
    clientSecret,
    savedBy: row.updatedBy,
    savedAt: row.updatedAt,
  };
}

/**
 * Saves credentials an admin entered, replacing any saved before. The token kept for the same base
 * URL and client id is forgotten, so the next call proves the new secret instead of reusing it.
 */
export async function saveG2aApiConnection(
  db: Pick<Prisma.TransactionClient, "setting" | "g2aImportToken">,
  vault: KeyVault,
  credentials: G2aApiCredentials,
  savedBy: string,
): Promise<void> {
  const scope = { baseUrl: normalizeBaseUrl(credentials.baseUrl), clientId: credentials.clientId };
  const sealed = vault.seal(credentials.clientSecret, secretContext(scope));
  const value: StoredValue = { ...scope, sealedSecret: Buffer.from(sealed).toString("base64") };
  await saveSetting(db, SETTING_KEY, JSON.stringify(value), savedBy);
  await forgetG2aApiToken(db, scope);
}

/** Forgets the saved credentials (the environment's, if any, are used again); true when there were some. */
export function removeSavedG2aApiConnection(db: SettingsDb): Promise<boolean> {
  return deleteSetting(db, SETTING_KEY);
}

/**
 * The connections there are and the one in use. Saved credentials win; saved ones whose secret
 * cannot be opened leave no connection in use rather than silently falling back to the environment.
 */
export async function resolveG2aApiConnections(
  db: SettingsDb,
  env: G2aApiConnectionEnv,
  vault: KeyVault,
): Promise<G2aApiConnections> {
  const saved = await readSavedG2aApiConnection(db, vault);
  const environment = environmentG2aApiConnection(env);
  if (!saved) return { inUse: environment, saved, environment };
  const inUse: G2aApiConnection | null = saved.clientSecret
    ? { baseUrl: saved.baseUrl, clientId: saved.clientId, clientSecret: saved.clientSecret, source: "settings" }
    : null;
  return { inUse, saved, environment };
}
