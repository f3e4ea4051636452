import { expect, test, type Browser, type Page } from "@playwright/test";
import { orderIdOf, signInAs, signInAsAdmin } from "./support/admin";
import { buyOnG2a, DEMO, type G2aSale } from "./support/g2a";

// What each role sees on an order: VIEWER reads, OPERATOR (on-call) also retries, ADMIN does the rest.

let failed: G2aSale;
let completed: G2aSale;

/** A user created by the admin through the users API; returns the one-time password. */
async function createUser(admin: Page, email: string, role: "OPERATOR" | "VIEWER"): Promise<string> {
  const response = await admin.request.post("/api/admin/users", {
    data: { email, role },
    headers: { Origin: new URL(admin.url()).origin },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { oneTimePassword: string }).oneTimePassword;
}

async function signedIn(browser: Browser, email: string, password: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, { email, password }, path);
  return page;
}

test.beforeAll(async () => {
  failed = await buyOnG2a(DEMO.TPWHP);
  expect(failed.status).toBe(500);
  completed = await buyOnG2a(DEMO.TWTCO, 1, "2.00");
  expect(completed.status).toBe(200);
});

test("a viewer reads orders but gets no staff action and no key reveal", async ({ page, browser }) => {
  await signInAsAdmin(page);
  const failedId = await orderIdOf(page, failed.g2aOrderId);
  const completedId = await orderIdOf(page, completed.g2aOrderId);
  const email = `viewer-${Date.now()}@example.com`;
  const viewer = await signedIn(browser, email, await createUser(page, email, "VIEWER"), `/orders/${failedId}`);

  await expect(viewer.getByRole("heading", { name: `G2A order ${failed.g2aOrderId}` })).toBeVisible();
  await expect(viewer.getByText("Failed", { exact: true }).first()).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Retry Fulfillment" })).toHaveCount(0);
  await expect(viewer.getByText("VIEWER", { exact: true })).toBeVisible();

  await viewer.goto(`/orders/${completedId}`);
  await expect(viewer.getByText("••••-••••-••••")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Reveal" })).toHaveCount(0);
  // The API refuses what the page does not offer.
  const refused = await viewer.request.post(`/api/admin/orders/${failedId}/retry-fulfillment`, {
    data: { reason: "trying" },
    headers: { Origin: new URL(viewer.url()).origin },
  });
  expect(refused.status()).toBe(403);
  await viewer.context().close();
});

test("an operator retries a failed order but cannot mark failed, buy again or reveal keys", async ({
  page,
  browser,
}) => {
  await signInAsAdmin(page);
  const failedId = await orderIdOf(page, failed.g2aOrderId);
  const completedId = await orderIdOf(page, completed.g2aOrderId);
  const email = `operator-${Date.now()}@example.com`;
  const operator = await signedIn(browser, email, await createUser(page, email, "OPERATOR"), `/orders/${failedId}`);

  await expect(operator.getByRole("button", { name: "Retry Fulfillment" })).toBeVisible();
  await expect(operator.getByRole("button", { name: "Mark failed" })).toHaveCount(0);
  await expect(operator.getByRole("button", { name: "Buy again" })).toHaveCount(0);
  await operator.getByRole("button", { name: "Retry Fulfillment" }).click();
  const dialog = operator.getByRole("dialog", { name: "Retry fulfillment" });
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await dialog.getByLabel("Reason").fill("on-call check");
  await dialog.getByRole("button", { name: "Retry Fulfillment" }).click();
  await expect(operator.getByRole("status").filter({ hasText: "Fulfillment job queued" })).toBeVisible();
  await expect(operator.getByRole("region", { name: "Timeline" })).toContainText(
    `${email} asked to retry fulfilment: on-call check`,
  );

  await operator.goto(`/orders/${completedId}`);
  await expect(operator.getByText("••••-••••-••••")).toBeVisible();
  await expect(operator.getByRole("button", { name: "Reveal" })).toHaveCount(0);
  await operator.context().close();
});
