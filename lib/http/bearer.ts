/** The token of an `Authorization: Bearer <token>` header; null when there is none or it is another scheme. */
export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization")?.trim();
  const match = header ? /^bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}
