/**
 * Next.js start-up hook, in the Node.js server process: gives it a cheap copy of process.env (see
 * lib/env/process-env.ts), moves SQLite's WAL checkpoints to a worker thread, and starts the
 * embedded workflow engine when no Inngest server is configured (it syncs with this server's own
 * /api/inngest over loopback, waiting patiently until the server listens, then calls the handler
 * in this process), and the alert checks that watch CWS and the engine.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { copyProcessEnv } = await import("@/lib/env/process-env");
  copyProcessEnv();
  const { getDb, startBackgroundCheckpoints } = await import("@/lib/db");
  const { getEnv } = await import("@/lib/env");
  const { logger } = await import("@/lib/logger");
  try {
    await startBackgroundCheckpoints(getDb(), getEnv().databaseFile, logger);
  } catch (error) {
    logger.warn(
      { reason: error instanceof Error ? error.message : String(error) },
      "WAL checkpoints stay on the server thread",
    );
  }
  // npm start's local CWS and G2A sandboxes, when it asked for them: in this process, before anything calls them.
  const { startLocalSandboxes } = await import("@/tools/server/local-sandboxes");
  await startLocalSandboxes();
  const { startEmbeddedEngine } = await import("@/lib/workflow/embedded");
  startEmbeddedEngine();
  const { startAlertWatchdog } = await import("@/lib/alerts/watchdog");
  startAlertWatchdog();
  if (process.env.START_ANNOUNCE) {
    const { announceWhenHealthy } = await import("@/tools/server/announce");
    void announceWhenHealthy();
  }
}
