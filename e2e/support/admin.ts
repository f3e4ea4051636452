import { expect, type Page } from "@playwright/test";

/** The admin playwright.config.ts's webServer creates on start. */
export const ADMIN = { email: "admin@example.com", password: "correct-horse-battery" } as const;

/** Opens `path`, is sent to the sign-in page, signs in, and comes back to `path`. */
export async function signInAs(page: Page, user: { email: string; password: string }, path = "/orders"): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login\?/);
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/?]/g, "\\$&")}$`));
}

export function signInAsAdmin(page: Page, path = "/orders"): Promise<void> {
  return signInAs(page, ADMIN, path);
}

/** Our order id for a G2A order id, through the admin API with the page's session. */
export async function orderIdOf(page: Page, g2aOrderId: string): Promise<string> {
  const answer = await page.request.get(`/api/admin/orders?q=${g2aOrderId}`);
  expect(answer.status()).toBe(200);
  const { items } = (await answer.json()) as { items: Array<{ id: string }> };
  expect(items).toHaveLength(1);
  return items[0]!.id;
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}
