import { onTestFinished } from "vitest";
import {
  DEFAULT_G2A_SANDBOX_CLIENT,
  startG2aSandbox,
  type G2aSandboxOptions,
  type RunningG2aSandbox,
} from "@/tools/g2a-sandbox/server";
import type { RequestRecord } from "@/tools/sandbox-kit/request-log";
import { SandboxHttpClient, sleep } from "../support/sandbox-http";

// Shared set-up for the G2A sandbox tests: a sandbox on 127.0.0.1 and a free port, plus small typed HTTP helpers.

export { sleep };

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
  requests: RequestRecord[];
}

export class SandboxClient extends SandboxHttpClient<SandboxState> {
  constructor(readonly sandbox: RunningG2aSandbox) {
    super(sandbox, CLIENT);
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
