import { getKeyVault } from "@/lib/crypto";
import { getDb } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { createG2aApiClient, type G2aApiClient } from "./client";
import { createG2aApiTokenStore } from "./token-store";

/** Where the local G2A sandbox listens (`npm start` runs it when G2A_API_BASE_URL is not set). */
export function localG2aSandboxUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** The Import API connection the environment names, or null while its credentials are not set. */
export function g2aApiConnection(env: Env): { baseUrl: string; clientId: string; clientSecret: string } | null {
  if (!env.G2A_API_CLIENT_ID || !env.G2A_API_CLIENT_SECRET) return null;
  const baseUrl = env.G2A_API_BASE_URL ?? localG2aSandboxUrl(env.G2A_SANDBOX_PORT);
  return { baseUrl, clientId: env.G2A_API_CLIENT_ID, clientSecret: env.G2A_API_CLIENT_SECRET };
}

let client: G2aApiClient | undefined;

/**
 * The product's Import API client, configured from the environment (`npm start` fills it in for
 * the local sandbox), its token kept sealed in the database. 503 while no credentials are set.
 */
export function getG2aApiClient(): G2aApiClient {
  if (!client) {
    const env = getEnv();
    const connection = g2aApiConnection(env);
    if (!connection) {
      throw new AppError(
        "SERVICE_UNAVAILABLE",
        "G2A's seller API is not configured: set G2A_API_CLIENT_ID and G2A_API_CLIENT_SECRET (and G2A_API_BASE_URL)",
      );
    }
    client = createG2aApiClient({
      ...connection,
      tokenStore: createG2aApiTokenStore(getDb(), getKeyVault(), {
        baseUrl: connection.baseUrl,
        clientId: connection.clientId,
      }),
      logger: logger.child({ component: "g2a-api" }),
      requestsPerSecond: env.G2A_API_REQUESTS_PER_SECOND,
      priceChangesPerHour: env.G2A_API_PRICE_CHANGES_PER_HOUR,
    });
  }
  return client;
}
