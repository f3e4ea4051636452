import { z } from "zod";
import { ALERT_TYPES } from "@/lib/alerts/catalogue";
import { NOTE_MAX, optionalNoteSchema } from "./note-schema";
import { pageQuerySchema } from "./paging";

// The contract of the Alerts page between the dashboard and the admin API: the inputs both check with,
// and the shapes the API answers with. Free of server code.

export const ALERT_STATES = ["open", "acknowledged", "resolved"] as const;
export type AlertStateName = (typeof ALERT_STATES)[number];

export const alertListQuerySchema = z
  .object({
    state: z.enum(ALERT_STATES, { error: 'must be "open", "acknowledged" or "resolved"' }).default("open"),
    type: z.enum(ALERT_TYPES as [string, ...string[]], { error: "must be an alert type" }).optional(),
    severity: z.enum(["critical", "warning", "info"], { error: 'must be "critical", "warning" or "info"' }).optional(),
  })
  .extend(pageQuerySchema.shape);
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const alertParamsSchema = z.object({ id: z.uuid({ error: "must be an alert id" }) });

/** Acknowledge: an optional note. */
export const acknowledgeAlertSchema = optionalNoteSchema;

/** Resolve by hand: a note saying what was done is required. */
export const resolveAlertSchema = z.object({
  note: z
    .string({ error: "must be text" })
    .trim()
    .min(3, { error: "say what was done (at least 3 characters)" })
    .max(NOTE_MAX, { error: `must be at most ${NOTE_MAX} characters` }),
});

// ---- answers of the admin API

export type AlertRow = {
  id: string;
  type: string;
  title: string;
  severity: "critical" | "warning" | "info";
  subject: { kind: "order" | "mapping" | "cws-account" | "system"; id: string | null; label: string };
  message: string;
  /** The dashboard page to act on. */
  link: string;
  count: number;
  firstSeenAt: string;
  lastSeenAt: string;
  state: AlertStateName;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgeNote: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
};

export type AlertDeliveryRow = {
  id: string;
  channelId: string;
  channelName: string;
  event: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  lastResult: string | null;
  sentAt: string | null;
  createdAt: string;
};

/** GET /api/admin/alerts: a page of one state, with the counts every state and severity has. */
export type AlertPage = {
  items: AlertRow[];
  page: number;
  pageSize: number;
  total: number;
  counts: Record<AlertStateName, number>;
  /** Alert types with a title each, for the filter. */
  types: Array<{ type: string; title: string }>;
};

/** GET /api/admin/alerts/{id}. */
export type AlertDetail = { alert: AlertRow; details: Record<string, unknown> | null; deliveries: AlertDeliveryRow[] };

/** GET /api/admin/alerts/summary: what the sidebar shows. */
export type AlertSummary = { openCritical: number; open: number };
