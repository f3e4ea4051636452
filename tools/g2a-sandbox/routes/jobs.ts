import type { ApiRequest, SandboxContext } from "../context";
import { apiError, type Reply } from "../http-io";
import { findJob, pollJob } from "../jobs";
import { jobView } from "../views";

/**
 * GET /v3/jobs/{jobId}. Every poll is counted, a lost job's too, so that tests can check how often a
 * client polls. An unknown job answers 404 (spec §4: not documented, recommended).
 */
export function getJob(sandbox: SandboxContext, request: ApiRequest): Reply {
  const { state } = sandbox;
  const job = findJob(state, request.params.jobId ?? "");
  if (!job) return apiError(404, "JOB_NOT_FOUND", "Job not found");
  pollJob(state, job, Date.now());
  sandbox.changed();
  if (job.lost) return apiError(404, "JOB_NOT_FOUND", "Job not found");
  return { status: 200, body: { data: jobView(job, state.settings) } };
}
