import { PLACEHOLDER_PNG_BASE64 } from "../codes";
import type { SimContext, SimRequest } from "../context";
import { productNotFound, type Reply } from "../http-io";

const PLACEHOLDER_PNG = Buffer.from(PLACEHOLDER_PNG_BASE64, "base64");

/** GET /v1/products/{productId}/image — public, outside the fault pipeline; the product images point here. */
export function getProductImage(sim: SimContext, request: SimRequest): Reply {
  if (!sim.state.products.has(request.params.productId ?? "")) return productNotFound();
  return { status: 200, png: PLACEHOLDER_PNG };
}
