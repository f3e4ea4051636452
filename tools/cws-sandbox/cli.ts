import {
  catalogueFlag,
  hostFlag,
  numberFrom,
  portFlag,
  stateFileFlag,
  switchFrom,
  tokenTtlFlag,
  type Flags,
} from "../sandbox-kit/cli-flags";
import { runSandboxCli } from "../sandbox-kit/cli-main";
import { StateFileError } from "../sandbox-kit/state-file";
import { CatalogueError } from "./catalogue";
import { DEFAULT_PORT, SimulatorConfigError, type SimulatorOptions } from "./options";
import { startSimulator } from "./server";

// `tsx tools/cws-sandbox/cli.ts [--port 4010] [--catalogue file.json] [--state-file data/cws-sim.json] …`
// Each flag falls back to its CWS_SIM_* variable, then to the default of spec §13.2.

const FLAGS: Flags<SimulatorOptions> = {
  "--port": portFlag("CWS_SIM_PORT", DEFAULT_PORT),
  "--host": hostFlag("CWS_SIM_HOST"),
  "--public-url": {
    env: "CWS_SIM_PUBLIC_URL",
    help: "base of links (http://localhost:<port>)",
    set: (o, raw) => (o.publicUrl = raw),
  },
  "--catalogue": catalogueFlag("CWS_SIM_CATALOGUE", (o, file) => (o.catalogue = file)),
  "--balance": {
    env: "CWS_SIM_BALANCE",
    help: "starting balance in EUR (1000.00)",
    set: (o, raw, flag) => (o.balance = numberFrom(raw, flag)),
  },
  "--credit": {
    env: "CWS_SIM_CREDIT",
    help: "starting credit in EUR (0.00)",
    set: (o, raw, flag) => (o.credit = numberFrom(raw, flag)),
  },
  "--token-ttl": tokenTtlFlag("CWS_SIM_TOKEN_TTL"),
  "--clients": {
    env: "CWS_SIM_CLIENTS",
    help: "extra credentials id:secret,id:secret",
    set: (o, raw) => (o.clients = raw),
  },
  "--page-size": {
    env: "CWS_SIM_PAGE_SIZE",
    help: "GET /v3/products page size (100)",
    set: (o, raw, flag) => (o.pageSize = numberFrom(raw, flag)),
  },
  "--seed": {
    env: "CWS_SIM_SEED",
    help: "seed for codes and fault sampling (random)",
    set: (o, raw, flag) => (o.seed = numberFrom(raw, flag)),
  },
  "--rate-limits": {
    env: "CWS_SIM_RATE_LIMITS",
    help: "on or off (on)",
    set: (o, raw, flag) => (o.rateLimits = switchFrom(raw, flag)),
  },
  "--state-file": stateFileFlag("CWS_SIM_STATE_FILE"),
};

runSandboxCli({
  script: "tools/cws-sandbox/cli.ts",
  flags: FLAGS,
  envWidth: 22,
  name: "CWS sandbox simulator",
  knownErrors: [CatalogueError, SimulatorConfigError, StateFileError],
  start: (options) => startSimulator({ ...options, log: (line) => console.log(line) }),
});
