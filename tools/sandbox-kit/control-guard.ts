import type { IncomingMessage } from "node:http";
import { controlError, type Reply } from "./http-io";

// The control API has no authentication, so only this machine's own tools may use it: requests
// addressed to a loopback name (a page that rebinds its own domain to 127.0.0.1 still sends that
// domain as Host), not sent by a page of another site (Origin), and with bodies in JSON (a page can
// send text/plain to any address without asking the server first; JSON needs its consent).

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;
const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return (length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined;
}

/** A refusal for a control request that did not come from this machine's own tools, or null. */
export function refuseForeignControlRequest(req: IncomingMessage): Reply | null {
  if (!LOOPBACK_HOST.test(req.headers.host ?? ""))
    return controlError(403, "The control API answers only requests addressed to 127.0.0.1 or localhost");
  const origin = req.headers.origin;
  if (origin !== undefined && !LOOPBACK_ORIGIN.test(origin))
    return controlError(403, "The control API does not answer requests from web pages of other sites");
  const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (hasBody(req) && type !== "application/json")
    return controlError(415, "Send control bodies as JSON (Content-Type: application/json)");
  return null;
}
