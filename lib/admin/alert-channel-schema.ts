import { z } from "zod";

// The contract of Settings → "Alert channels" between the dashboard and the admin API. Free of server
// code. Secrets (a Slack webhook URL, a webhook's URL and signing secret, an SMTP password) are sent
// once and never answered; left empty on an edit, the saved one is kept.

const severity = z.enum(["critical", "warning", "info"], { error: 'must be "critical", "warning" or "info"' });
const httpUrl = z
  .string({ error: "must be text" })
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }));
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const common = {
  name: z.string({ error: "must be text" }).trim().min(1, { error: "give the channel a name" }).max(80),
  minSeverity: severity,
  enabled: z.boolean({ error: "must be true or false" }).default(true),
};

const recipients = z
  .union([z.string(), z.array(z.string())], { error: "must be e-mail addresses" })
  .transform((value) =>
    (Array.isArray(value) ? value : value.split(/[,\s]+/)).map((address) => address.trim()).filter(Boolean),
  )
  .pipe(
    z
      .array(z.email({ error: "must be e-mail addresses separated by commas" }))
      .min(1, { error: "name at least one recipient" })
      .max(20, { error: "at most 20 recipients" }),
  );

export const alertChannelInputSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("slack"), ...common, webhookUrl: optional(httpUrl) }),
    z.object({
      kind: z.literal("webhook"),
      ...common,
      url: optional(httpUrl),
      /** Empty on create: one is generated and shown once. */
      signingSecret: optional(z.string().trim().min(16, { error: "must be at least 16 characters" }).max(200)),
    }),
    z.object({
      kind: z.literal("email"),
      ...common,
      host: z.string({ error: "must be text" }).trim().min(1, { error: "name the SMTP server" }).max(253),
      port: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65_535),
      security: z.enum(["tls", "starttls", "none"], { error: 'must be "tls", "starttls" or "none"' }),
      user: optional(z.string().trim().max(200)),
      password: optional(z.string().max(500)),
      from: z.string({ error: "must be text" }).trim().min(3, { error: "name the sender" }).max(200),
      to: recipients,
    }),
  ],
  { error: 'kind must be "slack", "webhook" or "email"' },
);
export type AlertChannelInput = z.input<typeof alertChannelInputSchema>;
export type AlertChannelFields = z.output<typeof alertChannelInputSchema>;

/** A channel saved in Settings (a uuid), or one the environment configures. */
export const alertChannelParamsSchema = z.object({
  id: z.union([z.uuid(), z.enum(["env-slack", "env-webhook", "env-email"])], { error: "must be a channel id" }),
});

// ---- answers of the admin API

export type AlertChannelView = {
  id: string;
  kind: "slack" | "webhook" | "email";
  name: string;
  minSeverity: "critical" | "warning" | "info";
  enabled: boolean;
  source: "environment" | "settings";
  /** Where it delivers, without its secrets: a host, or the SMTP server and recipients. */
  target: string;
  /** The fields that may be shown again when editing (e-mail settings); secrets never. */
  editable: {
    host?: string;
    port?: number;
    security?: "tls" | "starttls" | "none";
    user?: string | null;
    from?: string;
    to?: string[];
  };
  health: {
    /** ok: the last attempt got through; failing: a delivery gave up; last-attempt-failed: the last attempt (a delivery, to be retried, or a test) failed; unused. */
    state: "ok" | "failing" | "last-attempt-failed" | "unused";
    consecutiveFailures: number;
    failingSince: string | null;
    lastError: string | null;
    lastFailureAt: string | null;
    lastSuccessAt: string | null;
  };
  updatedBy: string | null;
  updatedAt: string | null;
};

/** POST: the channel, and a webhook's generated signing secret, shown this once. */
export type CreatedAlertChannel = { channel: AlertChannelView; signingSecret: string | null };

/** POST …/{id}/test: what happened, in words. */
export type AlertChannelTestResult = { ok: boolean; message: string };
