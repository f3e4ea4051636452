import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { readOrCreateNamedSecret } from "@/lib/env/secrets";
import { embeddedClientOptions } from "./client-options";
import { WorkflowEngine } from "./engine";
import { inProcessServeHandler } from "./in-process";
import { receiveEvents } from "./intake";
import { workflowMode } from "./mode";
import { runningEngine } from "./registry";
import { generateSigningKey } from "./signing";

// Wiring of the embedded mode for the app: the client's options, the serve handler's options and
// the engine started by instrumentation.ts. In Inngest mode all three leave the SDK's defaults.

/** The data-folder secret the client and the engine share; not an environment variable. */
export const EMBEDDED_SIGNING_KEY_SECRET = "WORKFLOW_SIGNING_KEY";

const signingKeys = new Map<string, string>();

/** The embedded signing key, generated into the data folder on first use. */
export function embeddedSigningKey(dataDir = getEnv().dataDir): string {
  let key = signingKeys.get(dataDir);
  if (key === undefined) {
    key = readOrCreateNamedSecret(dataDir, EMBEDDED_SIGNING_KEY_SECRET, generateSigningKey).value;
    signingKeys.set(dataDir, key);
  }
  return key;
}

/** Options for the app's one Inngest client: embedded, or the SDK's environment-driven defaults. */
export function appClientOptions(source: Record<string, string | undefined> = process.env) {
  if (workflowMode(source) !== "embedded") return {};
  return embeddedClientOptions({
    signingKey: () => embeddedSigningKey(),
    receive: (events) => receiveEvents(getDb(), events),
  });
}

/** serve() options: in embedded mode no unsigned request of any kind (not even a sync) is served. */
export function appServeOptions(source: Record<string, string | undefined> = process.env) {
  return workflowMode(source) === "embedded" ? { enableUnauthedSync: false } : {};
}

/**
 * The URL the engine calls: WORKFLOW_ENGINE_URL, or this server's own port on loopback. Next.js
 * sets PORT once it listens (also for `next dev -p`), so it is read at each call.
 */
export function embeddedServeUrl(): string {
  const env = getEnv();
  return env.WORKFLOW_ENGINE_URL ?? `http://127.0.0.1:${process.env.PORT?.trim() || env.PORT}/api/inngest`;
}

/** Starts the embedded engine in this process (once), unless an Inngest server is configured. */
export function startEmbeddedEngine(): void {
  if (workflowMode() !== "embedded" || runningEngine()) return;
  const env = getEnv();
  new WorkflowEngine({
    db: getDb(),
    serveUrl: embeddedServeUrl,
    signingKey: embeddedSigningKey(env.dataDir),
    // The app's own handler, unless the engine was pointed at another server.
    inProcess: env.WORKFLOW_ENGINE_URL ? undefined : inProcessServeHandler,
    pollIntervalMs: env.WORKFLOW_POLL_INTERVAL_MS,
    maxInFlight: env.WORKFLOW_MAX_IN_FLIGHT,
  }).start();
}
