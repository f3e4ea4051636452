import { logger } from "@/lib/logger";

// Once the server started by `npm start` answers its health check, it says where everything is.
// The credentials generated at the first start were printed by tools/start/prepare.ts already.

/** Waits for this server's /api/health to answer, then prints where the app, CWS and G2A are. */
export async function announceWhenHealthy(env: Record<string, string | undefined> = process.env): Promise<void> {
  const port = env.PORT?.trim() || "3000";
  const base = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (answer) => answer.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      logger.error("the server did not become healthy within 60 s; see the log above");
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const local = (variable: string) => (env[variable] ? " (local sandbox)" : "");
  const lines = [
    "",
    "G2A Dropship is running.",
    `  Dashboard:     ${base}/`,
    `  Health:        ${base}/api/health`,
    `  G2A base URL:  ${base}/api/g2a`,
    `  CWS:           ${env.CWS_BASE_URL}${local("LOCAL_CWS_SANDBOX_PORT")}`,
    `  G2A API:       ${env.G2A_API_BASE_URL}${local("LOCAL_G2A_SANDBOX_PORT")}`,
    ...(env.G2A_CLIENT_ID ? [`  G2A client id:  ${env.G2A_CLIENT_ID} (from G2A_CLIENT_ID)`] : []),
    ...(env.ADMIN_EMAIL ? [`  Admin e-mail:  ${env.ADMIN_EMAIL} (from ADMIN_EMAIL)`] : []),
    "",
    "Press Ctrl-C to stop.",
  ];
  console.log(lines.join("\n"));
}
