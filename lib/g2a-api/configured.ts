import { createHash } from "node:crypto";
import { getKeyVault } from "@/lib/crypto";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { createG2aApiClient, type G2aApiClient } from "./client";
import { resolveG2aApiConnections, type G2aApiConnection } from "./connection";
import { createG2aApiTokenStore } from "./token-store";

let current: { fingerprint: string; client: G2aApiClient } | undefined;

function fingerprintOf(connection: G2aApiConnection): string {
  return createHash("sha256")
    .update(`${connection.baseUrl}\n${connection.clientId}\n${connection.clientSecret}`)
    .digest("hex");
}

function notConfigured(savedButUnreadable: boolean): AppError {
  return new AppError(
    "SERVICE_UNAVAILABLE",
    savedButUnreadable
      ? "The G2A seller API credentials saved in Settings cannot be read with this KEY_ENCRYPTION_KEY: enter them again in Settings"
      : "G2A's seller API is not configured: enter its credentials in Settings, or set G2A_API_CLIENT_ID and G2A_API_CLIENT_SECRET (and G2A_API_BASE_URL)",
  );
}

/**
 * The product's Import API client for the connection in use (credentials saved in Settings, else
 * the environment's; `npm start` fills those in for the local sandbox), its token kept sealed in the
 * database. Each call looks the connection up, so credentials saved on any instance apply at once.
 * 503 while there is none.
 */
export async function getG2aApiClient(): Promise<G2aApiClient> {
  const env = getEnv();
  const db = getDb();
  const vault = getKeyVault();
  const { inUse, saved } = await resolveG2aApiConnections(db, env, vault);
  if (!inUse) throw notConfigured(saved !== null);
  const fingerprint = fingerprintOf(inUse);
  if (current?.fingerprint !== fingerprint) {
    const client = createG2aApiClient({
      ...inUse,
      tokenStore: createG2aApiTokenStore(db, vault, { baseUrl: inUse.baseUrl, clientId: inUse.clientId }),
      logger: logger.child({ component: "g2a-api" }),
      requestsPerSecond: env.G2A_API_REQUESTS_PER_SECOND,
      priceChangesPerHour: env.G2A_API_PRICE_CHANGES_PER_HOUR,
    });
    current = { fingerprint, client };
  }
  return current.client;
}
