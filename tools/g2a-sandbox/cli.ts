import {
  catalogueFlag,
  hostFlag,
  numberFrom,
  portFlag,
  stateFileFlag,
  tokenTtlFlag,
  type Flags,
} from "../sandbox-kit/cli-flags";
import { runSandboxCli } from "../sandbox-kit/cli-main";
import { StateFileError } from "../sandbox-kit/state-file";
import { DEFAULT_G2A_SANDBOX_CLIENT } from "./auth";
import { CatalogueError } from "./catalogue";
import { DEFAULT_PORT, G2aSandboxConfigError, type G2aSandboxOptions } from "./options";
import { startG2aSandbox } from "./server";

// `tsx tools/g2a-sandbox/cli.ts [--port 4020] [--state-file data/g2a-sandbox.json] …`
// Each flag falls back to its G2A_SANDBOX_* variable, then to the default.

const FLAGS: Flags<G2aSandboxOptions> = {
  "--port": portFlag("G2A_SANDBOX_PORT", DEFAULT_PORT),
  "--host": hostFlag("G2A_SANDBOX_HOST"),
  "--state-file": stateFileFlag("G2A_SANDBOX_STATE_FILE"),
  "--catalogue": catalogueFlag("G2A_SANDBOX_CATALOGUE", (o, file) => (o.catalogueFile = file)),
  "--token-ttl": tokenTtlFlag("G2A_SANDBOX_TOKEN_TTL"),
  "--job-delay-ms": {
    env: "G2A_SANDBOX_JOB_DELAY_MS",
    help: "how long a job stays pending (1000)",
    set: (o, raw, flag) => (o.jobDelayMs = numberFrom(raw, flag)),
  },
};

runSandboxCli({
  script: "tools/g2a-sandbox/cli.ts",
  flags: FLAGS,
  envWidth: 26,
  name: "G2A sandbox",
  knownErrors: [CatalogueError, G2aSandboxConfigError, StateFileError],
  start: (options) => startG2aSandbox({ ...options, log: true }),
  // The default pair is the sandbox's own and published in its README, so printing it gives nothing away.
  // A state file or POST /__sim/settings may have replaced it.
  greeting: (url) => [
    `Default client (the sandbox's own): client_id ${DEFAULT_G2A_SANDBOX_CLIENT.clientId}, client_secret ${DEFAULT_G2A_SANDBOX_CLIENT.clientSecret}`,
    `Control API: ${url}/__sim/state`,
  ],
});
