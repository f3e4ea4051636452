import type { RequestRecord } from "../sandbox-kit/request-log";
import type { G2aSandboxProduct } from "./catalogue";
import type { FaultRule } from "./faults";
import type { SandboxSettings } from "./settings";

// The whole sandbox state. Money is integer cents and times are epoch milliseconds throughout; G2A's
// decimal strings and ISO dates exist only in views.ts and the answers built from it.

export const OFFER_TYPES = ["dropshipping", "game", "promo", "preorder", "physical", "steamgift"] as const;
export const VISIBILITIES = ["all", "retail", "business"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface SandboxOffer {
  id: string;
  /** The integer G2A puts in `auction_id` of an auction_deactivated notification. */
  auctionId: number;
  type: string;
  productId: string;
  retailCents: number;
  businessCents: number;
  visibility: Visibility;
  inventorySize: number;
  sold: number;
  active: boolean;
  archived: boolean;
  /** Exists (a create answers 409) but is missing from lists and answers 404, as seen on G2A. */
  hidden: boolean;
  createdAt: number;
  updatedAt: number;
}

/** The fields of a PATCH variant, as validated; absent fields are left unchanged. */
export interface OfferPatch {
  retailCents?: number;
  businessCents?: number;
  inventorySize?: number;
  active?: boolean;
  visibility?: Visibility;
  archive?: boolean;
}

export interface JobFailure {
  code: string;
  message: string;
}

/** What a job does when it completes. Refusals were decided when the request came in. */
export type JobWork =
  | { kind: "create"; offer: SandboxOffer }
  | { kind: "update"; offerId: string; patch: OfferPatch }
  | { kind: "refused"; resourceId: string | null; failure: JobFailure };

/** When a job completes: at a time, on a poll, or never (a job stuck on G2A's side). */
export type JobRule = { kind: "time"; at: number } | { kind: "polls"; after: number } | { kind: "never" };

export const NEXT_JOB_OUTCOMES = ["never", "lost", "fail"] as const;
export type NextJobOutcome = (typeof NEXT_JOB_OUTCOMES)[number];

export interface JobElement {
  resourceId: string | null;
  resourceType: "offer";
  code: string | null;
  message: string | null;
}

export interface SandboxJob {
  jobId: string;
  createdAt: number;
  rule: JobRule;
  /** A lost job does its work, but GET /v3/jobs/{jobId} answers 404. */
  lost: boolean;
  /** Set by POST /__sim/jobs/next "fail": the work is dropped and the element carries this. */
  forcedFailure: JobFailure | null;
  polls: number;
  work: JobWork;
  /** Null while pending. */
  completedAt: number | null;
  elements: JobElement[];
}

export interface IssuedToken {
  accessToken: string;
  clientId: string;
  expiresAt: number;
}

export interface CompetitorOffer {
  id: string;
  priceCents: number;
  sellerName: string;
  rating: number;
  ratingsCount: number;
  inventoryRange: string;
}

export interface NextJob {
  outcome: NextJobOutcome;
  failure: JobFailure;
}

export interface TokenBucket {
  tokens: number;
  updatedAt: number;
}

export interface SandboxState {
  settings: SandboxSettings;
  products: Map<string, G2aSandboxProduct>;
  /** In creation order, which is the order of the offer list. */
  offers: SandboxOffer[];
  jobs: SandboxJob[];
  tokens: Map<string, IssuedToken>;
  competitors: Map<string, CompetitorOffer[]>;
  /** Accepted price changes per product, as epoch milliseconds; only the last hour matters. */
  priceChanges: Map<string, number[]>;
  nextAuctionId: number;
  nextJob: NextJob | null;
  faults: FaultRule[];
  bucket: TokenBucket | null;
  tokenRequests: number;
  requests: RequestRecord[];
}

export const FIRST_AUCTION_ID = 1_000_001;

export function findOffer(state: SandboxState, offerId: string): SandboxOffer | undefined {
  return state.offers.find((offer) => offer.id === offerId);
}

/** An offer the seller can see: G2A's API does not show hidden offers. */
export function findVisibleOffer(state: SandboxState, offerId: string): SandboxOffer | undefined {
  const offer = findOffer(state, offerId);
  return offer && !offer.hidden ? offer : undefined;
}

export function offerForProduct(state: SandboxState, productId: string): SandboxOffer | undefined {
  return state.offers.find((offer) => offer.productId === productId);
}

export function takeAuctionId(state: SandboxState): number {
  const id = state.nextAuctionId;
  state.nextAuctionId += 1;
  return id;
}
