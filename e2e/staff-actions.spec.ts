import { expect, test, type Page } from "@playwright/test";
import { orderIdOf, signInAs, signInAsAdmin } from "./support/admin";
import { cwsSandbox, setCwsBalance } from "./support/cws";
import { buyOnG2a, DEMO } from "./support/g2a";

// The two admin-only ways out of the cases Retry cannot settle (ARCHITECTURE §8.1–8.2).

type Verdict = { allowed: true } | { allowed: false; code: string; reason: string };
type Action = "retryFulfillment" | "markFailed" | "buyAgain";
type Detail = {
  status: string;
  needsAttention: boolean;
  cws: { orderId: string | null };
  actions: Record<Action, Verdict>;
};

const BUTTONS: Record<Action, { name: string; path: string }> = {
  retryFulfillment: { name: "Retry Fulfillment", path: "retry-fulfillment" },
  markFailed: { name: "Mark failed", path: "mark-failed" },
  buyAgain: { name: "Buy again", path: "buy-again" },
};

async function orderDetail(page: Page, orderId: string): Promise<Detail> {
  return (await (await page.request.get(`/api/admin/orders/${orderId}`)).json()) as Detail;
}

/**
 * An action the page does not offer is refused by the API too, with the status and the words of
 * the reason the order detail gives for it.
 */
async function expectHiddenAndRefused(page: Page, orderId: string, action: Action, status: number): Promise<void> {
  await expect(page.getByRole("button", { name: BUTTONS[action].name })).toHaveCount(0);
  const verdict = (await orderDetail(page, orderId)).actions[action];
  if (verdict.allowed) throw new Error(`the order allows ${action}`);
  const answer = await page.request.post(`/api/admin/orders/${orderId}/${BUTTONS[action].path}`, {
    data: { reason: "trying it through the API" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(answer.status()).toBe(status);
  expect(await answer.json()).toMatchObject({ code: verdict.code, message: verdict.reason });
}

/** A signed-in OPERATOR in a browser context of their own. */
async function operatorPage(admin: Page, path: string): Promise<Page> {
  const email = `oncall-${Date.now()}@example.com`;
  const created = await admin.request.post("/api/admin/users", {
    data: { email, role: "OPERATOR" },
    headers: { Origin: new URL(admin.url()).origin },
  });
  expect(created.status()).toBe(201);
  const { oneTimePassword } = (await created.json()) as { oneTimePassword: string };
  const page = await (await admin.context().browser()!.newContext()).newPage();
  await signInAs(page, { email, password: oneTimePassword }, path);
  return page;
}

test.beforeAll(() => setCwsBalance(1000));
test.afterEach(() => cwsSandbox("faults", { error5xx: { rate: 0 } }));

test("an admin marks failed an order whose purchase outcome stayed unknown", async ({ page }) => {
  // CWS answers every purchase with a 502: nobody knows whether it bought.
  await cwsSandbox("faults", { error5xx: { rate: 1, status: 502, routes: ["POST /v3/orders"], remaining: 20 } });
  const sale = await buyOnG2a(DEMO.MISTVH, 1, "30.00");
  expect(sale.status).toBe(202);

  await signInAsAdmin(page);
  const orderId = await orderIdOf(page, sale.g2aOrderId);
  await page.goto(`/orders/${orderId}`);
  // The page follows the order until the run stops and asks for a person.
  await expect(page.getByText("Needs attention.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Placing", { exact: true }).first()).toBeVisible();
  // On-call staff may retry it, but only an admin may end it.
  const operator = await operatorPage(page, `/orders/${orderId}`);
  await expect(operator.getByRole("button", { name: "Retry Fulfillment" })).toBeVisible();
  await expectHiddenAndRefused(operator, orderId, "markFailed", 403);
  await operator.context().close();

  await page.getByRole("button", { name: "Mark failed" }).click();
  const dialog = page.getByRole("dialog", { name: "Mark this order failed?" });
  await dialog.getByLabel("Reason").fill("checked the CWS panel: no such order");
  await dialog.getByRole("button", { name: "Mark failed" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Failed", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("checked the CWS panel: no such order");
  expect((await orderDetail(page, orderId)).status).toBe("FAILED");
});

test("an admin buys again an order CWS cancelled, and it completes", async ({ page }) => {
  const sale = await buyOnG2a(DEMO.FROSTSP, 1, "15.00");
  expect(sale.status).toBe(202);
  await signInAsAdmin(page);
  const orderId = await orderIdOf(page, sale.g2aOrderId);
  await expect.poll(async () => (await orderDetail(page, orderId)).cws.orderId, { timeout: 20_000 }).not.toBeNull();
  const { cws } = await orderDetail(page, orderId);
  await cwsSandbox(`orders/${cws.orderId}/status`, { status: "Cancelled", refund: true });

  await page.goto(`/orders/${orderId}`);
  await expect(page.getByText("Failed", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  // Retry would find the same cancelled CWS order; only a new purchase helps.
  await expect(page.getByRole("button", { name: "Buy again" })).toBeVisible();
  await expectHiddenAndRefused(page, orderId, "retryFulfillment", 409);
  await expectHiddenAndRefused(page, orderId, "markFailed", 409);
  await cwsSandbox("products", { productId: "c6e2f888-543b-4663-b04b-171b98b6ce98", sim: { mode: "instant" } });
  await page.getByRole("button", { name: "Buy again" }).click();
  const dialog = page.getByRole("dialog", { name: "Buy this order again at CWS?" });
  await dialog.getByLabel("Reason").fill("CWS cancelled and refunded the first purchase");
  await dialog.getByRole("button", { name: "Buy again" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Fulfillment job queued" })).toBeVisible();
  await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
});

test("a completed order offers no action, and the API refuses each with the reason", async ({ page }) => {
  const sale = await buyOnG2a(DEMO.SKYOUT, 1, "30.00");
  expect(sale.status).toBe(200);
  await signInAsAdmin(page);
  const orderId = await orderIdOf(page, sale.g2aOrderId);
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible();
  // Retry of a fulfilled order answers 400 ORDER_ALREADY_FULFILLED, as the owner's spec says.
  await expectHiddenAndRefused(page, orderId, "retryFulfillment", 400);
  await expectHiddenAndRefused(page, orderId, "markFailed", 409);
  await expectHiddenAndRefused(page, orderId, "buyAgain", 409);
  // The admin may still reveal its key.
  await expect(page.getByRole("button", { name: "Reveal" }).first()).toBeVisible();
});
