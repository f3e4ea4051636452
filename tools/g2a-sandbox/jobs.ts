import { randomUUID } from "node:crypto";
import { applyPatch } from "./offers";
import type { SandboxSettings } from "./settings";
import {
  findOffer,
  offerForProduct,
  type JobElement,
  type JobFailure,
  type JobRule,
  type JobWork,
  type SandboxJob,
  type SandboxState,
} from "./state";

// Offer writes are asynchronous on G2A (spec §4): the answer carries a job id, and the change happens
// when the job completes. Here a job completes after jobDelayMs, or on a given poll, and only then is
// its work applied. Failures keep the job "complete" and put a code and message on the element.

/** Completed jobs are kept this long, then forgotten, so that a long demo does not pile them up. */
const COMPLETED_JOBS_KEPT_MS = 24 * 3_600_000;

export const DEFAULT_JOB_FAILURE: JobFailure = { code: "JOB_FAILED", message: "The job failed" };

function ruleFor(settings: SandboxSettings, now: number): JobRule {
  if (settings.jobCompleteAfterPolls !== null) return { kind: "polls", after: settings.jobCompleteAfterPolls };
  return { kind: "time", at: now + settings.jobDelayMs };
}

/** Starts a job for the work; the outcome set by POST /__sim/jobs/next, if any, applies to it and is used up. */
export function createJob(state: SandboxState, work: JobWork, now: number): SandboxJob {
  const next = state.nextJob;
  state.nextJob = null;
  const job: SandboxJob = {
    jobId: randomUUID(),
    createdAt: now,
    rule: next?.outcome === "never" ? { kind: "never" } : ruleFor(state.settings, now),
    lost: next?.outcome === "lost",
    forcedFailure: next?.outcome === "fail" ? next.failure : null,
    polls: 0,
    work,
    completedAt: null,
    elements: [],
  };
  state.jobs.push(job);
  return job;
}

function resourceIdOf(work: JobWork): string | null {
  if (work.kind === "create") return work.offer.id;
  if (work.kind === "update") return work.offerId;
  return work.resourceId;
}

function element(resourceId: string | null, failure: JobFailure | null): JobElement {
  return { resourceId, resourceType: "offer", code: failure?.code ?? null, message: failure?.message ?? null };
}

/** Carries out the job's work, unless it was refused or is forced to fail, and records the outcome. */
function runWork(state: SandboxState, work: JobWork, now: number): JobElement {
  if (work.kind === "refused") return element(work.resourceId, work.failure);
  if (work.kind === "create") {
    if (offerForProduct(state, work.offer.productId))
      return element(null, { code: "OFFER_EXISTS", message: "Offer for this product already exists" });
    state.offers.push({ ...work.offer, createdAt: now, updatedAt: now });
    return element(work.offer.id, null);
  }
  const offer = findOffer(state, work.offerId);
  if (!offer) return element(work.offerId, { code: "OFFER_NOT_FOUND", message: "The offer no longer exists" });
  applyPatch(offer, work.patch, now);
  return element(offer.id, null);
}

function complete(state: SandboxState, job: SandboxJob, now: number): void {
  job.completedAt = now;
  if (job.forcedFailure) {
    // A create that fails leaves no offer, so there is no resource to name.
    const resourceId = job.work.kind === "create" ? null : resourceIdOf(job.work);
    job.elements = [element(resourceId, job.forcedFailure)];
    return;
  }
  job.elements = [runWork(state, job.work, now)];
}

/**
 * Completes every job whose time has come, in the order they were created, and forgets old completed
 * ones. Called before each request is handled. Returns whether anything changed.
 */
export function settleJobs(state: SandboxState, now: number): boolean {
  let changed = false;
  for (const job of state.jobs) {
    if (job.completedAt === null && job.rule.kind === "time" && job.rule.at <= now) {
      complete(state, job, now);
      changed = true;
    }
  }
  const kept = state.jobs.filter((job) => job.completedAt === null || job.completedAt > now - COMPLETED_JOBS_KEPT_MS);
  if (kept.length !== state.jobs.length) {
    state.jobs = kept;
    changed = true;
  }
  return changed;
}

/** Counts a poll; a job that completes on its Nth poll does so now. */
export function pollJob(state: SandboxState, job: SandboxJob, now: number): void {
  job.polls += 1;
  if (job.completedAt === null && job.rule.kind === "polls" && job.polls >= job.rule.after) complete(state, job, now);
}

export function findJob(state: SandboxState, jobId: string): SandboxJob | undefined {
  return state.jobs.find((job) => job.jobId === jobId);
}

export function jobStatus(job: SandboxJob, settings: SandboxSettings): string {
  return job.completedAt === null ? "pending" : settings.jobCompleteStatus;
}
