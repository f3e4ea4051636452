import { expect, test, type Page } from "@playwright/test";
import { ADMIN, expectNoHorizontalScroll, orderIdOf, signInAsAdmin } from "./support/admin";
import { buyOnG2a, DEMO, type G2aSale } from "./support/g2a";
import { saveScreenshot } from "./support/screenshots";

let failed: G2aSale;

/** An admin API change from the signed-in page, with the Origin header the browser would send. */
async function change(page: Page, method: "PUT" | "POST", path: string, data: unknown): Promise<void> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.fetch(path, { method, data, headers: { Origin: origin } });
  expect(response.ok(), await response.text()).toBe(true);
}

test.beforeAll(async () => {
  // CWS refuses TPWHP (its price is beyond any balance): the order FAILS.
  failed = await buyOnG2a(DEMO.TPWHP);
  expect(failed.status).toBe(500);
});

test("the audit log shows who did what, when and from where, and filters by action", async ({ page }) => {
  await signInAsAdmin(page, "/audit");
  const failedOrderId = await orderIdOf(page, failed.g2aOrderId);
  await change(page, "PUT", "/api/admin/settings/selling", { paused: true, reason: "audit e2e check" });
  await change(page, "PUT", "/api/admin/settings/selling", { paused: false });
  await change(page, "POST", `/api/admin/orders/${failedOrderId}/retry-fulfillment`, { reason: "audit e2e retry" });
  await page.reload();

  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  const pause = page.getByRole("row").filter({ hasText: "audit e2e check" });
  await expect(pause).toContainText("selling.pause");
  await expect(pause).toContainText(ADMIN.email);
  await expect(pause.getByText(/Chrome \d+ on \w+/)).toHaveAttribute("title", /Mozilla\/5\.0/);
  await expect(pause.locator("time")).toHaveAttribute("title", /^\d{4}-\d\d-\d\dT/);
  await saveScreenshot(page, "audit-log");

  await page.getByLabel("Action").fill("order.*");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]action=order\.\*/);
  await expect(page.getByRole("row").filter({ hasText: "selling." })).toHaveCount(0);
  const retry = page.getByRole("row").filter({ hasText: "audit e2e retry" });
  await expect(retry).toContainText("order.retry-fulfillment");
  await retry.getByText("Details").click();
  await expect(retry.getByText('"fromStatus": "FAILED"')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Action")).toHaveValue("order.*");
  await retry.getByRole("link", { name: failedOrderId }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${failedOrderId}$`));
});

test("the audit filters say what is wrong and when nothing matches", async ({ page }) => {
  await signInAsAdmin(page, "/audit");
  await page.getByLabel("From", { exact: true }).fill("2026-11-22");
  await page.getByLabel("To", { exact: true }).fill("2026-11-21");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("The end date comes before the start date")).toBeVisible();
  await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.goto("/audit?action=nothing.here");
  await expect(page.getByText("No audit entries match")).toBeVisible();
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("row").nth(1)).toBeVisible();
});

test("the audit log fits a phone-width screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAsAdmin(page, "/audit");
  await expect(page.getByRole("row").nth(1)).toBeVisible();
  await expectNoHorizontalScroll(page);
});
