import { inputStyles } from "@/components/ui/button-styles";
import { TextField } from "@/components/ui/text-field";
import {
  CHANNEL_KIND_LABELS,
  CHANNEL_KINDS,
  MIN_SEVERITY_LABELS,
  SEVERITIES,
  type AlertChannelKind,
} from "@/components/alerts/format";
import type { AlertChannelView } from "@/lib/admin/alert-channel-schema";

/** Every field any kind of channel has, as the form names them and the API reports errors on them. */
export const CHANNEL_FIELDS = [
  "kind",
  "name",
  "minSeverity",
  "enabled",
  "webhookUrl",
  "url",
  "signingSecret",
  "host",
  "port",
  "security",
  "user",
  "password",
  "from",
  "to",
] as const;
export type ChannelField = (typeof CHANNEL_FIELDS)[number];

/** Each kind's own fields, besides the name, the minimum severity and whether it is enabled. */
const KIND_FIELDS: Record<AlertChannelKind, readonly ChannelField[]> = {
  slack: ["webhookUrl"],
  webhook: ["url", "signingSecret"],
  email: ["host", "port", "security", "user", "password", "from", "to"],
};

/** The form's values as typed, for the schema to check: the common fields and the chosen kind's own. */
export function channelValuesFrom(kind: AlertChannelKind, form: FormData): Partial<Record<ChannelField, unknown>> {
  const fields = ["name", "minSeverity", ...KIND_FIELDS[kind]];
  return {
    kind,
    ...Object.fromEntries(fields.map((field) => [field, String(form.get(field) ?? "")])),
    enabled: form.get("enabled") === "on",
  };
}

type FieldsProps = {
  id: string;
  /** The saved channel when editing: its secrets are not shown, and left empty they are kept. */
  editing: AlertChannelView | null;
  error: (field: ChannelField) => string | undefined;
};

const KEEP_SECRET = "Leave empty to keep the saved one.";

function Select({
  id,
  name,
  label,
  defaultValue,
  options,
  hint,
  error,
}: {
  id: string;
  name: ChannelField;
  label: string;
  defaultValue: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  hint?: string;
  error?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={`${inputStyles} mt-1`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The kind picker of a new channel; a saved channel's kind cannot change (remove it and add another). */
export function ChannelKindSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: AlertChannelKind;
  onChange: (kind: AlertChannelKind) => void;
}) {
  return (
    <div>
      <label htmlFor={`${id}-kind`} className="block text-sm font-medium">
        Kind
      </label>
      <select
        id={`${id}-kind`}
        name="kind"
        value={value}
        onChange={(event) => onChange(event.target.value as AlertChannelKind)}
        className={`${inputStyles} mt-1`}
      >
        {CHANNEL_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {CHANNEL_KIND_LABELS[kind]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Name first; then, after the kind's own fields, which alerts it takes and whether it is on. */
export function CommonChannelFields({ id, editing, error, children }: FieldsProps & { children: React.ReactNode }) {
  return (
    <>
      <TextField
        id={`${id}-name`}
        name="name"
        label="Name"
        defaultValue={editing?.name ?? ""}
        placeholder="e.g. On-call Slack"
        maxLength={80}
        autoComplete="off"
        error={error("name")}
      />
      {children}
      <Select
        id={`${id}-min-severity`}
        name="minSeverity"
        label="Minimum severity"
        defaultValue={editing?.minSeverity ?? "warning"}
        options={SEVERITIES.map((severity) => ({ value: severity, label: MIN_SEVERITY_LABELS[severity] }))}
        hint="Alerts less severe than this are not sent to the channel."
        error={error("minSeverity")}
      />
      <div>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            name="enabled"
            defaultChecked={editing?.enabled ?? true}
            className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
          />
          Enabled
        </label>
        {error("enabled") && <p className="mt-1 text-sm text-red-700">{error("enabled")}</p>}
      </div>
    </>
  );
}

/** A Slack (or Mattermost, Rocket.Chat…) incoming webhook: its URL is the secret. */
export function SlackChannelFields({ id, editing, error }: FieldsProps) {
  return (
    <TextField
      id={`${id}-webhook-url`}
      name="webhookUrl"
      label="Webhook URL"
      type="url"
      autoComplete="off"
      spellCheck={false}
      placeholder={editing ? "••••••••" : "https://hooks.slack.com/services/…"}
      hint={
        editing
          ? KEEP_SECRET
          : "The incoming webhook's URL. It is a secret: it is stored encrypted and never shown again."
      }
      error={error("webhookUrl")}
    />
  );
}

/** Any HTTP receiver: JSON posts signed with X-Signature (HMAC-SHA256) by a secret it shares. */
export function WebhookChannelFields({ id, editing, error }: FieldsProps) {
  return (
    <>
      <TextField
        id={`${id}-url`}
        name="url"
        label="URL"
        type="url"
        autoComplete="off"
        spellCheck={false}
        placeholder={editing ? "••••••••" : "https://example.com/alerts"}
        hint={editing ? KEEP_SECRET : "Alerts are posted here as JSON. Stored encrypted, never shown again."}
        error={error("url")}
      />
      <TextField
        id={`${id}-signing-secret`}
        name="signingSecret"
        label="Signing secret (optional)"
        type="password"
        autoComplete="new-password"
        hint={
          editing
            ? KEEP_SECRET
            : "Leave empty to generate one, shown once. The receiver checks each post's X-Signature header with it."
        }
        error={error("signingSecret")}
      />
    </>
  );
}

const SECURITY_OPTIONS = [
  { value: "starttls", label: "STARTTLS (usually port 587)" },
  { value: "tls", label: "TLS (usually port 465)" },
  { value: "none", label: "None (a local relay only)" },
] as const;

/** An SMTP server and who the alert e-mails go to. */
export function EmailChannelFields({ id, editing, error }: FieldsProps) {
  const saved = editing?.editable;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-[1fr_7rem]">
        <TextField
          id={`${id}-host`}
          name="host"
          label="SMTP host"
          defaultValue={saved?.host ?? ""}
          autoComplete="off"
          spellCheck={false}
          placeholder="smtp.example.com"
          error={error("host")}
        />
        <TextField
          id={`${id}-port`}
          name="port"
          label="Port"
          inputMode="numeric"
          defaultValue={String(saved?.port ?? 587)}
          autoComplete="off"
          error={error("port")}
        />
      </div>
      <Select
        id={`${id}-security`}
        name="security"
        label="Security"
        defaultValue={saved?.security ?? "starttls"}
        options={SECURITY_OPTIONS}
        error={error("security")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-user`}
          name="user"
          label="User (optional)"
          defaultValue={saved?.user ?? ""}
          autoComplete="off"
          spellCheck={false}
          error={error("user")}
        />
        <TextField
          id={`${id}-password`}
          name="password"
          label="Password (optional)"
          type="password"
          autoComplete="new-password"
          hint={editing ? `${KEEP_SECRET} It is kept only while the host and user stay the same.` : undefined}
          error={error("password")}
        />
      </div>
      <TextField
        id={`${id}-from`}
        name="from"
        label="From"
        defaultValue={saved?.from ?? ""}
        autoComplete="off"
        placeholder="G2A Dropship <alerts@example.com>"
        error={error("from")}
      />
      <TextField
        id={`${id}-to`}
        name="to"
        label="To"
        defaultValue={saved?.to?.join(", ") ?? ""}
        autoComplete="off"
        spellCheck={false}
        placeholder="oncall@example.com, ops@example.com"
        hint="E-mail addresses separated by commas, at most 20."
        error={error("to")}
      />
    </>
  );
}
