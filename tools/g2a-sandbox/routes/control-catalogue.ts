import { randomUUID } from "node:crypto";
import { controlError } from "../../sandbox-kit/http-io";
import { isRecord } from "../../sandbox-kit/json";
import { parseProduct, type G2aSandboxProduct } from "../catalogue";
import { seedCompetitors } from "../competitors";
import type { SandboxContext, SandboxRequest } from "../context";
import type { Reply } from "../http-io";
import { formatCents, readPrice } from "../money";
import type { CompetitorOffer } from "../state";
import { readControlObject, refuseUnknownKeys } from "./control-body";
import { listedOffers } from "./competitors";

export function competitorStateView(offer: CompetitorOffer) {
  return {
    id: offer.id,
    price: formatCents(offer.priceCents),
    sellerName: offer.sellerName,
    rating: offer.rating,
    ratingsCount: offer.ratingsCount,
    inventoryRange: offer.inventoryRange,
  };
}

/** POST /__sim/products {products}: upserts; a new product starts with the default competitors. */
export async function postProducts(sandbox: SandboxContext, request: SandboxRequest): Promise<Reply> {
  const body = await readControlObject(request);
  if (!body.ok) return body.reply;
  const unknown = refuseUnknownKeys(body.value, ["products"]);
  if (unknown) return unknown.reply;
  if (!Array.isArray(body.value.products)) return controlError(400, "products must be an array of products");
  // Every product is checked before any is stored, so that a bad batch changes nothing.
  const problems: string[] = [];
  const products: G2aSandboxProduct[] = [];
  for (const [index, raw] of body.value.products.entries()) {
    const product = parseProduct(raw, `products[${index}]`, problems);
    if (product) products.push(product);
  }
  if (problems.length > 0) return controlError(400, problems.join("; "));
  const { state } = sandbox;
  for (const product of products) {
    if (!state.competitors.has(product.id)) state.competitors.set(product.id, seedCompetitors(product));
    state.products.set(product.id, product);
  }
  return { status: 200, body: { products } };
}

const COMPETITOR_FIELDS = ["id", "price", "sellerName", "rating", "ratingsCount", "inventoryRange"];

function readCompetitor(value: unknown, where: string): CompetitorOffer | string {
  if (!isRecord(value)) return `${where} must be an object`;
  const unknown = Object.keys(value).find((key) => !COMPETITOR_FIELDS.includes(key));
  if (unknown !== undefined) return `${where}.${unknown} is not a competitor field`;
  const { id, price, sellerName, rating, ratingsCount, inventoryRange } = value;
  const cents = readPrice(price);
  if (!cents.ok) return `${where}.price must be an amount such as "5.49"`;
  if (id !== undefined && (typeof id !== "string" || id === "")) return `${where}.id must be a non-empty string`;
  if (typeof sellerName !== "string" || sellerName === "") return `${where}.sellerName must be a non-empty string`;
  if (rating !== undefined && (typeof rating !== "number" || !Number.isInteger(rating) || rating < 0))
    return `${where}.rating must be a non-negative integer`;
  if (
    ratingsCount !== undefined &&
    (typeof ratingsCount !== "number" || !Number.isInteger(ratingsCount) || ratingsCount < 0)
  )
    return `${where}.ratingsCount must be a non-negative integer`;
  if (inventoryRange !== undefined && typeof inventoryRange !== "string")
    return `${where}.inventoryRange must be a string such as "11-100"`;
  return {
    id: id ?? randomUUID(),
    priceCents: cents.cents,
    sellerName,
    rating: rating ?? 98,
    ratingsCount: ratingsCount ?? 1000,
    inventoryRange: inventoryRange ?? "11-100",
  };
}

/** POST /__sim/competitors {productId, offers}: replaces the product's other sellers; the own offer stays automatic. */
export async function postCompetitors(sandbox: SandboxContext, request: SandboxRequest): Promise<Reply> {
  const body = await readControlObject(request);
  if (!body.ok) return body.reply;
  const unknown = refuseUnknownKeys(body.value, ["productId", "offers"]);
  if (unknown) return unknown.reply;
  const { productId, offers } = body.value;
  const { state } = sandbox;
  if (typeof productId !== "string" || !state.products.has(productId))
    return controlError(404, `No product ${String(productId)}`);
  if (!Array.isArray(offers)) return controlError(400, "offers must be an array");
  const competitors: CompetitorOffer[] = [];
  for (const [index, raw] of offers.entries()) {
    const competitor = readCompetitor(raw, `offers[${index}]`);
    if (typeof competitor === "string") return controlError(400, competitor);
    competitors.push(competitor);
  }
  state.competitors.set(productId, competitors);
  return {
    status: 200,
    body: {
      productId,
      offers: listedOffers(state, productId).map(competitorStateView),
    },
  };
}
