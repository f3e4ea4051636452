import http from "node:http";

// An HTTP client for the local sandboxes' tests: plain requests, the token endpoint, the API with a
// bearer token, and the control API.

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is instead of JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface SandboxCredentials {
  clientId: string;
  clientSecret: string;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function elapsedMs(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/**
 * A control API call through node:http, as fetch() does not let a caller choose the Host header: GET
 * without a body, POST with one. The answer must be JSON.
 */
export function rawControlCall(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${baseUrl}/__sim${path}`,
      { method: body === undefined ? "GET" : "POST", headers },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** `State` is the shape of the sandbox's GET /__sim/state. */
export class SandboxHttpClient<State> {
  private cachedToken: string | null = null;

  constructor(
    private readonly server: { url: string },
    private readonly credentials: SandboxCredentials,
  ) {}

  get url(): string {
    return this.server.url;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["Content-Type"] ??= "application/json";
    }
    const response = await fetch(`${this.server.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  /** POST /oauth/token with a form body, as the product's clients send it. */
  tokenRequest(
    params: Record<string, string>,
    options: RequestOptions = {},
  ): Promise<HttpResult<Record<string, unknown>>> {
    return this.request("POST", "/oauth/token", {
      rawBody: new URLSearchParams(params).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...options.headers },
    });
  }

  async token(): Promise<string> {
    const result = await this.tokenRequest({
      grant_type: "client_credentials",
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    });
    if (result.status !== 200 || typeof result.body.access_token !== "string")
      throw new Error(`token request failed: ${result.status} ${result.text}`);
    this.cachedToken = result.body.access_token;
    return this.cachedToken;
  }

  /** An API call with a bearer token, fetched once and reused. */
  async api<T>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const token = this.cachedToken ?? (await this.token());
    return this.request<T>(method, path, {
      ...options,
      headers: { Authorization: `Bearer ${token}`, ...options.headers },
    });
  }

  control<T>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    return this.request<T>(method, `/__sim${path}`, { body });
  }

  async state(): Promise<State> {
    return (await this.control<State>("GET", "/state")).body;
  }
}
