import { expect, type Page } from "@playwright/test";

/** The admin playwright.config.ts's webServer creates on start. */
export const ADMIN = { email: "admin@example.com", password: "correct-horse-battery" } as const;

export async function signInAsAdmin(page: Page, path = "/orders"): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login\?/);
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/?]/g, "\\$&")}$`));
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}
