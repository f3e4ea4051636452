import { toIso } from "../sandbox-kit/dates";
import type { PriceTier } from "./catalogue";
import { CODE_STATUS_LABELS, PLACEHOLDER_PNG_BASE64 } from "./codes";
import { deliveredCodes, orderStatus } from "./fulfilment";
import { toEuros } from "./money";
import type { Account, SimCode, SimOrder, SimProduct } from "./state";

// Wire shapes of spec §5–§6 and Appendix A. The `sim` object and cents never leave through these.

export interface Link {
  rel: string;
  href: string;
}

const selfLink = (href: string): Link[] => [{ rel: "self", href }];

export function priceTiersView(
  prices: readonly PriceTier[],
): Array<{ value: number; from: number; to: number | null }> {
  return prices.map((tier) => ({ value: toEuros(tier.valueCents), from: tier.from, to: tier.to }));
}

const IMAGE_FORMATS = ["SMALL", "MEDIUM"] as const;

export function productView(product: SimProduct, publicUrl: string) {
  const images =
    product.images ??
    IMAGE_FORMATS.map((format) => ({
      image: `${publicUrl}/v1/products/${encodeURIComponent(product.productId)}/image?format=${format}`,
      format,
    }));
  return {
    productId: product.productId,
    identifier: product.identifier,
    name: product.name,
    platform: product.platform,
    quantity: product.quantity,
    images,
    regions: product.regions,
    regionDescription: product.regionDescription,
    languages: product.languages,
    badges: product.badges,
    prices: priceTiersView(product.prices),
    releaseDate: product.releaseDate,
  };
}

export function accountView(account: Account, publicUrl: string) {
  return {
    fullName: "CWS Simulator",
    email: "simulator@localhost",
    currentBalance: toEuros(account.balanceCents),
    currentCredit: toEuros(account.creditCents),
    totalToUse: toEuros(account.balanceCents + account.creditCents),
    links: selfLink(`${publicUrl}/v3/accounts/current`),
  };
}

/** `withImageData`: GET /v3/codes fills image codes with the PNG; order views leave them null. */
export function codeView(code: SimCode, publicUrl: string, withImageData: boolean) {
  let value: string | null = code.key;
  if (code.codeType === "CODE_IMAGE") value = withImageData ? PLACEHOLDER_PNG_BASE64 : null;
  return {
    codeType: code.codeType,
    status: CODE_STATUS_LABELS[code.codeType],
    codeId: code.codeId,
    filename: code.codeType === "CODE_IMAGE" ? `${code.codeId}.png` : "",
    code: value,
    links: selfLink(`${publicUrl}/v3/codes/${code.codeId}`),
  };
}

export function orderSummaryView(order: SimOrder, publicUrl: string, now: number) {
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    identifier: order.identifier,
    totalPrice: toEuros(order.totalCents),
    createdOn: toIso(order.createdOn),
    status: orderStatus(order, now),
    // CWS builds the self link from the client's id, which may not resolve (spec §5.6).
    links: selfLink(`${publicUrl}/v3/orders/${encodeURIComponent(order.clientOrderId ?? order.orderId)}`),
  };
}

export function orderView(order: SimOrder, publicUrl: string, now: number) {
  const { links, ...summary } = orderSummaryView(order, publicUrl, now);
  return {
    ...summary,
    products: order.lines.map((line) => ({
      productId: line.productId,
      name: line.name,
      unitPrice: toEuros(line.unitCents),
      codes: deliveredCodes(line, now).map((code) => codeView(code, publicUrl, false)),
      links: [],
    })),
    links,
  };
}

/** A product in catalogue-file form, `sim` included (control API only). */
export function catalogueEntryView(product: SimProduct) {
  return {
    productId: product.productId,
    identifier: product.identifier,
    name: product.name,
    platform: product.platform,
    regions: product.regions,
    languages: product.languages,
    quantity: product.quantity,
    prices: priceTiersView(product.prices),
    releaseDate: product.releaseDate,
    regionDescription: product.regionDescription,
    badges: product.badges,
    ...(product.images === null ? {} : { images: product.images }),
    sim: {
      mode: product.mode,
      delaySeconds: product.delaySeconds,
      hidden: product.hidden,
      createdAt: toIso(product.createdAt),
      updatedAt: toIso(product.updatedAt),
    },
  };
}
