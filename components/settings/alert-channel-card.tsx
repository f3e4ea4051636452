"use client";

import { AlertTriangle, CheckCircle2, Send, Trash2 } from "lucide-react";
import { useDeleteAlertChannel, useTestAlertChannel } from "@/components/alerts/alert-channels-api";
import { CHANNEL_KIND_LABELS, MIN_SEVERITY_LABELS } from "@/components/alerts/format";
import { errorMessage } from "@/components/api/fetch-json";
import { formatDateTime } from "@/components/orders/format";
import { buttonStyles } from "@/components/ui/button-styles";
import { LabelledValue } from "@/components/ui/labelled-value";
import type { AlertChannelTestResult, AlertChannelView } from "@/lib/admin/alert-channel-schema";
import { EditAlertChannelButton } from "./alert-channel-form-button";
import { AlertChannelHealth } from "./alert-channel-health";
import { ConfirmedActionButton } from "./confirmed-action-button";
import { StatusPill } from "./status-pill";

const small = "px-2 py-1 text-xs";

/** What a test send did, in the channel's own words: green when it got through, red when not. */
function TestResult({ result }: { result: AlertChannelTestResult }) {
  const Icon = result.ok ? CheckCircle2 : AlertTriangle;
  return (
    <p
      role={result.ok ? "status" : "alert"}
      className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm break-words ${
        result.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-800"
      }`}
    >
      <Icon aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
      <span className="min-w-0">{result.message}</span>
    </p>
  );
}

function RemoveChannelButton({ channel }: { channel: AlertChannelView }) {
  return (
    <ConfirmedActionButton
      className={`${buttonStyles.secondary} ${small}`}
      aria-label={`Remove ${channel.name}`}
      title="Remove this alert channel?"
      description={`"${channel.name}" (${channel.target}) stops receiving alerts at once, and its secrets are deleted. Deliveries already recorded stay in each alert's log.`}
      confirmLabel="Remove"
      pendingLabel="Removing…"
      tone="danger"
      mutation={useDeleteAlertChannel(channel.id)}
      doneMessage={`Alert channel "${channel.name}" removed`}
    >
      <Trash2 aria-hidden className="h-3.5 w-3.5" />
      Remove
    </ConfirmedActionButton>
  );
}

/**
 * One channel: where it delivers, which alerts it takes, where it is configured and how its deliveries
 * go; a test send any time, and Edit and Remove for the channels saved here.
 */
export function AlertChannelCard({ channel }: { channel: AlertChannelView }) {
  const test = useTestAlertChannel(channel.id);
  const headingId = `alert-channel-${channel.id}`;
  const saved = channel.source === "settings";
  return (
    <article aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h3 id={headingId} className="font-semibold break-words">
            {channel.name}
          </h3>
          <p className="break-all text-slate-600">{channel.target}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <StatusPill tone={saved ? "good" : "info"}>{saved ? "Saved in Settings" : "From the environment"}</StatusPill>
          {channel.enabled ? (
            <StatusPill tone="good">Enabled</StatusPill>
          ) : (
            <StatusPill tone="muted">Disabled</StatusPill>
          )}
        </div>
      </div>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <LabelledValue label="Kind">{CHANNEL_KIND_LABELS[channel.kind]}</LabelledValue>
        <LabelledValue label="Takes">{MIN_SEVERITY_LABELS[channel.minSeverity]}</LabelledValue>
        <LabelledValue label="Health">
          <AlertChannelHealth health={channel.health} />
        </LabelledValue>
        <LabelledValue label={saved ? "Changed" : "Configured"}>
          {saved ? (
            channel.updatedAt ? (
              <>
                {channel.updatedBy ? `by ${channel.updatedBy} at ` : ""}
                <time dateTime={channel.updatedAt} title={channel.updatedAt} className="whitespace-nowrap">
                  {formatDateTime(channel.updatedAt)}
                </time>
              </>
            ) : (
              "—"
            )
          ) : (
            "By environment variables: change them there and restart."
          )}
        </LabelledValue>
      </dl>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => test.mutate()}
          disabled={test.isPending}
          className={`${buttonStyles.secondary} ${small}`}
          aria-label={`Send test alert to ${channel.name}`}
        >
          <Send aria-hidden className="h-3.5 w-3.5" />
          {test.isPending ? "Sending…" : "Send test alert"}
        </button>
        {saved && <EditAlertChannelButton channel={channel} />}
        {saved && <RemoveChannelButton channel={channel} />}
      </div>
      {test.isError ? (
        <TestResult result={{ ok: false, message: `The test could not be sent: ${errorMessage(test.error)}` }} />
      ) : test.data ? (
        <TestResult result={test.data} />
      ) : null}
    </article>
  );
}
