const port = Number(process.env.E2E_PORT ?? 3210) + 1;

/** Calls the control API of the local CWS sandbox `npm start` runs for the e2e server (playwright.config.ts). */
export async function cwsSandbox<T = unknown>(path: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/__sim/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`/__sim/${path} answered ${response.status}: ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Sets what the CWS account can spend, in EUR. */
export function setCwsBalance(eur: number): Promise<unknown> {
  return cwsSandbox("account", { currentBalance: eur });
}
