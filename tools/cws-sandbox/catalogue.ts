import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { isRecord } from "../sandbox-kit/json";
import { isIsoDateTime } from "./dates";
import { isEuroAmount, toCents } from "./money";

export const DEFAULT_CATALOGUE_PATH = fileURLToPath(new URL("./default-catalogue.json", import.meta.url));

export const FULFILMENT_MODES = ["instant", "delayed", "preorder", "image"] as const;
export type FulfilmentMode = (typeof FULFILMENT_MODES)[number];

/** A price band as stored: `to` keeps the null or 0 the file used, because tiers are served as written. */
export interface PriceTier {
  valueCents: number;
  from: number;
  to: number | null;
}
export interface Badge {
  id: number;
  name: string;
  slug: string;
}
export interface ProductImage {
  image: string;
  format: string;
}

/** The fields of a product that CWS serves. */
export interface ProductFields {
  identifier: string;
  name: string;
  platform: string;
  regions: string[];
  languages: string[];
  quantity: number;
  prices: PriceTier[];
  releaseDate: string | null;
  regionDescription: string | null;
  badges: Badge[];
  /** null: generated from the public URL when served. */
  images: ProductImage[] | null;
}

/** The simulator-only `sim` object of a catalogue entry; times are epoch milliseconds. */
export interface ProductSimFields {
  mode: FulfilmentMode;
  delaySeconds: number;
  hidden: boolean;
  createdAt: number;
  updatedAt: number;
}

/** One catalogue entry or patch, validated; absent fields are left out. */
export interface ProductInput {
  productId: string;
  fields: Partial<ProductFields>;
  sim: Partial<ProductSimFields>;
}

export const REQUIRED_PRODUCT_FIELDS = [
  "identifier",
  "name",
  "platform",
  "regions",
  "languages",
  "quantity",
  "prices",
] as const;
type RequiredProductField = (typeof REQUIRED_PRODUCT_FIELDS)[number];

/** An input that can create a product: every required field is present. */
export interface CompleteProductInput extends ProductInput {
  fields: Partial<ProductFields> & Pick<ProductFields, RequiredProductField>;
}

export class CatalogueError extends Error {
  override name = "CatalogueError";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PROBLEMS_SHOWN = 20;

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };
type Parser<T> = (value: unknown) => Parsed<T>;

const accept = <T>(value: T): Parsed<T> => ({ ok: true, value });
const reject = <T>(problem: string): Parsed<T> => ({ ok: false, problem });

const nonEmptyString: Parser<string> = (value) =>
  typeof value === "string" && value.trim() !== "" ? accept(value) : reject("must be a non-empty string");

const nullableString: Parser<string | null> = (value) =>
  value === null || typeof value === "string" ? accept(value) : reject("must be a string or null");

const stringList: Parser<string[]> = (value) =>
  Array.isArray(value) && value.every((item) => typeof item === "string")
    ? accept(value)
    : reject("must be an array of strings");

const wholeNumberAtLeastZero: Parser<number> = (value) =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 ? accept(value) : reject("must be an integer ≥ 0");

const isoDateTime: Parser<number> = (value) =>
  typeof value === "string" && isIsoDateTime(value)
    ? accept(Date.parse(value))
    : reject("must be an ISO-8601 date-time");

const releaseDate: Parser<string | null> = (value) =>
  value === null || (typeof value === "string" && isIsoDateTime(value))
    ? accept(value)
    : reject("must be an ISO-8601 date-time or null");

const priceTier: Parser<PriceTier> = (value) => {
  if (!isRecord(value)) return reject("must be an object { value, from, to }");
  if (!isEuroAmount(value.value) || value.value < 0)
    return reject("value must be an amount ≥ 0 with at most 2 decimals");
  const from = wholeNumberAtLeastZero(value.from);
  if (!from.ok) return reject(`from ${from.problem}`);
  // Both null and 0 mean an open band; the form written is kept because tiers are served as stored.
  const to = value.to === null || value.to === undefined ? accept(null) : wholeNumberAtLeastZero(value.to);
  if (!to.ok) return reject(`to ${to.problem}, or null`);
  return accept({ valueCents: toCents(value.value), from: from.value, to: to.value });
};

function listOf<T>(item: Parser<T>, allowEmpty: boolean): Parser<T[]> {
  return (value) => {
    if (!Array.isArray(value)) return reject("must be an array");
    if (!allowEmpty && value.length === 0) return reject("must hold at least one entry");
    const parsed: T[] = [];
    for (const [index, entry] of value.entries()) {
      const result = item(entry);
      if (!result.ok) return reject(`[${index}] ${result.problem}`);
      parsed.push(result.value);
    }
    return accept(parsed);
  };
}

const badge: Parser<Badge> = (value) =>
  isRecord(value) &&
  typeof value.id === "number" &&
  Number.isInteger(value.id) &&
  typeof value.name === "string" &&
  typeof value.slug === "string"
    ? accept({ id: value.id, name: value.name, slug: value.slug })
    : reject("must be an object { id: integer, name: string, slug: string }");

