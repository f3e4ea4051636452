import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES = 1024 * 1024;

const API_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": "application/json",
  "Cache-Control": "no-store",
};

export interface Reply {
  status: number;
  /** Serialized as JSON; omitted for 204. */
  body?: unknown;
  /** Sent as is instead of `body`: the malformed answers of a fault. */
  rawBody?: string;
  headers?: Record<string, string>;
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
  const text = reply.rawBody ?? (reply.body === undefined ? undefined : JSON.stringify(reply.body));
  if (text === undefined) {
    res.writeHead(reply.status, { ...API_HEADERS, ...reply.headers });
    res.end();
    return;
  }
  res.writeHead(reply.status, { ...API_HEADERS, ...reply.headers, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
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

/** A control-API error: `{error}`. */
export function controlError(status: number, message: string): Reply {
  return { status, body: { error: message } };
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
