import type { ServerResponse } from "node:http";
import {
  jsonPayload,
  readJson,
  sendReply,
  type BodyRead,
  type Refusal,
  type Reply as BaseReply,
} from "../sandbox-kit/http-io";

const API_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "application/json",
  "Cache-Control": "no-store",
};

export interface Reply extends BaseReply {
  /** Sent as is instead of `body`: the malformed answers of a fault. */
  rawBody?: string;
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  sendReply(res, reply.status, { ...API_HEADERS, ...reply.headers }, reply.rawBody ?? jsonPayload(reply));
}

export interface FieldError {
  code: string;
  message: string;
  field: string;
}

/**
 * G2A's Import API error body is not public; this is the Export API's published form
 * `{"status":"ERROR","code","message"}` (spec §7.1), which the Import API is assumed to share.
 */
export function apiError(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { status: "ERROR", code, message }, headers };
}

/** A 400 "BadRequestExtended": the same body plus field-level `errors`. */
export function validationError(errors: FieldError[]): Reply {
  return {
    status: 400,
    body: { status: "ERROR", code: "VALIDATION_ERROR", message: "The request is not valid", errors },
  };
}

export const payloadTooLarge = (): Reply => apiError(413, "PAYLOAD_TOO_LARGE", "Payload too large");

/** The Export API's code for an unreadable body (spec §7.1). */
export const invalidJson = (): Reply => apiError(400, "BR01", "Invalid JSON");

export const notFound = (message: string): Reply => apiError(404, "NOT_FOUND", message);

/** The Export API's 429 body (spec §7.1), with the Retry-After G2A was never seen sending but clients honour. */
export function tooManyRequests(retryAfterSeconds: number, message = "Too many requests"): Reply {
  return apiError(429, "BR03", message, { "Retry-After": String(retryAfterSeconds) });
}

/** Reads a JSON request body, answering the refusal for an oversized, empty or unreadable one. */
export async function readApiJson(readBody: () => Promise<BodyRead>): Promise<{ ok: true; value: unknown } | Refusal> {
  const body = await readJson(readBody);
  if (body.kind === "tooLarge") return { ok: false, reply: payloadTooLarge() };
  if (body.kind !== "json") return { ok: false, reply: invalidJson() };
  return { ok: true, value: body.value };
}
