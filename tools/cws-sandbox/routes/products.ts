import type { ApiRequest, SimContext } from "../context";
import { DAY_MS, parseDateParam } from "../dates";
import { malformedRequest, productNotFound, type Reply } from "../http-io";
import { findVisibleProduct, visibleProducts, type SimProduct } from "../state";
import { productView } from "../views";

const MAX_IN_STOCK_DAYS = 60;
const OFFSET_TOKEN = /^offset:(\d+)$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeContinuationToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

function decodeContinuationToken(token: string): number | null {
  if (!BASE64URL.test(token)) return null;
  const match = OFFSET_TOKEN.exec(Buffer.from(token, "base64url").toString("utf8"));
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** A comma-separated query parameter as trimmed, non-empty values; null when absent. */
function listParam(params: URLSearchParams, name: string): string[] | null {
  const raw = params.get(name);
  if (raw === null) return null;
  return raw
    .split(",")
    .map((value) => value.trim())
    .filter((value) => value !== "");
}

function matchesAnyIgnoringCase(values: readonly string[], wanted: readonly string[] | null): boolean {
  if (wanted === null) return true;
  const lowered = new Set(wanted.map((value) => value.toLowerCase()));
  return values.some((value) => lowered.has(value.toLowerCase()));
}

type Filter = (product: SimProduct) => boolean;

/** Builds the AND of the §13.7 filters, or a 400 reply naming the first malformed parameter. */
function buildFilters(params: URLSearchParams, now: number): Filter[] | Reply {
  const filters: Filter[] = [];
  const productIds = listParam(params, "productIds");
  if (productIds !== null) {
    const wanted = new Set(productIds);
    filters.push((product) => wanted.has(product.productId));
  }
  const platforms = listParam(params, "platform");
  const regions = listParam(params, "region");
  const languages = listParam(params, "language");
  filters.push((product) => matchesAnyIgnoringCase([product.platform], platforms));
  filters.push((product) => matchesAnyIgnoringCase(product.regions, regions));
  filters.push((product) => matchesAnyIgnoringCase(product.languages, languages));

  for (const [name, field] of [
    ["updatedSince", "updatedAt"],
    ["createdSince", "createdAt"],
  ] as const) {
    const raw = params.get(name);
    if (raw === null) continue;
    const since = parseDateParam(raw);
    if (since === null) return malformedRequest(`${name} must be an ISO-8601 date-time`);
    filters.push((product) => product[field] >= since);
  }

  const inStockDaysAgo = params.get("inStockDaysAgo");
  if (inStockDaysAgo !== null) {
    const days = /^\d+$/.test(inStockDaysAgo) ? Number(inStockDaysAgo) : NaN;
    if (!(days >= 0 && days <= MAX_IN_STOCK_DAYS))
      return malformedRequest(`inStockDaysAgo must be an integer from 0 to ${MAX_IN_STOCK_DAYS}`);
    filters.push((product) => product.quantity > 0 && product.updatedAt >= now - days * DAY_MS);
  }
  return filters;
}

/** GET /v3/products */
export function listProducts(sim: SimContext, request: ApiRequest): Reply {
  const params = request.url.searchParams;
  const filters = buildFilters(params, Date.now());
  if (!Array.isArray(filters)) return filters;

  const token = params.get("continuationToken");
  let offset = 0;
  if (token !== null && token !== "") {
    const decoded = decodeContinuationToken(token);
    if (decoded === null) return malformedRequest("Invalid continuationToken");
    offset = decoded;
  }

  const matching = visibleProducts(sim.state)
    .filter((product) => filters.every((filter) => filter(product)))
    .sort((a, b) => a.createdAt - b.createdAt || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  const end = offset + sim.settings.pageSize;
  return {
    status: 200,
    body: {
      continuationToken: end < matching.length ? encodeContinuationToken(end) : null,
      items: matching.slice(offset, end).map((product) => productView(product, sim.publicUrl)),
    },
  };
}

/** GET /v3/products/{productId} */
export function getProduct(sim: SimContext, request: ApiRequest): Reply {
  const product = findVisibleProduct(sim.state, request.params.productId ?? "");
  return product ? { status: 200, body: productView(product, sim.publicUrl) } : productNotFound();
}

/** GET /v3/products/{productId}/description — a generated description with the §5.3 fields. */
export function getProductDescription(sim: SimContext, request: ApiRequest): Reply {
  const product = findVisibleProduct(sim.state, request.params.productId ?? "");
  if (!product) return productNotFound();
  const released = product.releaseDate === null || Date.parse(product.releaseDate) <= Date.now();
  return {
    status: 200,
    body: {
      productId: product.productId,
      platform: product.platform,
      officialTitle: product.name,
      category: "Action",
      developerName: "Simulated Studio",
      developerHomepage: "",
      keywords: "",
      pegirating: "",
      minimumRequirements: "",
      recommendedRequirements: "",
      lastUpdated: "",
      eans: [],
      editions: [],
      extensionPacks: [],
      inTheGameLanguages: [],
      localizedTitles: [],
      factSheets: [{ territory: "English", description: `Simulated description of ${product.name}.` }],
      photos: [],
      releases: [
        {
          releaseDate: product.releaseDate,
          releaseStatus: released ? "Released" : "Pre-order",
          territory: "Worldwide",
        },
      ],
      videos: [],
    },
  };
}

function distinctSorted(values: Iterable<string>): Array<{ name: string }> {
  return [...new Set(values)].sort().map((name) => ({ name }));
}

/** GET /v3/platforms, /v3/regions and /v3/languages: the values found in the visible catalogue. */
export function referenceList(kind: "platforms" | "regions" | "languages") {
  return (sim: SimContext): Reply => {
    const products = visibleProducts(sim.state);
    const values =
      kind === "platforms" ? products.map((product) => product.platform) : products.flatMap((product) => product[kind]);
    return { status: 200, body: { [kind]: distinctSorted(values) } };
  };
}
