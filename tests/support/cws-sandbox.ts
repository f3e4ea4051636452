import { randomBytes } from "node:crypto";
import { createKeyVault } from "@/lib/crypto";
import { CwsClient, createDbTokenStore, type CwsClientOptions } from "@/lib/cws";
import { CWS_PUBLIC_SANDBOX_CLIENT_ID, CWS_PUBLIC_SANDBOX_CLIENT_SECRET } from "@/lib/env";
import { createLogger } from "@/lib/logger";
import { startSimulator } from "@/tools/cws-sandbox/server";
import type { TestDb } from "./test-db";

export { CWS_PRODUCTS } from "./cws-products";

export type Sandbox = Awaited<ReturnType<typeof startSimulator>> & {
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
  state(): Promise<SandboxState>;
};

export type SandboxState = {
  account: { currentBalance: number; currentCredit: number; totalToUse: number };
  orders: Array<{
    orderId: string;
    clientOrderId: string | null;
    status: string;
    httpOutcome: string;
    totalPrice: number;
  }>;
  ordersByClientOrderId: Record<string, string[]>;
  products: Array<{ productId: string; quantity: number }>;
  counters: {
    tokensIssued: number;
    ordersCreated: number;
    requests: Record<string, number>;
    faultsApplied: Record<string, number>;
  };
};

/** The local CWS sandbox on a free port of 127.0.0.1: the real HTTP peer of the client under test. */
export async function startSandbox(options: { tokenTtlSeconds?: number } = {}): Promise<Sandbox> {
  const simulator = await startSimulator({ port: 0, seed: 42, log: false, ...options });
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${simulator.url}/__sim/${path}`, {
      method: body === undefined && path === "state" ? "GET" : "POST",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`/__sim/${path} answered ${response.status}: ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  return { ...simulator, control, state: () => control<SandboxState>("state") };
}

/** A client as the product builds it (token kept in the database), with short waits between retries. */
export function createSandboxClient(
  sandbox: { url: string },
  testDb: TestDb,
  overrides: Partial<CwsClientOptions> = {},
): CwsClient {
  const vault = createKeyVault(randomBytes(32).toString("base64"));
  return new CwsClient({
    baseUrl: sandbox.url,
    clientId: CWS_PUBLIC_SANDBOX_CLIENT_ID,
    clientSecret: CWS_PUBLIC_SANDBOX_CLIENT_SECRET,
    tokenStore: createDbTokenStore(testDb.db, vault, { baseUrl: sandbox.url, clientId: CWS_PUBLIC_SANDBOX_CLIENT_ID }),
    logger: createLogger({ level: "silent" }),
    backoffMs: [20, 40, 80],
    ...overrides,
  });
}
