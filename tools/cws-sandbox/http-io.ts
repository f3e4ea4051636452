import type { ServerResponse } from "node:http";
import { jsonPayload, sendReply, type Reply as BaseReply } from "../sandbox-kit/http-io";
import type { SimOrder } from "./state";

const API_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "application/json;charset=UTF-8",
  "Cache-Control": "no-cache, no-store, max-age=0, must-revalidate",
  Pragma: "no-cache",
  Expires: "0",
};

export interface Reply extends BaseReply {
  /** Sent instead of `body`, as image/png. */
  png?: Buffer;
  /** Set by POST /v3/orders when it created an order, for the accept-then-fail fault. */
  createdOrder?: SimOrder;
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers = { ...API_HEADERS, ...reply.headers };
  if (reply.png) sendReply(res, reply.status, { ...headers, "Content-Type": "image/png" }, reply.png);
  else sendReply(res, reply.status, headers, jsonPayload(reply));
}

/** A CWS business error: `{status, code, message}`. */
export function apiError(status: number, code: number, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { status, code, message }, headers };
}

/** A Spring OAuth2 style error: `{error, error_description}`. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers?: Record<string, string>,
): Reply {
  return { status, body: { error, error_description: description }, headers };
}

export const payloadTooLarge = (): Reply => apiError(413, 0, "Payload too large");

export const malformedRequest = (message: string): Reply => apiError(400, 0, message);

export const productNotFound = (): Reply => apiError(404, 20001, "Product not found");

export function tooManyRequests(retryAfterSeconds: number): Reply {
  return apiError(429, 0, "Too many requests", { "Retry-After": String(retryAfterSeconds) });
}
