import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimOrder } from "./state";

export const MAX_BODY_BYTES = 1024 * 1024;

export const API_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "application/json;charset=UTF-8",
  "Cache-Control": "no-cache, no-store, max-age=0, must-revalidate",
  Pragma: "no-cache",
  Expires: "0",
};

export interface Reply {
  status: number;
  /** Serialized as JSON unless `png` is set; omitted for 204. */
  body?: unknown;
  png?: Buffer;
  headers?: Record<string, string>;
  /** Set by POST /v3/orders when it created an order, for the accept-then-fail fault. */
  createdOrder?: SimOrder;
}

/** A failed check, carrying the answer to send. */
export type Refusal = { ok: false; reply: Reply };

export type BodyRead = { tooLarge: false; text: string } | { tooLarge: true };

/**
 * Reads the request body once, however many times it is asked for. Past the limit the rest is drained
 * and dropped, so that the client still gets the 413 instead of a reset connection.
 */
export function bodyReader(req: IncomingMessage): () => Promise<BodyRead> {
  let pending: Promise<BodyRead> | undefined;
  return () => {
    pending ??= new Promise<BodyRead>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      req.on("end", () =>
        resolve(
          size > MAX_BODY_BYTES
            ? { tooLarge: true }
            : { tooLarge: false, text: Buffer.concat(chunks).toString("utf8") },
        ),
      );
      req.on("error", reject);
    });
    return pending;
  };
}

export type JsonRead =
  { kind: "tooLarge" } | { kind: "empty" } | { kind: "malformed" } | { kind: "json"; value: unknown };

export async function readJson(readBody: () => Promise<BodyRead>): Promise<JsonRead> {
  const body = await readBody();
  if (body.tooLarge) return { kind: "tooLarge" };
  if (body.text.trim() === "") return { kind: "empty" };
  try {
    return { kind: "json", value: JSON.parse(body.text) as unknown };
  } catch {
    return { kind: "malformed" };
  }
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  if (reply.png) {
    res.writeHead(reply.status, {
      ...API_HEADERS,
      ...reply.headers,
      "Content-Type": "image/png",
      "Content-Length": reply.png.length,
    });
    res.end(reply.png);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, { ...API_HEADERS, ...reply.headers });
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...API_HEADERS, ...reply.headers, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
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

/** A control-API error: `{error}`. */
export function controlError(status: number, message: string): Reply {
  return { status, body: { error: message } };
}

export const payloadTooLarge = (): Reply => apiError(413, 0, "Payload too large");

export const malformedRequest = (message: string): Reply => apiError(400, 0, message);

export const productNotFound = (): Reply => apiError(404, 20001, "Product not found");

export function tooManyRequests(retryAfterSeconds: number): Reply {
  return apiError(429, 0, "Too many requests", { "Retry-After": String(retryAfterSeconds) });
}
