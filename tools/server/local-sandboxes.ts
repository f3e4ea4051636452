import path from "node:path";
import { startSimulator } from "@/tools/cws-sandbox/server";
import { startG2aSandbox } from "@/tools/g2a-sandbox/server";
import { logger } from "@/lib/logger";

// npm start's local CWS and G2A sandboxes run inside the server process, started from
// instrumentation.ts when tools/start/prepare.ts asked for them (no CWS_BASE_URL, no
// G2A_API_BASE_URL): no process of their own stays resident for them. Their state files are in the
// data folder, written after every change and once more as the process exits.

/** What prepare.ts tells the server: each local sandbox's port and state file. */
export const LOCAL_SANDBOX_VARIABLES = {
  cwsPort: "LOCAL_CWS_SANDBOX_PORT",
  cwsState: "LOCAL_CWS_SANDBOX_STATE",
  g2aPort: "LOCAL_G2A_SANDBOX_PORT",
  g2aState: "LOCAL_G2A_SANDBOX_STATE",
} as const;

// Named from the project's root: the sandboxes' own defaults are relative to their modules, which
// the server's build moves into its bundle.
const catalogue = (sandbox: "cws-sandbox" | "g2a-sandbox") =>
  path.join(process.cwd(), "tools", sandbox, "default-catalogue.json");

/** Starts the sandboxes the environment asks for; a sandbox that cannot listen stops the server, saying why. */
export async function startLocalSandboxes(source: Record<string, string | undefined> = process.env): Promise<void> {
  const running: { saveState(): void }[] = [];
  const cwsPort = source[LOCAL_SANDBOX_VARIABLES.cwsPort];
  const g2aPort = source[LOCAL_SANDBOX_VARIABLES.g2aPort];
  try {
    if (cwsPort) {
      const stateFile = source[LOCAL_SANDBOX_VARIABLES.cwsState];
      const sandbox = await startSimulator({ port: Number(cwsPort), catalogue: catalogue("cws-sandbox"), stateFile });
      running.push(sandbox);
      console.log(`Local CWS sandbox: ${sandbox.url} (state in ${stateFile})`);
    }
    if (g2aPort) {
      const stateFile = source[LOCAL_SANDBOX_VARIABLES.g2aState];
      const sandbox = await startG2aSandbox({
        port: Number(g2aPort),
        catalogueFile: catalogue("g2a-sandbox"),
        stateFile,
        clients: [{ clientId: source.G2A_API_CLIENT_ID ?? "", clientSecret: source.G2A_API_CLIENT_SECRET ?? "" }],
      });
      running.push(sandbox);
      console.log(`Local G2A sandbox: ${sandbox.url} (state in ${stateFile})`);
    }
  } catch (error) {
    logger.fatal(
      { reason: error instanceof Error ? error.message : String(error) },
      "a local sandbox could not start; set CWS_BASE_URL or G2A_API_BASE_URL to use a real one",
    );
    process.exit(1);
  }
  process.once("exit", () => {
    for (const sandbox of running) sandbox.saveState();
  });
}
