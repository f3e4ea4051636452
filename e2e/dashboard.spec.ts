import { expect, test } from "@playwright/test";
import { ADMIN, expectNoHorizontalScroll, signInAsAdmin } from "./support/admin";
import { BALANCE_TOO_LOW_PREFIX, seedFailedAndCompletedOrders, type SeededOrder } from "./support/orders";

let failed: SeededOrder;
let completed: SeededOrder;

test.beforeAll(() => {
  ({ failed, completed } = seedFailedAndCompletedOrders());
});

test("the orders list shows each order with its status and finds one by its G2A order id", async ({ page }) => {
  await signInAsAdmin(page);
  await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
  await expect(page.getByText(ADMIN.email)).toBeVisible();

  const failedRow = page.getByRole("row").filter({ hasText: failed.g2aOrderId });
  const completedRow = page.getByRole("row").filter({ hasText: completed.g2aOrderId });
  await expect(failedRow).toContainText("Failed");
  await expect(failedRow).toContainText("€15.00");
  await expect(completedRow).toContainText("Completed");

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
  await signInAsAdmin(page, `/orders/${failed.id}`);
  const retry = page.getByRole("button", { name: "Retry Fulfillment" });
  await retry.click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(retry).toBeFocused();
});

test("an admin retries fulfilment of a failed order and sees the retry on its timeline", async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole("link", { name: failed.g2aOrderId }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${failed.id}$`));
  await expect(page.getByText(`Last error: ${BALANCE_TOO_LOW_PREFIX}`)).toBeVisible();

  // Hold the request a moment so the pending state can be seen.
  await page.route(`**/api/admin/orders/${failed.id}/retry-fulfillment`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });

  const retry = page.getByRole("button", { name: "Retry Fulfillment" });
  await retry.click();
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
  await expect(timeline.getByRole("listitem").filter({ hasText: `${ADMIN.email} asked to retry fulfilment: CWS balance topped up` })).toContainText(`by ${ADMIN.email}`);
});

test("a completed order offers no Retry Fulfillment", async ({ page }) => {
  await signInAsAdmin(page, `/orders/${completed.id}`);
  await expect(page.getByRole("heading", { name: `G2A order ${completed.g2aOrderId}` })).toBeVisible();
  await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "€2.51" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Retry Fulfillment" })).toHaveCount(0);
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

  await page.goto(`/orders/${failed.id}`);
  await expect(page.getByRole("heading", { name: `G2A order ${failed.g2aOrderId}` })).toBeVisible();
  await expectNoHorizontalScroll(page);
});
