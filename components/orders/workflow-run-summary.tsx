import { formatDateTime, humanize } from "./format";
import type { OrderDetail } from "./types";

/**
 * The durable run that fulfils the order: which one, where it is, how it ended. An order bought and
 * settled while G2A waited for POST /order never needed one.
 */
export function WorkflowRunSummary({ workflow, status }: { workflow: OrderDetail["workflow"]; status: string }) {
  if (!workflow.runId)
    return (
      <p className="text-sm text-slate-600">
        {status === "COMPLETED" || status === "FAILED"
          ? "No fulfilment run was needed: the order settled without one (bought or refused while G2A waited for its answer, or closed by staff)."
          : "No fulfilment run has started."}
      </p>
    );
  const run = workflow.run;
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
      <dt className="text-slate-600">Run id</dt>
      <dd className="font-mono text-xs break-all">{workflow.runId}</dd>
      <dt className="text-slate-600">Phase</dt>
      <dd>{workflow.phase ? humanize(workflow.phase) : "—"}</dd>
      <dt className="text-slate-600">Status</dt>
      <dd>{run ? `${humanize(run.status)} (attempt ${run.attempt})` : "Unknown"}</dd>
      {run && (
        <>
          <dt className="text-slate-600">Started / ended</dt>
          <dd>
            {formatDateTime(run.startedAt)} / {formatDateTime(run.endedAt)}
          </dd>
          {run.lastError && (
            <>
              <dt className="text-slate-600">Last run error</dt>
              <dd className="break-words">{run.lastError}</dd>
            </>
          )}
        </>
      )}
    </dl>
  );
}
