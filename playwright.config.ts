import fs from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;

/** Playwright's own Chromium when it is installed, otherwise Debian's. */
function chromiumExecutable(): string | undefined {
  try {
    if (fs.existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no bundled browser registered
  }
  return "/usr/bin/chromium";
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? ".test-data/playwright.json" }],
  ],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  // The product started the way `npm start` starts it, on a data folder of its own.
  webServer: {
    command: "rm -rf .test-data/e2e && sh tools/start.sh",
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: ".test-data/e2e",
      // npm start runs the local CWS sandbox here (CWS_BASE_URL unset); e2e/support/cws.ts controls it.
      CWS_SANDBOX_PORT: String(port + 1),
      // and the local G2A sandbox (G2A_API_BASE_URL unset).
      G2A_SANDBOX_PORT: String(port + 2),
      LOG_LEVEL: "warn",
      // The first admin, created at start; e2e/support/admin.ts signs in with it.
      ADMIN_EMAIL: "admin@example.com",
      ADMIN_PASSWORD: "correct-horse-battery",
      // G2A's credentials; e2e/support/g2a.ts calls the G2A API with them.
      G2A_CLIENT_ID: "e2e0000000000000000000000000000a",
      G2A_CLIENT_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret-0000",
      ORDER_SYNC_WAIT_MS: "1500",
      // Short waits before searching CWS's history after an unknown purchase outcome.
      CWS_RECOVERY_FIRST_WAIT_MS: "300",
      CWS_RECOVERY_SECOND_WAIT_MS: "300",
    },
  },
});
