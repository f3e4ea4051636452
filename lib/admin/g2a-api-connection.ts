import { recordAudit, type Actor } from "@/lib/audit";
import type { KeyVault } from "@/lib/crypto";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  checkG2aApiConnection,
  removeSavedG2aApiConnection,
  resolveG2aApiConnections,
  saveG2aApiConnection,
  type G2aApiConnectionCheck,
  type G2aApiConnectionEnv,
  type G2aApiConnectionSource,
} from "@/lib/g2a-api";
import type { Logger } from "@/lib/logger";
import type { G2aApiCredentialsInput } from "./settings-schema";

// The G2A seller API (Import API) connection staff manage in Settings: separate from the pairs G2A
// signs in to us with. The secret goes in once and never comes back out: not in answers, not in the
// audit log.

const TARGET = { targetType: "setting", targetId: "g2aApiConnection" } as const;

/** The connection as the Settings page shows it, without the secret. */
export type G2aApiConnectionView = {
  /** The connection every Import API call uses; null when none is usable. */
  inUse: { source: G2aApiConnectionSource; baseUrl: string; clientId: string } | null;
  /** What an admin saved (it wins over the environment); `readable` false when this KEY_ENCRYPTION_KEY cannot open it. */
  saved: { baseUrl: string; clientId: string; readable: boolean; savedBy: string | null; savedAt: string } | null;
  /** What the environment sets (G2A_API_*), used while nothing is saved. */
  environment: { source: G2aApiConnectionSource; baseUrl: string; clientId: string } | null;
};

/** A test's outcome, with which connection was tested. */
export type G2aApiConnectionTest = G2aApiConnectionCheck & {
  tested: { source: G2aApiConnectionSource | "entered"; baseUrl: string; clientId: string };
};

export type ConnectionDeps = { db: Db; env: G2aApiConnectionEnv; vault: KeyVault };

export async function getG2aApiConnectionView({ db, env, vault }: ConnectionDeps): Promise<G2aApiConnectionView> {
  const { inUse, saved, environment } = await resolveG2aApiConnections(db, env, vault);
  return {
    inUse: inUse && { source: inUse.source, baseUrl: inUse.baseUrl, clientId: inUse.clientId },
    saved: saved && {
      baseUrl: saved.baseUrl,
      clientId: saved.clientId,
      readable: saved.clientSecret !== null,
      savedBy: saved.savedBy,
      savedAt: saved.savedAt.toISOString(),
    },
    environment: environment && {
      source: environment.source,
      baseUrl: environment.baseUrl,
      clientId: environment.clientId,
    },
  };
}

/** Saves the credentials an admin entered (replacing any saved before); every Import API call uses them from now on. */
export async function saveG2aApiCredentials(
  deps: ConnectionDeps,
  actor: Actor,
  input: G2aApiCredentialsInput,
): Promise<G2aApiConnectionView> {
  await deps.db.$transaction(async (tx) => {
    const before = await resolveG2aApiConnections(tx, deps.env, deps.vault);
    await saveG2aApiConnection(tx, deps.vault, input, actor.email);
    await recordAudit(tx, actor, {
      action: "g2a_api.credentials.save",
      ...TARGET,
      details: {
        baseUrl: input.baseUrl,
        clientId: input.clientId,
        replaced: before.saved ? { baseUrl: before.saved.baseUrl, clientId: before.saved.clientId } : null,
      },
    });
  });
  return getG2aApiConnectionView(deps);
}

/** Forgets the saved credentials: the environment's connection, if any, is used again. 404 when none are saved. */
export async function removeG2aApiCredentials(deps: ConnectionDeps, actor: Actor): Promise<G2aApiConnectionView> {
  await deps.db.$transaction(async (tx) => {
    const { saved } = await resolveG2aApiConnections(tx, deps.env, deps.vault);
    if (!saved || !(await removeSavedG2aApiConnection(tx))) {
      throw new AppError("NOT_FOUND", "No G2A seller API credentials are saved in Settings");
    }
    await recordAudit(tx, actor, {
      action: "g2a_api.credentials.remove",
      ...TARGET,
      details: { baseUrl: saved.baseUrl, clientId: saved.clientId },
    });
  });
  return getG2aApiConnectionView(deps);
}

/**
 * "Test connection": asks G2A for a token and the first page of our offers, with the credentials
 * typed in the form (before saving them) or, without any, the connection in use. The outcome is
 * answered in words and written to the audit log; a failed test is an answer, not an error.
 */
export async function testG2aApiConnection(
  deps: ConnectionDeps & { logger: Logger },
  actor: Actor,
  entered: G2aApiCredentialsInput | null,
): Promise<G2aApiConnectionTest> {
  const target = entered
    ? { ...entered, source: "entered" as const }
    : (await resolveG2aApiConnections(deps.db, deps.env, deps.vault)).inUse;
  if (!target) {
    throw new AppError(
      "CONFLICT",
      "There is no G2A seller API connection to test: enter the credentials, or set G2A_API_CLIENT_ID and G2A_API_CLIENT_SECRET",
    );
  }
  const check = await checkG2aApiConnection(target, { logger: deps.logger });
  const tested = { source: target.source, baseUrl: target.baseUrl, clientId: target.clientId };
  await recordAudit(deps.db, actor, {
    action: "g2a_api.connection.test",
    ...TARGET,
    reason: check.message,
    details: { ...tested, ok: check.ok, failedStep: check.failedStep, durationMs: check.durationMs },
  });
  return { ...check, tested };
}
