import { isRecord } from "../sandbox-kit/json";
import { isProductId } from "./catalogue";
import type { FieldError } from "./http-io";
import { readPrice } from "./money";
import { OFFER_TYPES, VISIBILITIES, type OfferPatch, type Visibility } from "./state";

// Validation of the create and update bodies (spec §3.2, §3.8, §3.6). Every problem is reported, each
// with the field it concerns, in the 400 "BadRequestExtended" answer. The codes are the sandbox's own.

export const MAX_INVENTORY_SIZE = 10_000;

export interface CreateVariant {
  offerType: string;
  productId: string;
  retailCents: number;
  businessCents: number;
  inventorySize: number;
  active: boolean;
  visibility: Visibility;
}

export type BodyCheck<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

class Problems {
  readonly errors: FieldError[] = [];

  add(field: string, code: string, message: string): undefined {
    this.errors.push({ field, code, message });
    return undefined;
  }

  unknownFields(value: Record<string, unknown>, known: readonly string[], where: string): void {
    for (const key of Object.keys(value))
      if (!known.includes(key)) this.add(`${where}${key}`, "UNKNOWN_FIELD", `${key} is not a field of this object`);
  }
}

function readOfferType(value: unknown, problems: Problems): string | undefined {
  if (typeof value === "string" && (OFFER_TYPES as readonly string[]).includes(value)) return value;
  return problems.add("offerType", "INVALID_OFFER_TYPE", `offerType must be one of ${OFFER_TYPES.join(", ")}`);
}

function readCents(value: unknown, field: string, problems: Problems): number | undefined {
  const price = readPrice(value);
  if (price.ok) return price.cents;
  return problems.add(field, "INVALID_PRICE", 'A price must be greater than 0 with at most 2 decimals, e.g. "5.98"');
}

function readPrices(value: unknown, where: string, problems: Problems): { retail?: number; business?: number } {
  if (!isRecord(value) || (value.retail === undefined && value.business === undefined)) {
    problems.add(where, "INVALID_VALUE", "price must be an object with retail and/or business");
    return {};
  }
  problems.unknownFields(value, ["retail", "business"], `${where}.`);
  return {
    retail: value.retail === undefined ? undefined : readCents(value.retail, `${where}.retail`, problems),
    business: value.business === undefined ? undefined : readCents(value.business, `${where}.business`, problems),
  };
}

function readInventorySize(value: unknown, where: string, problems: Problems): number | undefined {
  if (!isRecord(value)) return problems.add(where, "INVALID_VALUE", "inventory must be an object with size");
  problems.unknownFields(value, ["size"], `${where}.`);
  const size = value.size;
  if (typeof size === "number" && Number.isInteger(size) && size >= 0 && size <= MAX_INVENTORY_SIZE) return size;
  return problems.add(
    `${where}.size`,
    "INVALID_INVENTORY_SIZE",
    `inventory.size must be an integer from 0 to ${MAX_INVENTORY_SIZE}`,
  );
}

function readBoolean(value: unknown, field: string, problems: Problems): boolean | undefined {
  return typeof value === "boolean" ? value : problems.add(field, "INVALID_VALUE", `${field} must be true or false`);
}

function readVisibility(value: unknown, field: string, problems: Problems): Visibility | undefined {
  const found = VISIBILITIES.find((visibility) => visibility === value);
  return found ?? problems.add(field, "INVALID_VALUE", `${field} must be one of ${VISIBILITIES.join(", ")}`);
}

/** A product id sent as a string (as peers do) or as a number (as G2A's merchant contract types it). */
function readProductId(value: unknown, field: string, problems: Problems): string | undefined {
  if (typeof value === "string" && isProductId(value)) return value;
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return String(value);
  return problems.add(field, "INVALID_VALUE", 'productId must be a G2A product id such as "10000008939005"');
}

const CREATE_VARIANT_FIELDS = ["productId", "price", "active", "inventory", "visibility"];

/** POST /v3/sales/offers: `offerType` and exactly one variant. */
export function readCreateBody(body: unknown): BodyCheck<CreateVariant> {
  const problems = new Problems();
  if (!isRecord(body)) {
    problems.add("", "INVALID_VALUE", "The body must be a JSON object");
    return { ok: false, errors: problems.errors };
  }
  problems.unknownFields(body, ["offerType", "variants"], "");
  const offerType = readOfferType(body.offerType, problems);
  const variants = body.variants;
  if (!Array.isArray(variants) || variants.length !== 1 || !isRecord(variants[0])) {
    problems.add("variants", "INVALID_VARIANTS", "variants must hold exactly one variant object");
    return { ok: false, errors: problems.errors };
  }
  const variant = variants[0];
  const where = "variants[0]";
  problems.unknownFields(variant, CREATE_VARIANT_FIELDS, `${where}.`);
  const productId = readProductId(variant.productId, `${where}.productId`, problems);
  const prices = readPrices(variant.price, `${where}.price`, problems);
  const inventorySize = readInventorySize(variant.inventory, `${where}.inventory`, problems);
  const active = variant.active === undefined ? true : readBoolean(variant.active, `${where}.active`, problems);
  const visibility =
    variant.visibility === undefined ? "all" : readVisibility(variant.visibility, `${where}.visibility`, problems);
  // A missing retail or business price follows the other one, as LootCodes sends them for "all".
  const retailCents = prices.retail ?? prices.business;
  const businessCents = prices.business ?? prices.retail;
  if (
    problems.errors.length > 0 ||
    offerType === undefined ||
    productId === undefined ||
    retailCents === undefined ||
    businessCents === undefined ||
    inventorySize === undefined ||
    active === undefined ||
    visibility === undefined
  ) {
    return { ok: false, errors: problems.errors };
  }
  return {
    ok: true,
    value: { offerType, productId, retailCents, businessCents, inventorySize, active, visibility },
  };
}

const UPDATE_VARIANT_FIELDS = ["price", "inventory", "active", "visibility", "archive"];

/** PATCH /v3/sales/offers/{offerId}: `offerType` plus a singular `variant` with only the fields to change. */
export function readUpdateBody(body: unknown): BodyCheck<{ offerType: string; patch: OfferPatch }> {
  const problems = new Problems();
  if (!isRecord(body)) {
    problems.add("", "INVALID_VALUE", "The body must be a JSON object");
    return { ok: false, errors: problems.errors };
  }
  problems.unknownFields(body, ["offerType", "variant"], "");
  const offerType = readOfferType(body.offerType, problems);
  const variant = body.variant;
  if (!isRecord(variant)) {
    problems.add("variant", "INVALID_VALUE", "variant must be an object");
    return { ok: false, errors: problems.errors };
  }
  problems.unknownFields(variant, UPDATE_VARIANT_FIELDS, "variant.");
  const patch: OfferPatch = {};
  if (variant.price !== undefined) {
    const prices = readPrices(variant.price, "variant.price", problems);
    if (prices.retail !== undefined) patch.retailCents = prices.retail;
    if (prices.business !== undefined) patch.businessCents = prices.business;
  }
  if (variant.inventory !== undefined)
    patch.inventorySize = readInventorySize(variant.inventory, "variant.inventory", problems);
  if (variant.active !== undefined) patch.active = readBoolean(variant.active, "variant.active", problems);
  if (variant.visibility !== undefined)
    patch.visibility = readVisibility(variant.visibility, "variant.visibility", problems);
  if (variant.archive !== undefined) patch.archive = readBoolean(variant.archive, "variant.archive", problems);
  if (problems.errors.length > 0 || offerType === undefined) return { ok: false, errors: problems.errors };
  return { ok: true, value: { offerType, patch } };
}
