import { timingSafeEqual, createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import { bearerToken } from "@/lib/http/bearer";
import { collectFromDatabase } from "./collectors";
import { metrics } from "./registry";

export type ScrapeAnswer = { status: number; contentType: string; body: string };

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether the request's bearer token is the token, compared in constant time. */
function bearerMatches(request: Request, token: string): boolean {
  const given = bearerToken(request);
  return given !== null && timingSafeEqual(digest(given), digest(token));
}

const json = (status: number, code: string, message: string): ScrapeAnswer => ({
  status,
  contentType: "application/json",
  body: JSON.stringify({ code, message }),
});

/**
 * GET /api/metrics: off (404) without METRICS_TOKEN, 401 without the token, else every metric in
 * Prometheus' text format, the database's totals read for this scrape.
 */
export async function scrapeMetrics(db: Db, token: string | undefined, request: Request): Promise<ScrapeAnswer> {
  if (!token) return json(404, "NOT_FOUND", "metrics are off: set METRICS_TOKEN to turn them on");
  if (!bearerMatches(request, token)) return json(401, "UNAUTHORIZED", "a valid bearer token is required");
  await collectFromDatabase(db);
  const { registry } = metrics();
  return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
}
