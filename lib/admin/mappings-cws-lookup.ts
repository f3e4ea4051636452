import {
  CwsAuthError,
  CwsError,
  CwsRateLimitError,
  CwsUnavailableError,
  type CwsClient,
  type CwsProduct,
} from "@/lib/cws";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordSnapshot, releaseDateOf } from "@/lib/stock/snapshots";
import type { CwsProductLookup } from "./mapping-schema";

/** What went wrong asking CWS, in words an admin can act on; never a 500 for CWS's own trouble. */
function lookupError(error: CwsError): AppError {
  if (error.kind === "product_not_found" || error.kind === "not_found")
    return new AppError("NOT_FOUND", "CodesWholesale has no product with this id");
  if (error instanceof CwsRateLimitError) {
    const wait = error.retryAfterSeconds ? `in ${error.retryAfterSeconds} s` : "in a moment";
    return new AppError("SERVICE_UNAVAILABLE", `CodesWholesale asked us to slow down; try again ${wait}`, {
      cause: error,
    });
  }
  if (error instanceof CwsAuthError) {
    return new AppError(
      "SERVICE_UNAVAILABLE",
      "CodesWholesale refused our API credentials; check CWS_CLIENT_ID and CWS_CLIENT_SECRET",
      { cause: error },
    );
  }
  if (error instanceof CwsUnavailableError)
    return new AppError(
      "SERVICE_UNAVAILABLE",
      `CodesWholesale is unavailable (${error.message}); try again in a moment`,
      { cause: error },
    );
  return new AppError("SERVICE_UNAVAILABLE", `CodesWholesale gave an answer we could not use: ${error.message}`, {
    status: 502,
    cause: error,
  });
}

/**
 * One CWS product, live: what an admin checks while mapping it. A single attempt (the form asks
 * again as the admin types); the answer also refreshes the product's stock snapshot.
 */
export async function lookupCwsProduct(db: Db, cws: CwsClient, productId: string): Promise<CwsProductLookup> {
  let product: CwsProduct;
  try {
    product = await cws.getProduct(productId, { maxRetries: 0 });
  } catch (error) {
    throw error instanceof CwsError ? lookupError(error) : error;
  }
  await recordSnapshot(db, product, new Date());
  return {
    productId: product.productId,
    identifier: product.identifier,
    name: product.name,
    platform: product.platform,
    quantity: product.quantity,
    priceTiers: [...product.prices]
      .sort((a, b) => a.from - b.from)
      .map((tier) => ({ from: tier.from, to: tier.to || null, priceCents: tier.valueCents.toString() })),
    releaseDate: releaseDateOf(product)?.toISOString() ?? null,
  };
}
