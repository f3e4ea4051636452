import { randomBytes } from "node:crypto";
import { createKeyVault, type KeyVault } from "@/lib/crypto";
import { G2aApiClient, G2aApiError, createG2aApiTokenStore, type G2aApiClientOptions } from "@/lib/g2a-api";
import { createLogger } from "@/lib/logger";
import { DEFAULT_G2A_SANDBOX_CLIENT, startG2aSandbox } from "@/tools/g2a-sandbox/server";
import type { TestDb } from "../support/test-db";

// The local G2A sandbox on a free port of 127.0.0.1, the real HTTP peer of the client under test.

/** Demo products of the sandbox's default catalogue, each with priceLimit 0.50–20.00 EUR. */
export const PRODUCTS = {
  A: "10000000000011",
  B: "10000000000012",
  C: "10000000000013",
} as const;

export type SandboxOffer = {
  id: string;
  type: string;
  status: string;
  active: boolean;
  product: { id: string; name: string };
  price: string;
  businessPrice: string;
  inventory: { size: number; sold: number };
  hidden: boolean;
};

export type SandboxState = {
  settings: Record<string, unknown>;
  offers: SandboxOffer[];
  jobs: Array<{ jobId: string; status: string; polls: number; kind: string; outcome: string }>;
  tokenRequests: number;
  liveTokens: number;
  priceChanges: Record<string, number>;
  requests: Array<{ at: string; method: string; path: string; status: number | null; fault: string | null }>;
};

export type Sandbox = Awaited<ReturnType<typeof startG2aSandbox>> & {
  control<T = unknown>(path: string, body?: unknown, method?: "POST" | "DELETE"): Promise<T>;
  state(): Promise<SandboxState>;
  /** The API requests made so far, as "METHOD /path". */
  calls(): Promise<string[]>;
};

export async function startSandbox(options: { tokenTtlSeconds?: number; jobDelayMs?: number } = {}): Promise<Sandbox> {
  const sandbox = await startG2aSandbox({ port: 0, jobDelayMs: 0, ...options });
  const control = async <T>(path: string, body?: unknown, method?: "POST" | "DELETE"): Promise<T> => {
    const response = await fetch(`${sandbox.url}/__sim/${path}`, {
      method: method ?? (body === undefined && path === "state" ? "GET" : "POST"),
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`/__sim/${path} answered ${response.status}: ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  const state = () => control<SandboxState>("state");
  const calls = async () => (await state()).requests.map((request) => `${request.method} ${request.path}`);
  return { ...sandbox, control, state, calls };
}

/** Log lines as written, to check what reaches them. */
export function captureLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines };
}

export type ClientSetup = { client: G2aApiClient; vault: KeyVault; options: G2aApiClientOptions };

/**
 * A client as the product builds one (token kept sealed in the database), with waits short enough for
 * tests: no rate limit to speak of, jobs polled every 20 ms, retries after 10–50 ms.
 */
export function createSandboxClient(
  sandbox: { url: string },
  testDb: TestDb,
  overrides: Partial<G2aApiClientOptions> = {},
  vault: KeyVault = createKeyVault(randomBytes(32).toString("base64")),
): ClientSetup {
  const options: G2aApiClientOptions = {
    baseUrl: sandbox.url,
    clientId: DEFAULT_G2A_SANDBOX_CLIENT.clientId,
    clientSecret: DEFAULT_G2A_SANDBOX_CLIENT.clientSecret,
    tokenStore: createG2aApiTokenStore(testDb.db, vault, {
      baseUrl: sandbox.url,
      clientId: DEFAULT_G2A_SANDBOX_CLIENT.clientId,
    }),
    logger: createLogger({ level: "silent" }),
    requestsPerSecond: 10_000,
    jobPollIntervalMs: 20,
    jobPollAttempts: 10,
    backoffBaseMs: 10,
    backoffMaxMs: 50,
    timeoutMs: 5_000,
    ...overrides,
  };
  return { client: new G2aApiClient(options), vault, options };
}

export async function errorOf(promise: Promise<unknown>): Promise<G2aApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof G2aApiError) return error;
    throw error;
  }
  throw new Error("expected a G2aApiError");
}

/** An offer that exists at once in the sandbox, as if made earlier (no job). */
export async function seedOffer(
  sandbox: Sandbox,
  offer: { productId: string; price: string; inventorySize: number; active: boolean; hidden?: boolean },
): Promise<SandboxOffer> {
  return sandbox.control<SandboxOffer>("offers", offer);
}
