import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { toIso } from "./dates";
import { formatLogLine, type RequestRecord } from "./request-log";

/** One request and its answer, as a sandbox's dispatchers see them. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Only the path and the query are the client's; the origin is a placeholder. */
  url: URL;
  /** Epoch milliseconds when the request came in. */
  startedAt: number;
  /** The faults applied to the request, for its record in the request log. */
  faults: string[];
}

/** How a sandbox answers one request. */
export interface ExchangePlan {
  /** Whether the request goes into the state's request log; control calls, for one, do not. */
  logged: boolean;
  run: () => Promise<void>;
  /** Answers a request whose `run` threw. */
  fail: () => void;
}

export interface ExchangeOptions {
  /** Receives one line per request, and one per internal error; null: no logging. */
  log: ((line: string) => void) | null;
  /** Keeps the record of a logged request once its connection has closed. */
  keep: (record: RequestRecord) => void;
  plan: (exchange: Exchange) => ExchangePlan;
}

/**
 * Answers one request as its plan says, records it when its connection closes (with a null status when
 * it closed unanswered), and answers 500 when the plan's work throws.
 */
export function handleExchange(req: IncomingMessage, res: ServerResponse, options: ExchangeOptions): void {
  const startedAt = Date.now();
  const started = performance.now();
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://sandbox.invalid");
  const exchange: Exchange = { req, res, method, url, startedAt, faults: [] };
  const plan = options.plan(exchange);

  res.on("close", () => {
    const record: RequestRecord = {
      at: toIso(startedAt),
      method,
      path: url.pathname,
      status: res.writableFinished ? res.statusCode : null,
      ms: Math.round(performance.now() - started),
      fault: exchange.faults.length > 0 ? exchange.faults.join("+") : null,
    };
    if (plan.logged) options.keep(record);
    options.log?.(formatLogLine(record));
  });

  plan.run().catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    options.log?.(`${toIso(Date.now())} internal error on ${method} ${url.pathname}: ${reason}`);
    plan.fail();
  });
}
