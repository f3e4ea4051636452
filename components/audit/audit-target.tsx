import Link from "next/link";
import type { AuditEntry } from "@/lib/admin/audit-log";
import { detail } from "./format";

const linkStyles =
  "font-mono text-xs break-all text-brand-600 hover:underline focus:outline-none focus:ring-2 focus:ring-brand-500";

function OrderLink({ orderId }: { orderId: string }) {
  return (
    <Link href={`/orders/${encodeURIComponent(orderId)}`} className={linkStyles}>
      {orderId}
    </Link>
  );
}

/** What an entry acted on, named the way staff know it; orders (also a revealed key's order) link to their page. */
export function AuditTarget({ entry }: { entry: AuditEntry }) {
  const { targetType, targetId, details } = entry;
  if (!targetType && !targetId) return null;
  const orderId = targetType === "order" ? targetId : detail(details, "orderId");
  const name = detail(details, "email") ?? detail(details, "clientId");
  return (
    <div className="mt-0.5 text-xs text-slate-600">
      <span>{targetType ?? "target"} </span>
      {targetType === "order" && targetId ? (
        <OrderLink orderId={targetId} />
      ) : (
        <span className="font-mono break-all" title={targetId ?? undefined}>
          {name ?? targetId}
        </span>
      )}
      {targetType !== "order" && orderId && (
        <span className="block">
          of order <OrderLink orderId={orderId} />
        </span>
      )}
    </div>
  );
}
