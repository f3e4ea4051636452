/** One HTTP exchange with a partner API, reduced to what a client needs to decide. */
export type Exchange =
  | { kind: "response"; status: number; headers: Headers; text: string; ms: number }
  | { kind: "timeout"; ms: number }
  | { kind: "network"; error: unknown; ms: number };

export type ExchangeRequest = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
};

/**
 * Sends one request with a total time budget covering connection, headers and body.
 * Never throws: a timeout and a network failure are outcomes like any answer.
 */
export async function exchange(request: ExchangeRequest): Promise<Exchange> {
  const started = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: "manual",
    });
    const text = await response.text();
    return { kind: "response", status: response.status, headers: response.headers, text, ms: elapsed() };
  } catch (error) {
    if (controller.signal.aborted) return { kind: "timeout", ms: elapsed() };
    return { kind: "network", error, ms: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

/** Parses a JSON body; undefined when it is empty or not JSON (proxies answer with HTML). */
export function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `Retry-After` in seconds, given as seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