const productImage: Parser<ProductImage> = (value) =>
  isRecord(value) && typeof value.image === "string" && typeof value.format === "string"
    ? accept({ image: value.image, format: value.format })
    : reject("must be an object { image: string, format: string }");

const images: Parser<ProductImage[] | null> = (value) =>
  value === null ? accept(null) : listOf(productImage, true)(value);

const mode: Parser<FulfilmentMode> = (value) => {
  const known = FULFILMENT_MODES.find((candidate) => candidate === value);
  return known ? accept(known) : reject(`must be one of ${FULFILMENT_MODES.join(", ")}`);
};

const delaySeconds: Parser<number> = (value) =>
  typeof value === "number" && Number.isFinite(value) && value >= 0
    ? accept(value)
    : reject("must be a number of seconds ≥ 0");

const flag: Parser<boolean> = (value) => (typeof value === "boolean" ? accept(value) : reject("must be true or false"));

const FIELD_PARSERS: { [K in keyof ProductFields]: Parser<ProductFields[K]> } = {
  identifier: nonEmptyString,
  name: nonEmptyString,
  platform: nonEmptyString,
  regions: stringList,
  languages: stringList,
  quantity: wholeNumberAtLeastZero,
  prices: listOf(priceTier, false),
  releaseDate,
  regionDescription: nullableString,
  badges: listOf(badge, true),
  images,
};

const SIM_PARSERS: { [K in keyof ProductSimFields]: Parser<ProductSimFields[K]> } = {
  mode,
  delaySeconds,
  hidden: flag,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
};

function parseGroup<T extends object>(
  raw: Record<string, unknown>,
  parsers: { [K in keyof T]: Parser<T[K]> },
  where: string,
  problems: string[],
): Partial<T> {
  const parsed: Partial<T> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(parsers, key)) {
      problems.push(`${where}.${key} is not a known field`);
      continue;
    }
    const field = key as keyof T;
    const result = parsers[field](value);
    if (result.ok) parsed[field] = result.value;
    else problems.push(`${where}.${key} ${result.problem}`);
  }
  return parsed;
}

/**
 * Validates one catalogue entry (`requireAll`) or one patch. Problems are appended to `problems`,
 * each prefixed with `where`, so that a whole file can be reported at once.
 */
export function parseProductInput(
  raw: unknown,
  where: string,
  requireAll: boolean,
  problems: string[],
): ProductInput | null {
  if (!isRecord(raw)) {
    problems.push(`${where} must be an object`);
    return null;
  }
  const before = problems.length;
  const { productId, sim, ...rest } = raw;
  if (typeof productId !== "string" || !UUID.test(productId)) problems.push(`${where}.productId must be a UUID`);
  const fields = parseGroup<ProductFields>(rest, FIELD_PARSERS, where, problems);
  if (requireAll) {
    for (const key of REQUIRED_PRODUCT_FIELDS) if (!(key in rest)) problems.push(`${where}.${key} is required`);
  }
  let simFields: Partial<ProductSimFields> = {};
  if (sim !== undefined) {
    if (isRecord(sim)) simFields = parseGroup<ProductSimFields>(sim, SIM_PARSERS, `${where}.sim`, problems);
    else problems.push(`${where}.sim must be an object`);
  }
  if (problems.length > before || typeof productId !== "string") return null;
  return { productId, fields, sim: simFields };
}

export function hasEveryRequiredField(input: ProductInput): input is CompleteProductInput {
  return REQUIRED_PRODUCT_FIELDS.every((key) => input.fields[key] !== undefined);
}

/** Validates a parsed catalogue document; throws CatalogueError naming every problem found. */
export function parseCatalogue(document: unknown, source: string): CompleteProductInput[] {
  if (!isRecord(document) || !Array.isArray(document.products)) {
    throw new CatalogueError(`Invalid catalogue ${source}: expected an object with a "products" array.`);
  }
  const problems: string[] = [];
  const inputs: CompleteProductInput[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of document.products.entries()) {
    const input = parseProductInput(entry, `products[${index}]`, true, problems);
    // parseProductInput has already reported any missing field.
    if (!input || !hasEveryRequiredField(input)) continue;
    if (seen.has(input.productId))
      problems.push(`products[${index}].productId ${input.productId} appears more than once`);
    seen.add(input.productId);
    inputs.push(input);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem) => `  - ${problem}`);
    if (problems.length > MAX_PROBLEMS_SHOWN) shown.push(`  - …and ${problems.length - MAX_PROBLEMS_SHOWN} more`);
    throw new CatalogueError(`Invalid catalogue ${source}:\n${shown.join("\n")}`);
  }
  return inputs;
}

/** Reads and validates a catalogue file; throws CatalogueError with a message fit for a terminal. */
export function loadCatalogue(filePath: string): CompleteProductInput[] {
  let text: string;
  try {
    text = fs.readFileSync(filePath, "utf8");
  } catch (error) {
    throw new CatalogueError(`Cannot read catalogue ${filePath}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new CatalogueError(`Invalid catalogue ${filePath}: not valid JSON (${(error as Error).message}).`);
  }
  return parseCatalogue(document, filePath);
}
