import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { Role } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logger";
import { clientIp } from "@/lib/http/client-ip";
import { SESSION_MAX_AGE_SECONDS, sessionUser } from "./session";
import { usesSecureCookies } from "./session-cookie";
import { signInSchema } from "./sign-in-schema";
import { authenticate, INVALID_CREDENTIALS_MESSAGE, normalizeEmail } from "./users";

const sessionUserSchema = z.object({ id: z.string(), email: z.string(), role: z.enum(Role) });

/** Thrown inside the jwt callback: next-auth then clears the session cookie, which signs the user out. */
class SessionRevoked extends Error {
  constructor() {
    super("the session ended: signed in too long ago, or the account was changed, disabled or deleted");
  }
}

const authLog = logger.child({ component: "next-auth" });

/**
 * next-auth's configuration: e-mail and password checked by lib/auth/users under the sign-in
 * throttle, 12-hour JWT sessions carrying id, e-mail and role. next-auth's own CSRF check stays on
 * (the credentials callback needs the csrfToken that signIn() fetches first).
 */
export function buildAuthOptions(): AuthOptions {
  const env = getEnv();
  // next-auth reads NEXTAUTH_URL from process.env itself; give it the same default lib/env uses.
  process.env.NEXTAUTH_URL ??= env.NEXTAUTH_URL;
  return {
    secret: env.NEXTAUTH_SECRET,
    useSecureCookies: usesSecureCookies(env.NEXTAUTH_URL),
    // One lifetime for the cookie and the token inside it (next-auth's token default is 30 days).
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        // A thrown Error's message reaches signIn()'s `error`, which the login page shows as is.
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) throw new Error(INVALID_CREDENTIALS_MESSAGE);
          const ip = clientIp(req.headers);
          const result = await authenticate(getDb(), parsed.data.email, parsed.data.password, ip).catch(
            (error: unknown) => {
              // Its message would reach the browser; the details go to the log only.
              authLog.error({ err: error }, "sign-in check failed");
              throw new Error("Sign-in is unavailable right now; try again shortly");
            },
          );
          if (!result.ok) {
            authLog.warn({ email: normalizeEmail(parsed.data.email), ip, reason: result.reason }, "sign-in refused");
            throw new Error(result.message);
          }
          authLog.info({ email: result.user.email, ip }, "signed in");
          return result.user;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user)
          return {
            ...token,
            id: user.id,
            email: user.email,
            role: user.role,
            sessionVersion: user.sessionVersion,
            signedInAt: Math.floor(Date.now() / 1000),
          };
        // On every session read: keep the role current, end a session that no longer holds.
        const current = await sessionUser(token);
        if (!current) throw new SessionRevoked();
        return { ...token, email: current.email, role: current.role };
      },
      async session({ session, token }) {
        return { ...session, user: sessionUserSchema.parse({ id: token.id, email: token.email, role: token.role }) };
      },
    },
    logger: {
      // Messages name the failure (e.g. JWT_SESSION_ERROR); tokens and passwords are not part of them.
      // The field is not called "code": the logger redacts every "code" (it could be a key).
      error: (code, metadata) => {
        const error = metadata instanceof Error ? metadata : metadata.error;
        if (error instanceof SessionRevoked) return authLog.info({ nextAuthCode: code }, error.message);
        authLog.warn(
          {
            nextAuthCode: code,
            err: error instanceof Error ? error : undefined,
            detail: error instanceof Error ? undefined : String(metadata.message ?? ""),
          },
          "next-auth reported an error",
        );
      },
      warn: (code) => authLog.warn({ nextAuthCode: code }, "next-auth warning"),
      debug: () => undefined,
    },
  };
}
