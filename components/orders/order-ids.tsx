import { formatDateTime, formatEur } from "./format";
import type { OrderDetail } from "./types";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className="break-all">{children}</dd>
    </>
  );
}

/** Every id the order is known by (ours, G2A's, CWS's, archived CWS ones), its amounts and dates. */
export function OrderIds({ order }: { order: OrderDetail }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
      <Row label="G2A order id">{order.g2aOrderId}</Row>
      <Row label="Our order id">
        <span className="font-mono text-xs">{order.id}</span>
      </Row>
      <Row label="G2A reservation">
        <span className="font-mono text-xs">{order.reservationId}</span>
      </Row>
      <Row label="CWS order id">
        <span className="font-mono text-xs">{order.cws.orderId ?? "None yet"}</span>
      </Row>
      <Row label="CWS identifier">{order.cws.identifier ?? "—"}</Row>
      <Row label="CWS status">{order.cws.status ?? "—"}</Row>
      {order.cws.archivedOrderIds.length > 0 && (
        <Row label="Archived CWS orders">
          <ul className="font-mono text-xs">
            {order.cws.archivedOrderIds.map((id) => (
              <li key={id}>{id}</li>
            ))}
          </ul>
        </Row>
      )}
      <Row label="Sale / cost">
        {formatEur(order.saleTotalCents)} / {formatEur(order.costTotalCents)}
      </Row>
      <Row label="Created">{formatDateTime(order.createdAt)}</Row>
      {order.completedAt && <Row label="Completed">{formatDateTime(order.completedAt)}</Row>}
      {order.failedAt && <Row label="Failed">{formatDateTime(order.failedAt)}</Row>}
    </dl>
  );
}
