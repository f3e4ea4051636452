import pino, { type Logger } from "pino";

/**
 * Field names whose values never reach a log line: credentials, tokens, and key material.
 * Each is censored at the top level and one or two levels down (pino paths do not recurse).
 */
export const REDACTED_FIELDS = [
  "password",
  "passwordHash",
  "secret",
  "clientSecret",
  "client_secret",
  "CWS_CLIENT_SECRET",
  "G2A_CLIENT_SECRET",
  "ADMIN_PASSWORD",
  "KEY_ENCRYPTION_KEY",
  "NEXTAUTH_SECRET",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "authorization",
  "Authorization",
  "cookie",
  "code",
  "codes",
  "key",
  "keys",
  "value",
  "inventory",
  "data",
  "sealed",
] as const;

const redactPaths = REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? "info",
      base: { service: "g2a-dropship" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}

export const logger: Logger = createLogger();

/** A logger whose every line carries the request id. */
export function requestLogger(requestId: string, bindings: Record<string, unknown> = {}): Logger {
  return logger.child({ requestId, ...bindings });
}

export type { Logger };
