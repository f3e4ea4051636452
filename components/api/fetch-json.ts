/** An admin API refusal, carrying the server's `{code, message, fieldErrors}` envelope. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fieldErrors: Record<string, string[]>;

  constructor(status: number, code: string, message: string, fieldErrors: Record<string, string[]> = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

type ErrorBody = { code?: unknown; message?: unknown; fieldErrors?: unknown };

function isFieldErrors(value: unknown): value is Record<string, string[]> {
  return typeof value === "object" && value !== null && Object.values(value).every((list) => Array.isArray(list));
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const message = typeof body.message === "string" ? body.message : `The server answered ${response.status}`;
  const code = typeof body.code === "string" ? body.code : "HTTP_ERROR";
  return new ApiError(response.status, code, message, isFieldErrors(body.fieldErrors) ? body.fieldErrors : {});
}

/**
 * Calls an admin API path from the page (same origin, so the browser sends the Origin header mutations need).
 * A `json` body is sent as JSON (POST unless a method is given); any non-2xx answer throws an ApiError;
 * a 204 resolves to undefined.
 */
export async function fetchJson<T>(
  path: string,
  init: { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; json?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.json === undefined ? "GET" : "POST"),
      headers: {
        Accept: "application/json",
        ...(init.json === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
      signal: init.signal,
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK_ERROR", "Could not reach the server; check your connection and try again");
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The sentence to show for any error a query or mutation threw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Something went wrong; try again";
}
