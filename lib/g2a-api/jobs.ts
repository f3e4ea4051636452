import { G2aApiError, G2aJobError, type G2aJobElement } from "./errors";
import type { CallOptions, G2aHttp } from "./http";
import { jobAnswerSchema, type G2aJob } from "./schemas";

export type JobPolling = { intervalMs: number; attempts: number; sleep: (ms: number) => Promise<void> };

function publicElements(job: G2aJob): G2aJobElement[] {
  return job.elements.map(({ resourceId, resourceType, status, code, message }) => ({
    resourceId,
    resourceType,
    status,
    code,
    message,
  }));
}

/**
 * Polls GET /v3/jobs/{jobId} every `intervalMs`, at most `attempts` times, until the job finishes (§4).
 * A job G2A no longer knows (404) is lost; one still running after the last poll is unfinished.
 */
export async function awaitJob(
  http: G2aHttp,
  jobId: string,
  polling: JobPolling,
  options: CallOptions = {},
): Promise<G2aJob> {
  for (let poll = 1; poll <= polling.attempts; poll++) {
    await polling.sleep(polling.intervalMs);
    let job: G2aJob;
    try {
      ({ value: job } = await http.call(
        { method: "GET", route: "GET /v3/jobs/{jobId}", pathAndQuery: `/v3/jobs/${encodeURIComponent(jobId)}` },
        jobAnswerSchema,
        options,
      ));
    } catch (error) {
      if (error instanceof G2aApiError && error.kind === "not_found") {
        throw new G2aJobError("job_lost", `G2A does not know job ${jobId} (HTTP 404 on poll ${poll})`, {
          jobId,
          httpStatus: 404,
          g2aCode: error.g2aCode,
          g2aMessage: error.g2aMessage,
        });
      }
      throw error;
    }
    if (job.finished) return job;
  }
  throw new G2aJobError("job_unfinished", `G2A job ${jobId} was still running after ${polling.attempts} polls`, {
    jobId,
  });
}

/** The error a finished job stands for: its first failed element, or the job's own failed status; null if it succeeded. */
export function jobFailure(jobId: string, job: G2aJob): G2aJobError | null {
  const failed = job.elements.find((element) => element.failed);
  if (failed) {
    const said = [failed.code, failed.message].filter(Boolean).join(": ");
    return new G2aJobError("job_failed", `G2A job ${jobId} failed${said ? ` (${said})` : ""}`, {
      jobId,
      g2aCode: failed.code ?? undefined,
      g2aMessage: failed.message ?? undefined,
      elements: publicElements(job),
    });
  }
  if (job.failed) {
    return new G2aJobError("job_failed", `G2A job ${jobId} ended with status ${job.status ?? "failed"}`, {
      jobId,
      elements: publicElements(job),
    });
  }
  return null;
}

/** The offer a create job made: `resourceId` of the first offer element without a failure (§4). */
export function createdOfferId(job: G2aJob): string | null {
  const element = job.elements.find(
    (candidate) =>
      !candidate.failed &&
      candidate.resourceId !== null &&
      (candidate.resourceType === null || candidate.resourceType.toLowerCase() === "offer"),
  );
  return element?.resourceId ?? null;
}
