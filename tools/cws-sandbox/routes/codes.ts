import type { ApiRequest, SimContext } from "../context";
import { isLineDelivered } from "../fulfilment";
import { apiError, type Reply } from "../http-io";
import { codeView } from "../views";

/** GET /v3/codes/{codeId} — a delayed line's codes do not exist until its delay has passed. */
export function getCode(sim: SimContext, request: ApiRequest): Reply {
  const location = sim.state.codeIndex.get(request.params.codeId ?? "");
  if (!location || !isLineDelivered(location.line, Date.now())) return apiError(404, 50002, "Code not found");
  return { status: 200, body: codeView(location.code, sim.publicUrl, true) };
}
