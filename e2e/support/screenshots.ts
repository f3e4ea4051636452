import path from "node:path";
import type { Page } from "@playwright/test";

/** Where the main pages' screenshots go: Playwright's output folder, kept as the run's artifacts. */
export const SCREENSHOT_DIR = path.resolve("test-results", "screenshots");

/** A full-page screenshot of what the user sees now, saved as `<name>.png` among the run's artifacts. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
