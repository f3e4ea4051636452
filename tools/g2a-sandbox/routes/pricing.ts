import type { ApiRequest, SandboxContext } from "../context";
import { validationError, type FieldError, type Reply } from "../http-io";
import { readPrice } from "../money";
import { simulate } from "../fees";

/** GET /v3/pricing/simulations?productId&price&currency=EUR — unwrapped, unlike every other answer (spec §5). */
export function getSimulation(sandbox: SandboxContext, request: ApiRequest): Reply {
  const params = request.url.searchParams;
  const errors: FieldError[] = [];
  const price = readPrice(params.get("price") ?? undefined);
  if (!price.ok)
    errors.push({ field: "price", code: "INVALID_PRICE", message: 'price must be greater than 0, e.g. "5.98"' });
  const currency = params.get("currency");
  if (currency !== null && currency.toUpperCase() !== "EUR")
    errors.push({ field: "currency", code: "INVALID_VALUE", message: "currency must be EUR" });
  // The product is optional, as LootCodes leaves it out; when given it must exist.
  const productId = params.get("productId");
  if (productId !== null && !sandbox.state.products.has(productId))
    errors.push({ field: "productId", code: "PRODUCT_NOT_FOUND", message: `Product ${productId} does not exist` });
  if (errors.length > 0 || !price.ok) return validationError(errors);
  return { status: 200, body: simulate(price.cents, sandbox.state.settings) };
}
