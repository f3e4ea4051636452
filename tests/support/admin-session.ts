import { hashPassword } from "@/lib/auth/passwords";
import type { App } from "./app-server";

/** Signs in through next-auth's own credentials flow (CSRF token, callback, cookie), as the login page does. */
export async function signIn(app: Pick<App, "url">, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${app.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  const callback = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie, Origin: app.url },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = callback.headers.getSetCookie().find((cookie) => cookie.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed (${callback.status})`);
  return session.split(";")[0]!;
}

/** Calls the admin API with a session cookie, from the dashboard's own origin. */
export async function adminCall(app: App, cookie: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { Cookie: cookie, Origin: app.url, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export type StaffCookies = { admin: string; operator: string; viewer: string };

/** Creates admin@, oncall@ (OPERATOR) and viewer@example.com in the app's database and signs each in. */
export async function signInStaff(app: App): Promise<StaffCookies> {
  const staff = [
    ["admin", "ADMIN", "admin@example.com"],
    ["operator", "OPERATOR", "oncall@example.com"],
    ["viewer", "VIEWER", "viewer@example.com"],
  ] as const;
  const cookies: Partial<StaffCookies> = {};
  for (const [name, role, email] of staff) {
    const password = `${role.toLowerCase()}-password-1`;
    await app.db.user.create({ data: { email, role, passwordHash: await hashPassword(password) } });
    cookies[name] = await signIn(app, email, password);
  }
  return cookies as StaffCookies;
}
