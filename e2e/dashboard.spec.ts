import { expect, test } from "@playwright/test";
import { ADMIN, expectNoHorizontalScroll, orderIdOf, signInAsAdmin } from "./support/admin";
import { setCwsBalance } from "./support/cws";
import { buyOnG2a, DEMO, type G2aSale } from "./support/g2a";
import { saveScreenshot } from "./support/screenshots";

// Orders made the way G2A makes them: a reservation, then the order, over the G2A API, against the
// local CWS sandbox npm start runs.
let completed: G2aSale;
let failed: G2aSale;

test.beforeAll(async () => {
  await setCwsBalance(1000);
  completed = await buyOnG2a(DEMO.SKYOUT, 1, "15.00");
  expect(completed.status).toBe(200);
  // CWS refuses the next purchase: its balance is too low.
  await setCwsBalance(1);
  failed = await buyOnG2a(DEMO.SKYOUT, 1, "15.00");
  expect(failed.status).toBe(500);
});

test.afterAll(() => setCwsBalance(1000));

test("the orders list shows the orders G2A made and finds one by its G2A order id", async ({ page }) => {
  await signInAsAdmin(page);
  await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
  await expect(page.getByText(ADMIN.email)).toBeVisible();

  const failedRow = page.getByRole("row").filter({ hasText: failed.g2aOrderId });
  const completedRow = page.getByRole("row").filter({ hasText: completed.g2aOrderId });
  await expect(failedRow).toContainText("Failed");
  await expect(failedRow).toContainText("€15.00");
  await expect(completedRow).toContainText("Completed");
  await saveScreenshot(page, "orders");

  await page.getByRole("searchbox").fill(failed.g2aOrderId);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${failed.g2aOrderId}`));
  await expect(page.getByRole("row").filter({ hasText: completed.g2aOrderId })).toHaveCount(0);
  await expect(page.getByRole("link", { name: failed.g2aOrderId })).toBeVisible();
  await expect(page.getByText("1–1 of 1 order")).toBeVisible();

  await page.getByRole("searchbox").fill("123");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No orders match")).toBeVisible();
});

test("the retry dialog closes with Escape and gives focus back to its button", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/orders/${await orderIdOf(page, failed.g2aOrderId)}`);
  const retry = page.getByRole("button", { name: "Retry Fulfillment" });
  await retry.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(retry).toBeFocused();
});

test("an order CWS refused for a low balance is retried after a top-up and completes on screen", async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole("link", { name: failed.g2aOrderId }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Last error: CWS refused the purchase: the CWS balance is too low")).toBeVisible();
  await saveScreenshot(page, "order-detail-failed");

  await setCwsBalance(1000);
  // Hold the request a moment so the pending state can be seen.
  await page.route("**/retry-fulfillment", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });

  await page.getByRole("button", { name: "Retry Fulfillment" }).click();
  const dialog = page.getByRole("dialog", { name: "Retry fulfillment" });
  await expect(dialog).toBeVisible();

  // The reason is required.
  await dialog.getByRole("button", { name: "Retry Fulfillment" }).click();
  await expect(dialog.getByText("Give a reason (at least 3 characters)")).toBeVisible();
  await expect(dialog.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");

  await dialog.getByLabel("Reason").fill("CWS balance topped up");
  await dialog.getByRole("button", { name: "Retry Fulfillment" }).click();
  await expect(dialog.getByRole("button", { name: "Retrying…" })).toBeDisabled();

  await expect(page.getByRole("status").filter({ hasText: "Fulfillment job queued" })).toBeVisible();
  await expect(dialog).toBeHidden();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(
    timeline
      .getByRole("listitem")
      .filter({ hasText: `${ADMIN.email} asked to retry fulfilment: CWS balance topped up` }),
  ).toContainText(`by ${ADMIN.email}`);

  // The page follows the order until it is done.
  await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("button", { name: "Retry Fulfillment" })).toHaveCount(0);
});

test("a completed order offers no Retry, and an admin reveals a key on purpose", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/orders/${await orderIdOf(page, completed.g2aOrderId)}`);
  await expect(page.getByRole("heading", { name: `G2A order ${completed.g2aOrderId}` })).toBeVisible();
  await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "€2.51" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Retry Fulfillment" })).toHaveCount(0);
  await expect(page.getByText("••••-••••-••••")).toBeVisible();
  await saveScreenshot(page, "order-detail-completed");

  await page.getByRole("button", { name: "Reveal" }).click();
  const dialog = page.getByRole("dialog", { name: "Reveal key" });
  await dialog.getByLabel("Reason").fill("buyer says the key does not work");
  await dialog.getByRole("button", { name: "Reveal key" }).click();
  await expect(dialog.locator("output")).toHaveText(/^SKYOUT(-[A-Z0-9]+)+$/);
  await dialog.getByRole("button", { name: "Close" }).first().click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(`${ADMIN.email} revealed key`);
});

test("the dashboard fits a phone-width screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAsAdmin(page);
  await expect(page.getByRole("link", { name: failed.g2aOrderId })).toBeVisible();
  await expectNoHorizontalScroll(page);

  const menu = page.getByRole("button", { name: "Open menu" });
  await menu.click();
  await expect(page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Orders" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  await page.goto(`/orders/${await orderIdOf(page, failed.g2aOrderId)}`);
  await expect(page.getByRole("heading", { name: `G2A order ${failed.g2aOrderId}` })).toBeVisible();
  await expectNoHorizontalScroll(page);
  for (const path of ["/", "/reservations", "/notifications"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoHorizontalScroll(page);
  }
});
