import { AppError } from "@/lib/errors";

/** The request body cap of the G2A contract (§3.5). */
export const BODY_LIMIT_BYTES = 65_536;

function tooLarge(limit: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `body exceeds ${limit} bytes`);
}

/**
 * Reads a request body, never buffering more than `limit` bytes: a declared Content-Length over
 * the limit is refused before reading, an undeclared one is counted while it streams.
 */
export async function readLimitedBody(request: Request, limit = BODY_LIMIT_BYTES): Promise<Buffer> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
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
