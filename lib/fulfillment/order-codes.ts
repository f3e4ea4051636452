import type { CwsCode, CwsOrder } from "@/lib/cws";

type Line = { id: string; cwsProductId: string; quantity: number };

export type AssignedCode = { orderItemId: string; code: CwsCode };

/**
 * Hands the codes of a CWS order out to our order lines (codeswholesale-v3.md §11.7): one CWS
 * line per CWS product, its codes given to our lines for that product in line order.
 */
export function assignCodes(lines: readonly Line[], order: CwsOrder): AssignedCode[] {
  const codesByProduct = new Map<string, CwsCode[]>();
  for (const product of order.products) {
    codesByProduct.set(product.productId, [...(codesByProduct.get(product.productId) ?? []), ...product.codes]);
  }
  const assigned: AssignedCode[] = [];
  for (const line of lines) {
    const codes = codesByProduct.get(line.cwsProductId) ?? [];
    for (const code of codes.splice(0, line.quantity)) assigned.push({ orderItemId: line.id, code });
  }
  return assigned;
}

/** Lines of the request merged by CWS product, quantities summed (§11.7). */
export function mergeLines<T extends { cwsProductId: string; quantity: number }>(
  lines: readonly T[],
): Array<{ cwsProductId: string; quantity: number; lines: T[] }> {
  const merged = new Map<string, { cwsProductId: string; quantity: number; lines: T[] }>();
  for (const line of lines) {
    const entry = merged.get(line.cwsProductId) ?? { cwsProductId: line.cwsProductId, quantity: 0, lines: [] };
    entry.quantity += line.quantity;
    entry.lines.push(line);
    merged.set(line.cwsProductId, entry);
  }
  return [...merged.values()];
}
