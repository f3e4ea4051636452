import { metrics } from "./registry";

/** The G2A routes by template; any other path is "other", so strangers cannot grow the label set. */
const G2A_ROUTES = new Set([
  "/oauth/token",
  "/healthcheck",
  "/notifications",
  "/reservation",
  "/reservation/{id}",
  "/order",
  "/order/{id}/inventory",
  "/order/{id}/inventory/{id}",
  "/order/{id}/inventory/{id}/account",
]);
const G2A_WORDS = new Set([
  "oauth",
  "token",
  "healthcheck",
  "notifications",
  "reservation",
  "order",
  "inventory",
  "account",
]);

/** `/api/g2a/order/8f0…/inventory` → `/order/{id}/inventory`. */
export function g2aRouteLabel(pathname: string): string {
  const rest = pathname.replace(/^\/api\/g2a/, "").replace(/\/+$/, "");
  const template = rest
    .split("/")
    .map((segment, index) => (index === 0 || G2A_WORDS.has(segment) ? segment : "{id}"))
    .join("/");
  return G2A_ROUTES.has(template) ? template : "other";
}

/** `GET /v3/products/303e…` → `GET /v3/products/{id}`: ids (uuids, numbers) become `{id}`. */
export function cwsRouteLabel(route: string): string {
  return route.replace(/\/(?:[0-9a-f]{8}-[0-9a-f-]{27,}|\d+)(?=\/|$)/gi, "/{id}");
}

export function recordG2aRequest(method: string, pathname: string, status: number, ms: number): void {
  const route = g2aRouteLabel(pathname);
  const { g2aRequests, g2aRequestSeconds } = metrics();
  g2aRequests.inc({ route, method, status: String(status) });
  g2aRequestSeconds.observe({ route, method }, ms / 1000);
}

/** One call to CWS: its outcome is the status class, or what went wrong before an answer. */
export function recordCwsCall(route: string, outcome: string, ms: number | undefined): void {
  const label = cwsRouteLabel(route);
  const { cwsCalls, cwsCallSeconds } = metrics();
  cwsCalls.inc({ route: label, outcome });
  if (ms !== undefined) cwsCallSeconds.observe({ route: label }, ms / 1000);
}

/** An order's last key stored: how long after POST /order stored it. */
export function recordOrderCompleted(createdAt: Date, completedAt: Date): void {
  metrics().orderKeysSeconds.observe(Math.max(0, completedAt.getTime() - createdAt.getTime()) / 1000);
}

export function recordWorkflowCall(functionId: string, ms: number): void {
  metrics().workflowStepSeconds.observe({ function: functionId }, ms / 1000);
}
