import { AppError } from "@/lib/errors";

/**
 * What each kind of route reads at most, before authentication or parsing. The workflow cap fits
 * the largest call the embedded engine makes (a run's event plus every memoized step result, each a
 * few hundred bytes) many times over; the engine refuses to send more (lib/workflow/serve-client.ts).
 */
export const BODY_LIMITS = {
  /** The G2A contract's cap (§3.5). */
  g2a: 64 * 1024,
  admin: 1024 * 1024,
  workflow: 1024 * 1024,
  auth: 8 * 1024,
} as const;

/**
 * Past its cap, a body is still read and thrown away up to this much more, so that a client a little
 * over it gets its 413 on a connection kept open; a larger one is left unread and the connection
 * closed after the answer (closeIfBodyLeftUnread).
 */
const DISCARD_BYTES = 256 * 1024;

/** Requests refused with their body left unread: their answer closes the connection. */
const leftUnread = new WeakSet<Request>();

function tooLarge(request: Request, limit: number, unread: boolean): AppError {
  if (unread) leftUnread.add(request);
  return new AppError("PAYLOAD_TOO_LARGE", `body exceeds ${limit} bytes`);
}

function declaredLength(request: Request): number | null {
  const declared = request.headers.get("content-length");
  return declared !== null && /^\d+$/.test(declared) ? Number(declared) : null;
}

/** Reads on and discards up to `budget` bytes; true when the body ended within them. */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, budget: number): Promise<boolean> {
  for (let left = budget; ;) {
    const { done, value } = await reader.read();
    if (done) return true;
    left -= value.byteLength;
    if (left < 0) return false;
  }
}

/**
 * Reads a request body, never keeping more than `limit` bytes: a declared Content-Length over the
 * limit is refused before reading, an undeclared one is counted while it streams.
 */
export async function readLimitedBody(request: Request, limit: number): Promise<Buffer> {
  const declared = declaredLength(request);
  if (declared !== null && declared > limit && (declared > limit + DISCARD_BYTES || !request.body))
    throw tooLarge(request, limit, true);
  if (!request.body) return Buffer.alloc(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) throw tooLarge(request, limit, !(await discard(reader, limit + DISCARD_BYTES - size)));
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Parses a JSON body whatever the Content-Type says; empty, non-UTF-8 or malformed bodies are a 400. */
export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new AppError("BAD_REQUEST", "body is not valid UTF-8");
  }
  if (text.trim() === "") throw new AppError("BAD_REQUEST", "body is empty; a JSON body is expected");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "body is not valid JSON");
  }
}

// A JSON escape such as "\ud800" yields a lone surrogate: no character, and refused by the
// database driver, so strings from request bodies are checked or repaired before they are stored.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function hasLoneSurrogate(text: string): boolean {
  return text.search(LONE_SURROGATE) >= 0;
}

/** The text with each lone surrogate replaced by U+FFFD. */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}

/**
 * A refusal sent before the body was read to its end (a large 413, or a 401 before reading a large
 * or unsized body) closes the connection after the answer; otherwise the server would go on
 * reading and discarding whatever the client still sends, whatever its size.
 */
export function closeIfBodyLeftUnread(request: Request, response: Response): void {
  if (response.status < 400) return;
  const declared = declaredLength(request);
  const unreadAndLarge =
    !request.bodyUsed && (declared === null ? request.headers.has("transfer-encoding") : declared > DISCARD_BYTES);
  if (leftUnread.has(request) || unreadAndLarge) response.headers.set("Connection", "close");
}
