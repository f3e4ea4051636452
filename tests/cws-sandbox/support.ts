import { onTestFinished } from "vitest";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "@/tools/cws-sandbox/server";

// Shared set-up for the simulator tests: a server on 127.0.0.1 and a free port, plus small typed HTTP helpers.

import { CWS_PUBLIC_SANDBOX_CLIENT_ID, CWS_PUBLIC_SANDBOX_CLIENT_SECRET } from "@/lib/env/schema";

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
  recentRequests: Array<{
    at: string;
    method: string;
    path: string;
    status: number | null;
    ms: number;
    fault: string | null;
  }>;
}

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is instead of JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export class SimHttpClient {
  private cachedToken: string | null = null;

  constructor(readonly simulator: RunningSimulator) {}

  get url(): string {
    return this.simulator.url;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["Content-Type"] ??= "application/json";
    }
    const response = await fetch(`${this.simulator.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  /** POST /oauth/token with a form body, as our client does. */
  tokenRequest(
    params: Record<string, string>,
    options: RequestOptions = {},
  ): Promise<HttpResult<Record<string, unknown>>> {
    return this.request("POST", "/oauth/token", {
      rawBody: new URLSearchParams(params).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...options.headers },
    });
  }

  async token(): Promise<string> {
    const result = await this.tokenRequest({
      grant_type: "client_credentials",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
    if (result.status !== 200 || typeof result.body.access_token !== "string")
      throw new Error(`token request failed: ${result.status} ${result.text}`);
    this.cachedToken = result.body.access_token;
    return this.cachedToken;
  }

  /** A /v3 call with a bearer token (fetched once and reused). */
  async api<T>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const token = this.cachedToken ?? (await this.token());
    return this.request<T>(method, path, {
      ...options,
      headers: { Authorization: `Bearer ${token}`, ...options.headers },
    });
  }

  control<T>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.request<T>(method, `/__sim${path}`, { body });
  }

  async state(): Promise<SimState> {
    return (await this.control<SimState>("GET", "/state")).body;
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

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
