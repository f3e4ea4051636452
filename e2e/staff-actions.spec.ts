import { expect, test, type Page } from "@playwright/test";
import { orderIdOf, signInAsAdmin } from "./support/admin";
import { cwsSandbox, setCwsBalance } from "./support/cws";
import { buyOnG2a, DEMO } from "./support/g2a";

// The two admin-only ways out of the cases Retry cannot settle (ARCHITECTURE §8.1–8.2).

type Detail = { status: string; needsAttention: boolean; cws: { orderId: string | null } };

async function orderDetail(page: Page, orderId: string): Promise<Detail> {
  return (await (await page.request.get(`/api/admin/orders/${orderId}`)).json()) as Detail;
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
  await cwsSandbox("products", { productId: "c6e2f888-543b-4663-b04b-171b98b6ce98", sim: { mode: "instant" } });
  await page.getByRole("button", { name: "Buy again" }).click();
  const dialog = page.getByRole("dialog", { name: "Buy this order again at CWS?" });
  await dialog.getByLabel("Reason").fill("CWS cancelled and refunded the first purchase");
  await dialog.getByRole("button", { name: "Buy again" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Fulfillment job queued" })).toBeVisible();
  await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
});
