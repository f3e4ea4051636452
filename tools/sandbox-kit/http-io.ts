import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES = 1024 * 1024;

/** An answer as handlers return it; each API's writer adds its own headers and payload kinds. */
export interface Reply {
  status: number;
  /** Serialized as JSON; omitted for 204. */
  body?: unknown;
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

/** The token of an `Authorization: Bearer …` header; null without one. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  return /^bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "")?.[1] ?? null;
}

/** The body of a reply as JSON text; undefined when it has none. */
export function jsonPayload(reply: Reply): string | undefined {
  return reply.body === undefined ? undefined : JSON.stringify(reply.body);
}

/**
 * Sends an answer, with a Content-Length when it has a payload. Does nothing when an answer was already
 * sent or the connection is gone, as after a fault that dropped it.
 */
export function sendReply(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  payload: string | Buffer | undefined,
): void {
  if (res.headersSent || res.destroyed) return;
  if (payload === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, "Content-Length": Buffer.byteLength(payload) });
  res.end(payload);
}

/** A control-API error: `{error}`. */
export function controlError(status: number, message: string): Reply {
  return { status, body: { error: message } };
}
