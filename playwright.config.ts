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
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? ".test-data/playwright.json" }]],
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
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        },
      },
    },
  ],
  // The product started the way `npm start` starts it, on a data folder of its own.
  webServer: {
    command: "rm -rf .test-data/e2e && tsx tools/start.ts",
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
      LOG_LEVEL: "warn",
      // The first admin, created at start; e2e/support/admin.ts signs in with it.
      ADMIN_EMAIL: "admin@example.com",
      ADMIN_PASSWORD: "correct-horse-battery",
    },
  },
});
