import { z } from "zod";

/** The shared CodesWholesale sandbox credentials, published by CWS for testing (never valid on live). */
export const CWS_PUBLIC_SANDBOX_CLIENT_ID = "ff72ce315d1259e822f47d87d02d261e";
export const CWS_PUBLIC_SANDBOX_CLIENT_SECRET = "$2a$10$E2jVWDADFA5gh6zlRVcrlOOX01Q/HJoT6hXuDMJxek.YEo.lkO2T6";

const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be an integer between ${min} and ${max}` })
    .int({ error: `must be an integer between ${min} and ${max}` })
    .min(min, { error: `must be an integer between ${min} and ${max}` })
    .max(max, { error: `must be an integer between ${min} and ${max}` });

function isBase64Key(value: string): boolean {
  return /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, "base64").length === 32;
}

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const severity = z.enum(["critical", "warning", "info"], { error: 'must be "critical", "warning" or "info"' });

/**
 * Every environment variable the product reads, declared once.
 * Variables whose values are secret are listed in SECRET_VARIABLES so errors never echo them.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** "production" makes missing secrets fatal instead of generating them into the data folder. */
  APP_ENV: z.enum(["demo", "production"], { error: 'must be "demo" or "production"' }).default("demo"),
  PORT: integer(1, 65535).default(3000),
  /**
   * V8's old-space limit of the server process started by `npm start`, in MiB. With plenty of RAM
   * V8 lets the heap grow lazily under load; a limit well above the live heap keeps memory steady.
   */
  SERVER_MAX_HEAP_MB: integer(128, 16_384).default(256),
  DATA_DIR: z.string().trim().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^file:.+/, { error: 'must be a SQLite URL such as "file:./data/app.db"' })
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where backups of the database go (unset: DATA_DIR/backups). */
  BACKUP_DIR: z.string().trim().min(1).optional(),
  /** Hours between two scheduled backups; 0 turns the schedule off (`npm run db:backup` still works). */
  BACKUP_INTERVAL_HOURS: integer(0, 720).default(6),
  /** How many backups are kept; older ones are deleted after each new one. */
  BACKUP_KEEP: integer(1, 10_000).default(28),
  /** Bearer token of GET /api/metrics; unset turns the endpoint off. Long enough that guessing is hopeless. */
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(32, { error: "must be at least 32 characters (for example: openssl rand -hex 32)" })
    .max(512)
    .optional(),

  /** Unset: `npm start` runs the local CWS sandbox on CWS_SANDBOX_PORT and uses it. */
  CWS_BASE_URL: httpUrl.optional(),
  /** Port of the local CWS sandbox `npm start` runs when CWS_BASE_URL is unset. */
  CWS_SANDBOX_PORT: integer(1, 65535).default(4010),
  CWS_CLIENT_ID: z.string().trim().min(1).default(CWS_PUBLIC_SANDBOX_CLIENT_ID),
  CWS_CLIENT_SECRET: z.string().trim().min(1).default(CWS_PUBLIC_SANDBOX_CLIENT_SECRET),
  CWS_TIMEOUT_MS: integer(100, 120_000).default(10_000),
  CWS_TOKEN_BUFFER_MAX_S: integer(0, 3600).default(60),
  CWS_GET_MAX_RETRIES: integer(0, 10).default(3),
  CWS_RETRY_AFTER_CAP_S: integer(1, 3600).default(30),
  CWS_RECOVERY_FIRST_WAIT_MS: integer(0, 600_000).default(10_000),
  CWS_RECOVERY_SECOND_WAIT_MS: integer(0, 600_000).default(30_000),
  CWS_MAX_UNKNOWN_ATTEMPTS: integer(1, 10).default(3),
  /** Alert when the CWS balance (plus credit) falls below this many EUR. */
  CWS_LOW_BALANCE_EUR: z
    .string()
    .trim()
    .regex(/^\d{1,9}(\.\d{1,2})?$/, { error: 'must be an amount in EUR such as "50.00"' })
    .default("50.00"),
  /** CWS error codes on POST /v3/orders that mean "price has changed" and trigger one re-price. */
  CWS_PRICE_CHANGED_CODES: z
    .string()
    .trim()
    .regex(/^\[?\s*[\w-]+(\s*,\s*[\w-]+)*\s*\]?$/, {
      error: 'must be a list of codes such as "30001" or "[30001, 30002]"',
    })
    .transform((value) => value.replace(/[[\]\s]/g, "").split(","))
    .default(["30001"]),

  /** G2A's seller-side Import API (offers, prices, stock). Unset: `npm start` runs the local G2A sandbox. */
  G2A_API_BASE_URL: httpUrl.optional(),
  /** Port of the local G2A sandbox `npm start` runs when G2A_API_BASE_URL is unset. */
  G2A_SANDBOX_PORT: integer(1, 65535).default(4020),
  /** Import API credentials (G2A panel: "G2A API Credentials (Import API)"), not the pair G2A uses to call us. */
  G2A_API_CLIENT_ID: z.string().trim().min(1).optional(),
  G2A_API_CLIENT_SECRET: z.string().trim().min(1).optional(),
  /** Requests per second the Import API client allows itself. */
  G2A_API_REQUESTS_PER_SECOND: integer(1, 50).default(4),
  /** Price changes per product per rolling hour the client allows itself (G2A is reported to cap them at 5). */
  G2A_API_PRICE_CHANGES_PER_HOUR: integer(1, 60).default(4),

  G2A_CLIENT_ID: z
    .string()
    .regex(/^[\x21-\x7e]{8,128}$/, { error: "must be 8 to 128 printable characters" })
    .optional(),
  G2A_CLIENT_SECRET: z.string().min(16, { error: "must be at least 16 characters" }).optional(),
  ADMIN_EMAIL: z.email({ error: "must be an e-mail address" }).optional(),
  ADMIN_PASSWORD: z.string().min(8, { error: "must be at least 8 characters" }).optional(),

  KEY_ENCRYPTION_KEY: z
    .string()
    .refine(isBase64Key, { error: "must be 32 bytes encoded in base64 (openssl rand -base64 32)" })
    .optional(),
  NEXTAUTH_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  NEXTAUTH_URL: httpUrl.optional(),

  RESERVATION_TTL_SECONDS: integer(60, 86_400).default(1800),
  /** Global minimum margin per unit in EUR ("0.50"); a mapping's own value overrides it. */
  G2A_MIN_MARGIN_EUR: z
    .string()
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/, { error: 'must be an amount in EUR such as "0.50"' })
    .default("0.00"),
  /** The most we ever pay CWS for one unit when neither G2A's unit_price nor our listed price's income limits it. */
  MAX_UNIT_COST_EUR: z
    .string()
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/, { error: 'must be an amount in EUR such as "500.00"' })
    .default("500.00"),
  /** Minutes between two scheduled passes of the G2A offer sync (60 at most: the pass runs at least hourly). */
  G2A_OFFER_SYNC_MINUTES: integer(1, 60).default(5),
  /** How long G2A's pricing simulation of one product at one price is reused. */
  G2A_SIMULATION_CACHE_HOURS: integer(1, 720).default(24),
  ORDER_SYNC_WAIT_MS: integer(0, 25_000).default(2500),
  /**
   * Where a new order's purchase starts: "request" buys while G2A waits for POST /order and hands
   * anything unsettled to the workflow; "workflow" leaves every purchase to the workflow, for hosts
   * that freeze a function once it has answered (serverless).
   */
  ORDER_PURCHASE_STARTS_IN: z
    .enum(["request", "workflow"], { error: 'must be "request" or "workflow"' })
    .default("request"),
  CWS_NOT_READY_ALERT_MIN: integer(1, 10_080).default(10),
  CWS_STOCK_MAX_AGE_SECONDS: integer(0, 3600).default(30),
  CWS_STOCK_READ_TIMEOUT_MS: integer(100, 30_000).default(2000),
  CWS_STOCK_FALLBACK_MAX_AGE_SECONDS: integer(0, 86_400).default(600),
  STUCK_ORDER_MINUTES: integer(1, 10_080).default(15),

  /** Alert when CWS has not answered for this many minutes. */
  CWS_DOWN_ALERT_MINUTES: integer(1, 1440).default(5),
  /** Alert when workflow runs are due and the engine has started none for this many minutes. */
  WORKFLOW_STALLED_ALERT_MINUTES: integer(1, 1440).default(5),
  /** Waits between the attempts of an alert's delivery to a channel, in seconds; the last failure gives up. */
  ALERT_DELIVERY_RETRY_SECONDS: z
    .string()
    .trim()
    .regex(/^\d{1,5}(\s*,\s*\d{1,5}){0,9}$/, { error: 'must be up to ten waits in seconds such as "10,30,120"' })
    .transform((value) => value.split(",").map((wait) => Number(wait.trim())))
    .default([10, 30, 120, 600, 1800]),
  /** An open alert that repeats is sent again at most this often (0: only when it is raised). */
  ALERT_REPEAT_NOTIFY_MINUTES: integer(0, 10_080).default(60),
  /** A Slack-compatible incoming webhook alerts are sent to (Settings can add more channels). */
  ALERT_SLACK_WEBHOOK_URL: httpUrl.optional(),
  ALERT_SLACK_MIN_SEVERITY: severity.default("warning"),
  /** A generic JSON webhook alerts are sent to, signed with ALERT_WEBHOOK_SECRET (X-Signature, HMAC-SHA256). */
  ALERT_WEBHOOK_URL: httpUrl.optional(),
  ALERT_WEBHOOK_SECRET: z.string().min(16, { error: "must be at least 16 characters" }).optional(),
  ALERT_WEBHOOK_MIN_SEVERITY: severity.default("warning"),
  /** E-mail for alerts over SMTP: smtp://user:password@host:587 (STARTTLS when offered) or smtps://… (TLS). */
  ALERT_SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be an SMTP URL such as "smtp://user:password@mail.example.com:587"' })
    .optional(),
  ALERT_EMAIL_FROM: z.string().trim().min(3).default("G2A dropship alerts <alerts@localhost>"),
  /** Recipients, separated by commas. */
  ALERT_EMAIL_TO: z
    .string()
    .trim()
    .transform((value) =>
      value
        .split(",")
        .map((address) => address.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email({ error: "must be e-mail addresses separated by commas" })).min(1))
    .optional(),
  ALERT_EMAIL_MIN_SEVERITY: severity.default("warning"),

  // Any of these four hands the workflows to the Inngest platform instead of the embedded engine.
  /** Inngest Cloud event key. */
  INNGEST_EVENT_KEY: z.string().trim().min(1).optional(),
  /** Inngest Cloud (or self-hosted server) signing key. */
  INNGEST_SIGNING_KEY: z.string().trim().min(1).optional(),
  /** The previous signing key while rotating it. */
  INNGEST_SIGNING_KEY_FALLBACK: z.string().trim().min(1).optional(),
  /** A self-hosted Inngest server. */
  INNGEST_BASE_URL: httpUrl.optional(),
  /** The Inngest dev server: "1" for http://localhost:8288, or its URL. Never for production. */
  INNGEST_DEV: z.string().trim().min(1).optional(),

  /** Where the embedded engine calls the serve handler; default http://127.0.0.1:$PORT/api/inngest. */
  WORKFLOW_ENGINE_URL: httpUrl.optional(),
  /** How often the embedded engine looks for due timers and events written by other processes. */
  WORKFLOW_POLL_INTERVAL_MS: integer(10, 60_000).default(250),
  /** Function calls the embedded engine runs at once. */
  WORKFLOW_MAX_IN_FLIGHT: integer(1, 64).default(8),
});

export type RawEnv = z.infer<typeof envSchema>;

export const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  "CWS_CLIENT_SECRET",
  "G2A_CLIENT_SECRET",
  "G2A_API_CLIENT_SECRET",
  "ADMIN_PASSWORD",
  "KEY_ENCRYPTION_KEY",
  "NEXTAUTH_SECRET",
  "INNGEST_EVENT_KEY",
  "INNGEST_SIGNING_KEY",
  "INNGEST_SIGNING_KEY_FALLBACK",
  "METRICS_TOKEN",
  "ALERT_SLACK_WEBHOOK_URL",
  "ALERT_WEBHOOK_URL",
  "ALERT_WEBHOOK_SECRET",
  "ALERT_SMTP_URL",
]);

/** Variables that must be set together or not at all. */
export const PAIRED_VARIABLES: ReadonlyArray<readonly [keyof RawEnv, keyof RawEnv]> = [
  ["G2A_CLIENT_ID", "G2A_CLIENT_SECRET"],
  ["G2A_API_CLIENT_ID", "G2A_API_CLIENT_SECRET"],
  ["ADMIN_EMAIL", "ADMIN_PASSWORD"],
  ["ALERT_WEBHOOK_URL", "ALERT_WEBHOOK_SECRET"],
  ["ALERT_SMTP_URL", "ALERT_EMAIL_TO"],
];
