import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { isRecord } from "../sandbox-kit/json";

export const DEFAULT_CATALOGUE_PATH = fileURLToPath(new URL("./default-catalogue.json", import.meta.url));

/** A G2A product as the sandbox knows it: its id, its name and the price range G2A allows for offers. */
export type G2aSandboxProduct = { id: string; name: string; priceLimit: { min: number; max: number } };

export class CatalogueError extends Error {
  override name = "CatalogueError";
}

/** G2A product ids are 14-digit numbers; any run of digits is accepted so that tests can make up their own. */
const PRODUCT_ID = /^\d{1,20}$/;

export function isProductId(value: string): boolean {
  return PRODUCT_ID.test(value);
}

function isAmount(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** Validates one product; problems are collected under `where` and null is returned. */
export function parseProduct(value: unknown, where: string, problems: string[]): G2aSandboxProduct | null {
  if (!isRecord(value)) {
    problems.push(`${where} must be an object`);
    return null;
  }
  const count = problems.length;
  for (const key of Object.keys(value))
    if (!["id", "name", "priceLimit"].includes(key)) problems.push(`${where}.${key} is not a product field`);
  const { id, name, priceLimit } = value;
  if (typeof id !== "string" || !isProductId(id)) problems.push(`${where}.id must be a string of digits`);
  if (typeof name !== "string" || name.trim() === "") problems.push(`${where}.name must be a non-empty string`);
  if (!isRecord(priceLimit) || !isAmount(priceLimit.min) || !isAmount(priceLimit.max)) {
    problems.push(`${where}.priceLimit must be {min, max} with amounts in EUR`);
  } else if (priceLimit.min > priceLimit.max) {
    problems.push(`${where}.priceLimit.min must not exceed priceLimit.max`);
  }
  if (problems.length > count) return null;
  const limit = priceLimit as { min: number; max: number };
  return { id: id as string, name: name as string, priceLimit: { min: limit.min, max: limit.max } };
}

/** Validates a whole product list; ids must be unique. Throws CatalogueError naming every problem. */
export function parseProducts(value: unknown, source: string): G2aSandboxProduct[] {
  if (!Array.isArray(value)) throw new CatalogueError(`${source} must be a JSON array of products`);
  const problems: string[] = [];
  const seen = new Set<string>();
  const products: G2aSandboxProduct[] = [];
  for (const [index, entry] of value.entries()) {
    const product = parseProduct(entry, `[${index}]`, problems);
    if (!product) continue;
    if (seen.has(product.id)) problems.push(`[${index}].id ${product.id} appears twice`);
    seen.add(product.id);
    products.push(product);
  }
  if (problems.length > 0) throw new CatalogueError(`${source}: ${problems.join("; ")}`);
  return products;
}

export function loadCatalogue(filePath: string): G2aSandboxProduct[] {
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(filePath, "utf8"));
  } catch (error) {
    throw new CatalogueError(`Cannot read catalogue ${filePath}: ${(error as Error).message}`);
  }
  return parseProducts(document, `Catalogue ${filePath}`);
}
