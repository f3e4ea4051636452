import { AppError } from "@/lib/errors";
import { parseJsonBody } from "@/lib/http/body";

type Params = Partial<Record<"grant_type" | "client_id" | "client_secret", unknown>>;
const NAMES = ["grant_type", "client_id", "client_secret"] as const;

function fromBody(request: Request, body: Buffer): Params {
  if (request.method !== "POST" || body.length === 0) return {};
  if ((request.headers.get("content-type") ?? "").toLowerCase().includes("json")) {
    const parsed = parseJsonBody(body);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new AppError("BAD_REQUEST", "body must be a JSON object");
    return parsed as Params;
  }
  const form = new URLSearchParams(body.toString("utf8"));
  return Object.fromEntries(NAMES.filter((name) => form.has(name)).map((name) => [name, form.get(name)]));
}

function fromQuery(url: URL): Params {
  return Object.fromEntries(
    NAMES.filter((name) => url.searchParams.has(name)).map((name) => [name, url.searchParams.get(name)]),
  );
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

function fromBasicHeader(request: Request): Params {
  const match = /^basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  if (!match?.[1]) return {};
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return {};
  return {
    client_id: decodeComponent(decoded.slice(0, colon)),
    client_secret: decodeComponent(decoded.slice(colon + 1)),
  };
}

/**
 * The token endpoint's parameters (g2a-merchant-contract.md §4.2): for each one the first source
 * that has it wins: the POST body (JSON when declared so, a form otherwise), the query string,
 * then, for the credentials, an HTTP Basic header.
 */
export function tokenRequestParams(request: Request, url: URL, body: Buffer): Params {
  const sources = [fromBody(request, body), fromQuery(url), fromBasicHeader(request)];
  const params: Params = {};
  for (const name of NAMES) {
    const source = sources.find(
      (candidate) => candidate[name] !== undefined && candidate[name] !== null && candidate[name] !== "",
    );
    if (source) params[name] = source[name];
  }
  return params;
}
