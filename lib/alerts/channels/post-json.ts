import { networkReason } from "./network-reason";
import { answerExcerpt } from "./safe-text";
import type { ChannelResult } from "./types";
import { durationWords } from "./wording";

/** Enough of an answer for its excerpt; the rest is not read. */
const ANSWER_BYTES = 2048;

export type JsonPost = {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** More text to keep out of the result besides the URL's path and query (a signing secret). */
  secrets?: readonly string[];
};

/** The parts of a URL that may be a credential: its path, query and fragment, whole and piece by piece. */
function urlSecrets(url: URL): string[] {
  const pieces = [
    url.href,
    url.pathname + url.search,
    url.pathname,
    url.search,
    url.hash,
    ...url.pathname.split("/"),
    ...[...url.searchParams.values()],
  ];
  // Short pieces ("v1", "") are not tokens, and hiding them would garble harmless words.
  return pieces.map((piece) => piece.replace(/^[?#]/, "")).filter((piece) => piece.length >= 6);
}

/** The start of an answer's body, read within the attempt's time limit; "" when there is none or it fails. */
async function readAnswerStart(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ANSWER_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short still leaves the status, which is what the result is about.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, ANSWER_BYTES).toString("utf8");
}

function answered(host: string, status: number, excerpt: string): string {
  return excerpt ? `${host} answered HTTP ${status}: ${excerpt}` : `${host} answered HTTP ${status}`;
}

/**
 * One POST of a JSON body, no redirect followed, within `timeoutMs` in all. 2xx is delivered;
 * 429, 5xx, timeouts and network faults may pass and are retryable; other answers need the
 * settings fixed. The result names the host only.
 */
export async function postJson(post: JsonPost): Promise<ChannelResult> {
  let url: URL;
  try {
    url = new URL(post.url);
  } catch {
    return { ok: false, error: "the URL is not a valid address", retryable: false };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, error: "the URL must start with http:// or https://", retryable: false };
  }
  // fetch refuses such a URL with an error quoting it whole, password included.
  if (url.username || url.password) {
    return { ok: false, error: "the URL must not carry a user name or password", retryable: false };
  }
  const host = url.host;
  const secrets = [...urlSecrets(url), ...(post.secrets ?? [])];
  const signal = AbortSignal.timeout(post.timeoutMs);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: post.headers,
      body: post.body,
      redirect: "manual",
      signal,
    });
    const { status } = response;
    if (status >= 200 && status < 300) {
      await response.body?.cancel().catch(() => {});
      return { ok: true, detail: `${host} answered HTTP ${status}` };
    }
    if (status >= 300 && status < 400) {
      await response.body?.cancel().catch(() => {});
      // The Location may hold a token too, so it is not quoted.
      return {
        ok: false,
        error: `${host} answered HTTP ${status}, a redirect (not followed): check the URL`,
        retryable: false,
      };
    }
    const excerpt = answerExcerpt(await readAnswerStart(response), secrets);
    return { ok: false, error: answered(host, status, excerpt), retryable: status === 429 || status >= 500 };
  } catch (error) {
    if (signal.aborted)
      return { ok: false, error: `${host} timed out after ${durationWords(post.timeoutMs)}`, retryable: true };
    const reason = networkReason(error);
    if (!reason) return { ok: false, error: `could not reach ${host}`, retryable: true };
    return { ok: false, error: `could not reach ${host}: ${reason.words}`, retryable: !reason.tls };
  }
}
