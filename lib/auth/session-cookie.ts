// Kept apart from session.ts so the proxy can use it without loading the database client.

/** next-auth prefixes its cookies with __Secure- (and marks them Secure) when served over https. */
export function usesSecureCookies(nextAuthUrl: string): boolean {
  return nextAuthUrl.startsWith("https://");
}

/** The cookie next-auth keeps the session JWT in. */
export function sessionCookieName(nextAuthUrl: string): string {
  return `${usesSecureCookies(nextAuthUrl) ? "__Secure-" : ""}next-auth.session-token`;
}
