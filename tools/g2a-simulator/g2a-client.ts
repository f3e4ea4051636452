// G2A's side of the merchant contract (g2a-merchant-contract.md): a client-credentials token,
// then reservations, orders, inventory reads and returns, over plain HTTP.

export type G2aResponse = { status: number; body: unknown; code: string | null };

export type InventoryItem = { id: string; kind: string; value: string };
export type StockEntry = { product_id: number | string; inventory_size: number; inventory?: InventoryItem[] };

export type ReservationLine = { product_id: string; quantity: number; additional_data?: { unit_price: string } };

/** Calls the merchant API as G2A does: one token, fetched again after a 401. */
export class G2aClient {
  #token: Promise<string> | null = null;

  constructor(
    private readonly base: string,
    private readonly credentials: { clientId: string; clientSecret: string },
    private readonly timeoutMs = 30_000,
  ) {}

  /** G2A documents the token call as a GET with the credentials in the query (§4.2). */
  async #fetchToken(): Promise<string> {
    const query = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    });
    const answer = await this.#send("GET", `/oauth/token?${query}`, undefined, null);
    const token = (answer.body as { access_token?: unknown } | null)?.access_token;
    if (answer.status !== 200 || typeof token !== "string") {
      throw new Error(
        answer.status === 401
          ? "the G2A client id or secret was refused (401)"
          : `the token call answered ${answer.status}${answer.code ? ` ${answer.code}` : ""}`,
      );
    }
    return token;
  }

  token(): Promise<string> {
    this.#token ??= this.#fetchToken().catch((error: unknown) => {
      this.#token = null;
      throw error;
    });
    return this.#token;
  }

  async #send(method: string, path: string, body: unknown, token: string | null): Promise<G2aResponse> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    const code = response.ok
      ? null
      : typeof (parsed as { code?: unknown } | null)?.code === "string"
        ? (parsed as { code: string }).code
        : `HTTP_${response.status}`;
    return { status: response.status, body: parsed, code };
  }

  /** One authenticated call; a 401 fetches a new token and repeats the call once. */
  async call(method: string, path: string, body?: unknown): Promise<G2aResponse> {
    const first = await this.#send(method, path, body, await this.token());
    if (first.status !== 401) return first;
    this.#token = null;
    return this.#send(method, path, body, await this.token());
  }

  reserve(lines: ReservationLine[]) {
    return this.call("POST", "/reservation", lines);
  }

  order(reservationId: string, g2aOrderId: string) {
    return this.call("POST", "/order", { reservation_id: reservationId, g2a_order_id: g2aOrderId });
  }

  inventory(orderId: string) {
    return this.call("GET", `/order/${encodeURIComponent(orderId)}/inventory`);
  }

  returnKeys(orderId: string, itemIds: readonly string[]) {
    const query = itemIds.map((id) => `id[]=${encodeURIComponent(id)}`).join("&");
    return this.call("DELETE", `/order/${encodeURIComponent(orderId)}/inventory?${query}`);
  }
}
