import { formatDateTime, humanize } from "@/components/orders/format";
import { LabelledValue } from "@/components/ui/labelled-value";
import type { OfferRow } from "@/lib/admin/offer-schema";
import { Competitor } from "./competitor";
import { formatEuros } from "./format";
import { LastSync } from "./last-sync";

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="text-sm font-semibold">{title}</h3>
      <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">{children}</dl>
    </section>
  );
}

/** Everything the sync knows and decided of one offer: price, stock, competition, sync, pauses. */
export function OfferFigures({ offer }: { offer: OfferRow }) {
  const number = "tabular-nums";
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Group title="Price">
        <LabelledValue label="Listed price">
          <span className={number}>{formatEuros(offer.listedPrice)}</span>
        </LabelledValue>
        <LabelledValue label="Target price">
          <span className={number}>{formatEuros(offer.targetPrice)}</span>
        </LabelledValue>
        <LabelledValue label="Floor">
          <span className={number}>{formatEuros(offer.floor)}</span>
        </LabelledValue>
        <LabelledValue label="Strategy">{humanize(offer.strategy)}</LabelledValue>
        <LabelledValue label="G2A income">
          <span className={number}>{formatEuros(offer.income)}</span>
        </LabelledValue>
        <LabelledValue label="CWS cost">
          <span className={number}>{formatEuros(offer.cost)}</span>
        </LabelledValue>
        <LabelledValue label="Margin">
          <span className={`${number} ${offer.margin?.startsWith("-") ? "text-red-700" : ""}`}>
            {formatEuros(offer.margin)}
          </span>
        </LabelledValue>
        <LabelledValue label="Price changes left this hour">
          <span className={number}>{offer.priceChangesLeft}</span>
        </LabelledValue>
      </Group>
      <Group title="Stock">
        <LabelledValue label="Declared stock">
          <span className={number}>{offer.declaredStock ?? "—"}</span>
        </LabelledValue>
        <LabelledValue label="Target stock">
          <span className={number}>{offer.targetStock ?? "—"}</span>
        </LabelledValue>
        <LabelledValue label="Held inactive because">{offer.stopReason ?? "—"}</LabelledValue>
        <LabelledValue label="Mapping">{offer.mappingEnabled ? "Enabled" : "Disabled"}</LabelledValue>
      </Group>
      <Group title="Sync">
        <LabelledValue label="Last sync">
          <LastSync offer={offer} wrap />
        </LabelledValue>
        <LabelledValue label="Failures in a row">
          <span className={number}>{offer.consecutiveFailures}</span>
        </LabelledValue>
        <LabelledValue label="Pending G2A job">
          {offer.pendingJobId ? <span className="font-mono text-xs">{offer.pendingJobId}</span> : "None"}
        </LabelledValue>
        <LabelledValue label="Cheapest competitor">
          <Competitor offer={offer} />
        </LabelledValue>
      </Group>
      <Group title="Pauses">
        <LabelledValue label="Paused by G2A">
          {offer.pausedByG2aAt
            ? `${formatDateTime(offer.pausedByG2aAt)}${offer.pausedByG2aMessage ? `: ${offer.pausedByG2aMessage}` : ""}`
            : "No"}
        </LabelledValue>
        <LabelledValue label="Paused by staff">
          {offer.pausedByStaffAt
            ? `${formatDateTime(offer.pausedByStaffAt)}${offer.pausedByStaffBy ? ` by ${offer.pausedByStaffBy}` : ""}`
            : "No"}
        </LabelledValue>
        <LabelledValue label="G2A offer">
          {offer.offerId ? <span className="font-mono text-xs">{offer.offerId}</span> : "None yet"}
        </LabelledValue>
        <LabelledValue label="CWS product">
          <span className="font-mono text-xs">{offer.cwsProductId}</span>
        </LabelledValue>
      </Group>
    </div>
  );
}
