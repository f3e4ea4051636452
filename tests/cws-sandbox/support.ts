import { onTestFinished } from "vitest";
import { CWS_PUBLIC_SANDBOX_CLIENT_ID, CWS_PUBLIC_SANDBOX_CLIENT_SECRET } from "@/lib/env/schema";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "@/tools/cws-sandbox/server";
import type { RequestRecord } from "@/tools/sandbox-kit/request-log";
import { SandboxHttpClient } from "../support/sandbox-http";

// Shared set-up for the simulator tests: a server on 127.0.0.1 and a free port, plus small typed HTTP helpers.

export { sleep } from "../support/sandbox-http";

export { CWS_PRODUCTS as PRODUCT_IDS } from "../support/cws-products";
export const CLIENT_ID = CWS_PUBLIC_SANDBOX_CLIENT_ID;
export const CLIENT_SECRET = CWS_PUBLIC_SANDBOX_CLIENT_SECRET;

export const PLACEHOLDER_PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

export interface Link {
  rel: string;
  href: string;
}
export interface PriceTier {
  value: number;
  from: number;
  to: number | null;
}
export interface CwsProduct {
  productId: string;
  identifier: string;
  name: string;
  quantity: number;
  prices: PriceTier[];
  images: Array<{ image: string; format: string }>;
  [field: string]: unknown;
}
export interface CwsCode {
  codeType: string;
  status: string;
  codeId: string;
  filename: string;
  code: string | null;
  links: Link[];
}
export interface CwsOrder {
  orderId: string;
  clientOrderId: string | null;
  identifier: string;
  totalPrice: number;
  createdOn: string;
  status: string;
  products: Array<{ productId: string; name: string; unitPrice: number; codes: CwsCode[]; links: Link[] }>;
  links: Link[];
}
export interface CwsError {
  status: number;
  code: number;
  message: string;
}
export interface CwsAccount {
  currentBalance: number;
  currentCredit: number;
  totalToUse: number;
  [field: string]: unknown;
}
export interface SimStateOrder {
  orderId: string;
  clientOrderId: string | null;
  identifier: string;
  status: string;
  totalPrice: number;
  httpOutcome: string;
  refunded: boolean;
  lines: Array<{
    productId: string;
    quantity: number;
    unitPrice: number;
    delivered: boolean;
    codes: Array<{ codeId: string; codeType: string; code: string | null }>;
  }>;
}
export interface SimState {
  now: string;
  account: { currentBalance: number; currentCredit: number; totalToUse: number };
  orders: SimStateOrder[];
  ordersByClientOrderId: Record<string, string[]>;
  products: Array<{
    productId: string;
    identifier: string;
    quantity: number;
    prices: PriceTier[];
    hidden: boolean;
    mode: string;
    updatedAt: string;
  }>;
  counters: {
    tokensIssued: number;
    ordersCreated: number;
    requests: Record<string, number>;
    faultsApplied: Record<string, number>;
  };
  faults: Record<string, unknown>;
  recentRequests: RequestRecord[];
}

export class SimHttpClient extends SandboxHttpClient<SimState> {
  constructor(readonly simulator: RunningSimulator) {
    super(simulator, { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  }

  order(
    products: Array<{ productId: string; quantity: number | string; price?: number | string }>,
    extra: Record<string, unknown> = {},
  ) {
    return this.api<CwsOrder & CwsError>("POST", "/v3/orders", {
      body: { allowPreOrder: true, orderId: crypto.randomUUID(), products, ...extra },
    });
  }
}

/** Starts a simulator for the current test and closes it when the test finishes. */
export async function startTestSimulator(options: SimulatorOptions = {}): Promise<SimHttpClient> {
  const simulator = await startSimulator({ port: 0, host: "127.0.0.1", log: false, seed: 42, ...options });
  onTestFinished(() => simulator.close());
  return new SimHttpClient(simulator);
}
