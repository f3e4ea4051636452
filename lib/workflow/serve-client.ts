import { BODY_LIMITS } from "@/lib/http/body";
import { parseRetryAfter } from "./duration";
import {
  IN_BAND_SYNC,
  inBandSyncResponseSchema,
  NO_RETRY_HEADER,
  opsResponseSchema,
  RETRY_AFTER_HEADER,
  SYNC_KIND_HEADER,
  type SyncedFunction,
  toStoredError,
} from "./protocol";
import type { ServeHandler } from "./in-process";
import type { CallOutcome } from "./run-state";
import { SIGNATURE_HEADER, signedJson, verifySignature } from "./signing";

// The engine's side of the SDK's HTTP protocol: it signs every request as the SDK verifies them,
// and trusts an answer only when the SDK signed it with the same key (the SDK signs every answer
// to a request it verified). An unsigned answer is not our handler: it counts as unreachable.

export type ServeEndpoint = {
  url: string;
  signingKey: string;
  /** The serve handler in this process, called instead of fetching `url` when there is one. */
  inProcess?: () => ServeHandler | undefined;
};

type SignedAnswer = { status: number; headers: Headers; text: string };

class Unreachable extends Error {}

/** Rejects with a TimeoutError, as fetch's timeout signal does, when `promise` takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DOMException(`no answer within ${ms} ms`, "TimeoutError")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A call the serve handler would refuse unread (413): retrying cannot make it smaller. */
class OverBodyLimit extends Error {
  constructor(bytes: number) {
    super(
      `the call would carry ${bytes} bytes (the run's event and step results), over the ${BODY_LIMITS.workflow} bytes the serve handler reads`,
    );
  }
}

async function signedRequest(
  endpoint: ServeEndpoint,
  method: "PUT" | "POST",
  url: URL,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<SignedAnswer> {
  // The SDK checks the timestamp against its own clock, so signatures always use the real time.
  const { payload, signature } = signedJson(body, endpoint.signingKey, new Date());
  const bytes = Buffer.byteLength(payload);
  if (bytes > BODY_LIMITS.workflow) throw new OverBodyLimit(bytes);
  const init = {
    method,
    // Loopback: compressing the answer would only cost the server CPU.
    headers: {
      "content-type": "application/json",
      "accept-encoding": "identity",
      [SIGNATURE_HEADER]: signature,
      ...headers,
    },
    body: payload,
  };
  const handler = endpoint.inProcess?.();
  let response: Response;
  let text: string;
  if (handler) {
    // A handler that throws is a failed call (retried), not an unreachable server.
    response = await within(handler(new Request(url, init)), timeoutMs);
    text = await response.text();
  } else {
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
    } catch (error) {
      if (error instanceof Error && error.name === "TimeoutError") throw error;
      const cause =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new Unreachable(`the serve handler at ${endpoint.url} is not reachable (${cause})`);
    }
  }
  if (!verifySignature(response.headers.get(SIGNATURE_HEADER), text, endpoint.signingKey, new Date())) {
    throw new Unreachable(
      `the serve handler at ${endpoint.url} answered ${response.status} without a valid signature (is the engine's signing key the app's?)`,
    );
  }
  return { status: response.status, headers: response.headers, text };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Asks the serve handler for its functions (in-band sync, SDK spec §4.3 as the v4 SDK serves it). */
export async function syncFunctions(
  endpoint: ServeEndpoint,
  timeoutMs: number,
): Promise<{ ok: true; functions: SyncedFunction[] } | { ok: false; reason: string }> {
  try {
    const answer = await signedRequest(
      endpoint,
      "PUT",
      new URL(endpoint.url),
      { url: endpoint.url },
      { [SYNC_KIND_HEADER]: IN_BAND_SYNC },
      timeoutMs,
    );
    if (answer.status !== 200 || answer.headers.get(SYNC_KIND_HEADER) !== IN_BAND_SYNC) {
      return {
        ok: false,
        reason: `the serve handler refused the in-band sync (${answer.status}); is INNGEST_ALLOW_IN_BAND_SYNC turned off?`,
      };
    }
    const parsed = inBandSyncResponseSchema.safeParse(parseJson(answer.text));
    if (!parsed.success)
      return { ok: false, reason: `unexpected sync answer: ${parsed.error.issues[0]?.message ?? "invalid"}` };
    return { ok: true, functions: parsed.data.functions };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** One call request: runs the function (stepId "step") or one planned step, and classifies the answer. */
export async function callFunction(
  endpoint: ServeEndpoint,
  input: { functionId: string; stepId: string; body: unknown; timeoutMs: number },
): Promise<CallOutcome> {
  const url = new URL(endpoint.url);
  url.searchParams.set("fnId", input.functionId);
  url.searchParams.set("stepId", input.stepId);
  let answer: SignedAnswer;
  try {
    answer = await signedRequest(endpoint, "POST", url, input.body, {}, input.timeoutMs);
  } catch (error) {
    if (error instanceof Unreachable) return { kind: "unavailable", reason: error.message };
    if (error instanceof OverBodyLimit)
      return { kind: "error", retriable: false, error: { name: "Error", message: error.message } };
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const message = timedOut
      ? `the call did not answer within ${Math.round(input.timeoutMs / 1000)} s`
      : error instanceof Error
        ? error.message
        : String(error);
    return { kind: "error", retriable: true, error: { name: timedOut ? "TimeoutError" : "Error", message } };
  }

  const retryAfterMs = parseRetryAfter(answer.headers.get(RETRY_AFTER_HEADER), new Date());
  if (answer.status === 200) return { kind: "completed" };
  if (answer.status === 206) {
    const ops = opsResponseSchema.safeParse(parseJson(answer.text));
    if (ops.success) return { kind: "ops", ops: ops.data, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    return {
      kind: "error",
      retriable: true,
      error: { name: "Error", message: "the serve handler answered 206 without a list of steps" },
    };
  }
  return {
    kind: "error",
    retriable: answer.status < 400 || answer.headers.get(NO_RETRY_HEADER) !== "true",
    error: toStoredError(parseJson(answer.text), `the serve handler answered ${answer.status}`),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}
