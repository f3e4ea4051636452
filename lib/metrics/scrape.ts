import { timingSafeEqual, createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import { collectFromDatabase } from "./collectors";
import { metrics } from "./registry";

export type ScrapeAnswer = { status: number; contentType: string; body: string };

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether the Authorization header carries the token, compared in constant time. */
export function bearerMatches(authorization: string | null, token: string): boolean {
  const match = authorization ? /^bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
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
export async function scrapeMetrics(
  db: Db,
  token: string | undefined,
  authorization: string | null,
): Promise<ScrapeAnswer> {
  if (!token) return json(404, "NOT_FOUND", "metrics are off: set METRICS_TOKEN to turn them on");
  if (!bearerMatches(authorization, token)) return json(401, "UNAUTHORIZED", "a valid bearer token is required");
  await collectFromDatabase(db);
  const { registry } = metrics();
  return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
}
