import type { App } from "./app-server";

export type G2aAnswer = { status: number; headers: Headers; text: string; body: unknown };

/** Where G2A calls, and with which credentials: a test's app, or the server Playwright started. */
export type G2aEndpoint = Pick<App, "g2aUrl" | "credentials">;

/** Plays G2A against the app: fetches a token once, then calls the contract routes over HTTP. */
export class G2aCaller {
  #token: string | null = null;

  constructor(private readonly app: G2aEndpoint) {}

  async token(): Promise<string> {
    if (!this.#token) {
      const { clientId, clientSecret } = this.app.credentials;
      const query = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
      });
      const answer = await this.raw("GET", `/oauth/token?${query}`, { auth: false });
      if (answer.status !== 200) throw new Error(`token: ${answer.status} ${answer.text}`);
      this.#token = (answer.body as { access_token: string }).access_token;
    }
    return this.#token;
  }

  /** One request; `body` objects are sent as JSON, strings and buffers as they are. */
  async raw(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; auth?: boolean | string } = {},
  ): Promise<G2aAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== false)
      headers.Authorization = `Bearer ${typeof options.auth === "string" ? options.auth : await this.token()}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (typeof options.body === "string") body = options.body;
    else if (Buffer.isBuffer(options.body)) body = new Uint8Array(options.body);
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["Content-Type"] ??= "application/json";
    }
    const response = await fetch(`${this.app.g2aUrl}${path}`, { method, headers, body, redirect: "manual" });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  }

  reserve(lines: unknown) {
    return this.raw("POST", "/reservation", { body: lines });
  }

  order(reservationId: string, g2aOrderId: number | string) {
    return this.raw("POST", "/order", { body: { reservation_id: reservationId, g2a_order_id: g2aOrderId } });
  }

  inventory(orderRef: string) {
    return this.raw("GET", `/order/${orderRef}/inventory`);
  }
}
