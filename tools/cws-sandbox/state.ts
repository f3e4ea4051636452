import type { RequestRecord } from "../sandbox-kit/request-log";
import type { CompleteProductInput, FulfilmentMode, ProductFields, ProductInput, ProductSimFields } from "./catalogue";
import type { FaultConfig } from "./faults";

// The whole simulator state. Money is integer cents and times are epoch milliseconds throughout;
// conversion to CWS's EUR numbers and ISO strings happens only in views.ts.

export interface SimProduct extends ProductFields, ProductSimFields {
  productId: string;
}

export type CodeType = "CODE_TEXT" | "CODE_IMAGE" | "CODE_PREORDER";

export interface SimCode {
  codeId: string;
  codeType: CodeType;
  /** The key of a CODE_TEXT; null for images and pending pre-orders. */
  key: string | null;
}

export interface SimOrderLine {
  productId: string;
  name: string;
  quantity: number;
  unitCents: number;
  mode: FulfilmentMode;
  /** When the codes become visible: createdOn, or createdOn + delay for a delayed line. */
  deliverAt: number;
  codes: SimCode[];
}

export type HttpOutcome = "200" | "acceptThenFail:500" | "acceptThenFail:drop" | "acceptThenFail:hang";

export interface SimOrder {
  orderId: string;
  clientOrderId: string | null;
  identifier: string;
  createdOn: number;
  totalCents: number;
  allowPreOrder: boolean;
  httpOutcome: HttpOutcome;
  /** Set through the control API; wins over the computed status. */
  forcedStatus: string | null;
  refunded: boolean;
  lines: SimOrderLine[];
}

export interface IssuedToken {
  accessToken: string;
  clientId: string;
  expiresAt: number;
}

export interface Account {
  balanceCents: number;
  creditCents: number;
}

export interface Counters {
  tokensIssued: number;
  ordersCreated: number;
  requests: Record<string, number>;
  faultsApplied: Record<string, number>;
}

export interface CodeLocation {
  order: SimOrder;
  line: SimOrderLine;
  code: SimCode;
}

export interface SimState {
  products: Map<string, SimProduct>;
  account: Account;
  tokensByClient: Map<string, IssuedToken>;
  orders: SimOrder[];
  codeIndex: Map<string, CodeLocation>;
  nextIdentifier: number;
  faults: FaultConfig;
  /** Sliding rate-limit windows: key `<clientId> <routeKey>`, value the times of the counted requests. */
  rateWindows: Map<string, number[]>;
  counters: Counters;
  recentRequests: RequestRecord[];
}

export const FIRST_IDENTIFIER = 100001;
const DEFAULT_DELAY_SECONDS = 10;

export function createState(
  catalogue: CompleteProductInput[],
  account: Account,
  faults: FaultConfig,
  now: number,
): SimState {
  const products = new Map<string, SimProduct>();
  for (const input of catalogue) products.set(input.productId, buildProduct(input, now));
  return {
    products,
    account: { ...account },
    tokensByClient: new Map(),
    orders: [],
    codeIndex: new Map(),
    nextIdentifier: FIRST_IDENTIFIER,
    faults,
    rateWindows: new Map(),
    counters: { tokensIssued: 0, ordersCreated: 0, requests: {}, faultsApplied: {} },
    recentRequests: [],
  };
}

export function buildProduct(input: CompleteProductInput, now: number): SimProduct {
  const { fields, sim } = input;
  return {
    productId: input.productId,
    identifier: fields.identifier,
    name: fields.name,
    platform: fields.platform,
    regions: fields.regions,
    languages: fields.languages,
    quantity: fields.quantity,
    prices: fields.prices,
    releaseDate: fields.releaseDate ?? null,
    regionDescription: fields.regionDescription ?? null,
    badges: fields.badges ?? [],
    images: fields.images ?? null,
    mode: sim.mode ?? "instant",
    delaySeconds: sim.delaySeconds ?? DEFAULT_DELAY_SECONDS,
    hidden: sim.hidden ?? false,
    createdAt: sim.createdAt ?? now,
    updatedAt: sim.updatedAt ?? now,
  };
}

/** Replaces the given fields; the product counts as updated now unless the patch sets `sim.updatedAt`. */
export function patchProduct(product: SimProduct, input: ProductInput, now: number): void {
  Object.assign(product, input.fields, input.sim);
  product.updatedAt = input.sim.updatedAt ?? now;
}

export function indexOrderCodes(state: SimState, order: SimOrder): void {
  for (const line of order.lines) {
    for (const code of line.codes) state.codeIndex.set(code.codeId, { order, line, code });
  }
}

export function findOrderById(state: SimState, orderId: string): SimOrder | undefined {
  return state.orders.find((order) => order.orderId === orderId);
}

export function visibleProducts(state: SimState): SimProduct[] {
  return [...state.products.values()].filter((product) => !product.hidden);
}

export function findVisibleProduct(state: SimState, productId: string): SimProduct | undefined {
  const product = state.products.get(productId);
  return product && !product.hidden ? product : undefined;
}

export function countIn(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}
