"use client";

import { useCurrentUser } from "@/components/api/current-user";
import type { AlertRow } from "@/lib/admin/alert-schema";
import { hasRole } from "@/lib/auth/roles";
import { AlertActionButton } from "./alert-action-button";

/** Whether the signed-in user may acknowledge and resolve alerts: OPERATOR and ADMIN; a VIEWER reads only. */
export function useCanHandleAlerts(): boolean {
  const role = useCurrentUser().data?.role;
  return role !== undefined && hasRole(role, "OPERATOR");
}

/** What may be done to the alert in its state: Acknowledge while open, Resolve until resolved. Nothing for a VIEWER. */
export function AlertActions({ alert, compact = false }: { alert: AlertRow; compact?: boolean }) {
  const canHandle = useCanHandleAlerts();
  if (!canHandle || alert.state === "resolved") return null;
  return (
    <div className={`flex gap-2 ${compact ? "flex-col items-stretch" : "flex-wrap items-start"}`}>
      {alert.state === "open" && <AlertActionButton alert={alert} action="acknowledge" compact={compact} />}
      <AlertActionButton alert={alert} action="resolve" compact={compact} />
    </div>
  );
}
