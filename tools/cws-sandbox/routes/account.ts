import type { SimContext } from "../context";
import type { Reply } from "../http-io";
import { accountView } from "../views";

/** GET /v3/accounts/current */
export function getAccount(sim: SimContext): Reply {
  return { status: 200, body: accountView(sim.state.account, sim.publicUrl) };
}
