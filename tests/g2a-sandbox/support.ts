import { onTestFinished } from "vitest";
import {
  DEFAULT_G2A_SANDBOX_CLIENT,
  startG2aSandbox,
  type G2aSandboxOptions,
  type RunningG2aSandbox,
} from "@/tools/g2a-sandbox/server";

// Shared set-up for the G2A sandbox tests: a sandbox on 127.0.0.1 and a free port, plus small typed HTTP helpers.

export const CLIENT = DEFAULT_G2A_SANDBOX_CLIENT;

/** Demo products of the default catalogue, with their priceLimit. */
export const PRODUCTS = {
  TWTCO: "10000000000011",
  SKYOUT: "10000000000021", // 6.50 … 80.00
  NEONDO: "10000000000022", // 2.50 … 40.00
  MISTVH: "10000000000023",
  PIXHAR: "10000000000024",
} as const;

export interface G2aOffer {
  id: string;
  type: string;
  status: string;
  active: boolean;
  product: { id: string | number; name: string };
  price: unknown;
  businessPrice?: unknown;
  visibility: string;
  inventory: { size: number; sold: number };
  priceLimit: { min: number; max: number };
  updatedAt: string;
}
export interface StateOffer extends G2aOffer {
  hidden: boolean;
  archived: boolean;
  auctionId: number;
  createdAt: string;
}
export interface JobElement {
  resourceId: string | null;
  resourceType: string;
  status: string;
  code: string | null;
  message: string | null;
}
export interface G2aJob {
  jobId: string;
  status: string;
  elements: JobElement[];
}
export interface G2aError {
  status: string;
  code: string;
  message: string;
  errors?: Array<{ code: string; message: string; field: string }>;
  data?: { offerId?: string };
}
export interface SandboxState {
  settings: Record<string, unknown> & { clients: Array<{ clientId: string; clientSecret: string }> };
  products: Array<{ id: string; name: string; priceLimit: { min: number; max: number } }>;
  offers: StateOffer[];
  jobs: Array<G2aJob & { polls: number; kind: string; outcome: string }>;
  tokenRequests: number;
  liveTokens: number;
  priceChanges: Record<string, number>;
  competitors: Record<string, Array<{ id: string; price: string; sellerName: string }>>;
  faults: unknown[];
  nextJob: unknown;
  requests: Array<{
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

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SandboxClient {
  private cachedToken: string | null = null;

  constructor(readonly sandbox: RunningG2aSandbox) {}

  get url(): string {
    return this.sandbox.url;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["Content-Type"] ??= "application/json";
    }
    const response = await fetch(`${this.sandbox.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  /** POST /oauth/token with a form body, as the spec recommends. */
  tokenRequest(params: Record<string, string>): Promise<HttpResult<Record<string, unknown>>> {
    return this.request("POST", "/oauth/token", {
      rawBody: new URLSearchParams(params).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
  }

  async token(): Promise<string> {
    const result = await this.tokenRequest({
      grant_type: "client_credentials",
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    if (result.status !== 200 || typeof result.body.access_token !== "string")
      throw new Error(`token request failed: ${result.status} ${result.text}`);
    this.cachedToken = result.body.access_token;
    return this.cachedToken;
  }

  /** An API call with a bearer token, fetched once and reused. */
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

  async state(): Promise<SandboxState> {
    return (await this.control<SandboxState>("GET", "/state")).body;
  }

  async settings(patch: Record<string, unknown>): Promise<Record<string, unknown>> {
    const result = await this.control<Record<string, unknown>>("POST", "/settings", patch);
    if (result.status !== 200) throw new Error(`settings refused: ${result.text}`);
    return result.body;
  }

  async faults(rules: unknown[]): Promise<void> {
    const result = await this.control("POST", "/faults", { rules });
    if (result.status !== 200) throw new Error(`faults refused: ${result.text}`);
  }

  createOffer(productId: string | number, price: unknown = "15.00", variant: Record<string, unknown> = {}) {
    return this.api<{ data: { jobId: string } } & G2aError>("POST", "/v3/sales/offers", {
      body: {
        offerType: "dropshipping",
        variants: [
          { productId, price: { retail: price }, active: true, inventory: { size: 5 }, visibility: "all", ...variant },
        ],
      },
    });
  }

  updateOffer(offerId: string, variant: Record<string, unknown>, offerType = "dropshipping") {
    return this.api<{ data: { jobId: string } } & G2aError>("PATCH", `/v3/sales/offers/${offerId}`, {
      body: { offerType, variant },
    });
  }

  job(jobId: string) {
    return this.api<{ data: G2aJob } & G2aError>("GET", `/v3/jobs/${jobId}`);
  }

  /** Polls the job until it is no longer pending. */
  async completedJob(jobId: string, timeoutMs = 5000): Promise<G2aJob> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await this.job(jobId);
      if (result.status !== 200) throw new Error(`job ${jobId}: ${result.status} ${result.text}`);
      if (result.body.data.status !== "pending") return result.body.data;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still pending`);
      await sleep(10);
    }
  }

  offer(offerId: string) {
    return this.api<{ data: G2aOffer } & G2aError>("GET", `/v3/sales/offers/${offerId}`);
  }

  /** Creates an offer and waits for its job; returns the new offer's id. */
  async createdOfferId(productId: string, price: unknown = "15.00", variant: Record<string, unknown> = {}) {
    const created = await this.createOffer(productId, price, variant);
    if (created.status !== 202) throw new Error(`create failed: ${created.status} ${created.text}`);
    const job = await this.completedJob(created.body.data.jobId);
    const id = job.elements[0]?.resourceId;
    if (!id || job.elements[0]?.code) throw new Error(`create job failed: ${JSON.stringify(job)}`);
    return id;
  }

  /** Seeds an offer through the control API, without a job. */
  async seedOffer(body: Record<string, unknown>): Promise<StateOffer> {
    const result = await this.control<StateOffer>("POST", "/offers", {
      price: "10.00",
      inventorySize: 5,
      active: true,
      ...body,
    });
    if (result.status !== 200) throw new Error(`seeding failed: ${result.text}`);
    return result.body;
  }
}

/** Starts a sandbox for the current test, with short jobs, and closes it when the test finishes. */
export async function startTestSandbox(options: G2aSandboxOptions = {}): Promise<SandboxClient> {
  const sandbox = await startG2aSandbox({ port: 0, host: "127.0.0.1", jobDelayMs: 30, ...options });
  onTestFinished(() => sandbox.close());
  return new SandboxClient(sandbox);
}

/** Products with made-up 14-digit ids, for tests that need many offers. */
export function manyProducts(count: number, first = 30_000_000_000_001) {
  return Array.from({ length: count }, (_, index) => ({
    id: String(first + index),
    name: `Generated Game ${index + 1} (PC) - Steam Key - GLOBAL`,
    priceLimit: { min: 0.5, max: 100 },
  }));
}
