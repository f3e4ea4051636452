"use client";

import { ArrowRight } from "lucide-react";
import { ApiError, errorMessage } from "@/components/api/fetch-json";
import { formatDateTime } from "@/components/orders/format";
import { DetailLoadError, DetailLoading, DetailNotFound, DetailPage, DetailSection } from "@/components/ui/detail-page";
import { LabelledValue } from "@/components/ui/labelled-value";
import type { AlertRow } from "@/lib/admin/alert-schema";
import { AlertActions } from "./alert-actions";
import { AlertDetailsList } from "./alert-details-list";
import { AlertSubjectLink } from "./alert-subject-link";
import { useAlert } from "./api";
import { DeliveryLogTable } from "./delivery-log-table";
import { resolutionText, STATE_LABELS } from "./format";
import { SeverityBadge } from "./severity-badge";

/** A refusal that means there is no such alert: not an alert id, or one nobody raised. */
function isMissing(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === "NOT_FOUND" || error.code === "VALIDATION_FAILED");
}

function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {formatDateTime(iso)}
    </time>
  );
}

/** The message in full, the way to its subject, and how often and since when it was raised. */
function WhatHappened({ alert }: { alert: AlertRow }) {
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <p className="whitespace-pre-line break-words">{alert.message}</p>
      <p className="flex items-center gap-1 font-medium">
        <AlertSubjectLink alert={alert}>Open {alert.subject.label}</AlertSubjectLink>
        <ArrowRight aria-hidden className="h-4 w-4 text-brand-600" />
      </p>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <LabelledValue label="Raised">
          <span className="tabular-nums">
            {alert.count} {alert.count === 1 ? "time" : "times"}
          </span>
        </LabelledValue>
        <LabelledValue label="First seen">
          <When iso={alert.firstSeenAt} />
        </LabelledValue>
        <LabelledValue label="Last seen">
          <When iso={alert.lastSeenAt} />
        </LabelledValue>
        <LabelledValue label="Type">
          <span className="font-mono text-xs">{alert.type}</span>
        </LabelledValue>
      </dl>
    </div>
  );
}

/** Who took the alert on and with what note, and how it was resolved: by a person with their note, or by itself. */
function Handling({ alert }: { alert: AlertRow }) {
  const resolved = resolutionText(alert);
  return (
    <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
      <LabelledValue label="Acknowledgement">
        {alert.acknowledgedAt ? (
          <>
            <span className="block">
              Acknowledged by {alert.acknowledgedBy ?? "staff"} at <When iso={alert.acknowledgedAt} />
            </span>
            <span className="mt-1 block text-slate-700">
              {alert.acknowledgeNote ? `Note: ${alert.acknowledgeNote}` : "No note."}
            </span>
          </>
        ) : (
          <span className="text-slate-600">Not acknowledged.</span>
        )}
      </LabelledValue>
      <LabelledValue label="Resolution">
        {resolved && alert.resolvedAt ? (
          <>
            <span className="block text-emerald-800">{resolved}</span>
            <span className="mt-1 block text-slate-600">
              at <When iso={alert.resolvedAt} />
            </span>
          </>
        ) : (
          <span className="text-slate-600">Not resolved.</span>
        )}
      </LabelledValue>
    </dl>
  );
}

/** One alert: what happened and where to act, who handled it, its details, and every message sent to the channels. */
export function AlertDetailView({ alertId }: { alertId: string }) {
  const query = useAlert(alertId);
  const allAlerts = { href: "/alerts", label: "All alerts" };

  if (query.isPending) return <DetailLoading label="Loading the alert" />;
  if (query.isError)
    return isMissing(query.error) ? (
      <DetailNotFound back={allAlerts} title="Alert not found">
        {query.error.code === "NOT_FOUND" ? "No alert has this id." : `"${alertId}" is not an alert id.`}
      </DetailNotFound>
    ) : (
      <DetailLoadError
        back={allAlerts}
        title="The alert could not be loaded"
        message={errorMessage(query.error)}
        onRetry={() => void query.refetch()}
      />
    );

  const { alert, details, deliveries } = query.data;
  const back = {
    href: alert.state === "open" ? "/alerts" : `/alerts?state=${alert.state}`,
    label: `${STATE_LABELS[alert.state]} alerts`,
  };
  return (
    <DetailPage
      back={back}
      title={alert.title}
      status={
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <SeverityBadge severity={alert.severity} />
          <span className="font-medium">{STATE_LABELS[alert.state]}</span>
          <span className="text-slate-600">· {alert.subject.label}</span>
        </div>
      }
      actions={<AlertActions alert={alert} />}
    >
      <DetailSection title="What happened">
        <WhatHappened alert={alert} />
      </DetailSection>
      <DetailSection title="Handling">
        <Handling alert={alert} />
      </DetailSection>
      <DetailSection title="Details">
        <AlertDetailsList details={details} />
      </DetailSection>
      <DetailSection title="Delivery log">
        <DeliveryLogTable deliveries={deliveries} />
      </DetailSection>
    </DetailPage>
  );
}
