import { AlertTriangle, CheckCircle2 } from "lucide-react";
import type { G2aApiConnectionTest } from "@/lib/admin/g2a-api-connection";

const TESTED: Record<G2aApiConnectionTest["tested"]["source"], string> = {
  settings: "the credentials saved in Settings",
  environment: "the environment's credentials",
  sandbox: "the local G2A sandbox",
  entered: "the credentials typed here",
};

/** A connection test's outcome in words: a status when it worked, an alert when it did not. */
export function G2aApiTestResult({ result }: { result: G2aApiConnectionTest }) {
  const Icon = result.ok ? CheckCircle2 : AlertTriangle;
  return (
    <div
      role={result.ok ? "status" : "alert"}
      className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${
        result.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-amber-200 bg-amber-50 text-amber-900"
      }`}
    >
      <Icon aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
      <div className="min-w-0 break-words">
        <p>{result.message}</p>
        <p className="mt-1 text-xs opacity-80">
          Tested {TESTED[result.tested.source]} ({result.tested.clientId}) in {result.durationMs} ms.
        </p>
      </div>
    </div>
  );
}
