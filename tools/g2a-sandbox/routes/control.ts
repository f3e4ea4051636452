import { toIso } from "../../sandbox-kit/dates";
import type { SimpleRoute } from "../../sandbox-kit/dispatch";
import { controlError } from "../../sandbox-kit/http-io";
import type { SandboxContext, SandboxRequest } from "../context";
import { parseFaultRules } from "../faults";
import type { Reply } from "../http-io";
import { priceChangeCounts } from "../price-rules";
import { resetSandbox } from "../sandbox";
import { mergeSettings, settingsView } from "../settings";
import { jobStateView, offerStateView } from "../views";
import { readControlObject, refuseUnknownKeys } from "./control-body";
import { competitorStateView, postCompetitors, postProducts } from "./control-catalogue";
import { postDeactivate, postNextJob, postSeedOffer } from "./control-offers";

// The control API, for tests and people: never counted, faulted or rate-limited; errors are {"error": "..."}.

function getState(sandbox: SandboxContext): Reply {
  const { state } = sandbox;
  const now = Date.now();
  return {
    status: 200,
    body: {
      now: toIso(now),
      settings: settingsView(state.settings),
      products: [...state.products.values()],
      offers: state.offers.map((offer) => offerStateView(state, offer)),
      jobs: state.jobs.map((job) => jobStateView(job, state.settings)),
      tokenRequests: state.tokenRequests,
      liveTokens: [...state.tokens.values()].filter((token) => token.expiresAt > now).length,
      priceChanges: priceChangeCounts(state, now),
      competitors: Object.fromEntries(
        [...state.competitors].map(([productId, offers]) => [productId, offers.map(competitorStateView)]),
      ),
      faults: state.faults,
      nextJob: state.nextJob,
      requests: state.requests,
    },
  };
}

async function postSettings(sandbox: SandboxContext, request: SandboxRequest): Promise<Reply> {
  const body = await readControlObject(request);
  if (!body.ok) return body.reply;
  const merged = mergeSettings(sandbox.state.settings, body.value);
  if (!merged.ok) return controlError(400, merged.problem);
  sandbox.state.settings = merged.settings;
  // A new rate starts with a full bucket.
  sandbox.state.bucket = null;
  return { status: 200, body: settingsView(sandbox.state.settings) };
}

async function postFaults(sandbox: SandboxContext, request: SandboxRequest): Promise<Reply> {
  const body = await readControlObject(request);
  if (!body.ok) return body.reply;
  const unknown = refuseUnknownKeys(body.value, ["rules"]);
  if (unknown) return unknown.reply;
  const parsed = parseFaultRules(body.value.rules);
  if (!parsed.ok) return controlError(400, parsed.problem);
  sandbox.state.faults.push(...parsed.rules);
  return { status: 200, body: { rules: sandbox.state.faults } };
}

function deleteFaults(sandbox: SandboxContext): Reply {
  sandbox.state.faults = [];
  return { status: 204 };
}

function postReset(sandbox: SandboxContext): Reply {
  resetSandbox(sandbox);
  return { status: 204 };
}

export const CONTROL_ROUTES: readonly SimpleRoute<SandboxContext, Reply>[] = [
  { method: "GET", pattern: "/__sim/state", handler: getState },
  {
    method: "GET",
    pattern: "/__sim/settings",
    handler: (sandbox) => ({ status: 200, body: settingsView(sandbox.state.settings) }),
  },
  { method: "POST", pattern: "/__sim/settings", handler: postSettings },
  { method: "POST", pattern: "/__sim/reset", handler: postReset },
  {
    method: "GET",
    pattern: "/__sim/faults",
    handler: (sandbox) => ({ status: 200, body: { rules: sandbox.state.faults } }),
  },
  { method: "POST", pattern: "/__sim/faults", handler: postFaults },
  { method: "DELETE", pattern: "/__sim/faults", handler: deleteFaults },
  { method: "POST", pattern: "/__sim/products", handler: postProducts },
  { method: "POST", pattern: "/__sim/competitors", handler: postCompetitors },
  { method: "POST", pattern: "/__sim/offers", handler: postSeedOffer },
  { method: "POST", pattern: "/__sim/jobs/next", handler: postNextJob },
  { method: "POST", pattern: "/__sim/offers/{offerId}/deactivate", handler: postDeactivate },
];
