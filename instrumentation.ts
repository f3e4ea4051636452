/**
 * Next.js start-up hook: starts the embedded workflow engine in the Node.js server process when no
 * Inngest server is configured. It calls this server's own /api/inngest over loopback and waits
 * patiently until the server listens.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startEmbeddedEngine } = await import("@/lib/workflow/embedded");
  startEmbeddedEngine();
}
