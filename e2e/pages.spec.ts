import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./support/admin";
import { buyOnG2a, DEMO, g2a } from "./support/g2a";
import { saveScreenshot } from "./support/screenshots";

test("the overview counts orders per status, draws the last 24 hours and shows G2A's notifications", async ({
  page,
}) => {
  const sale = await buyOnG2a(DEMO.TWTCO, 2, "5.00");
  expect(sale.status).toBe(200);
  const notice = {
    notification_type: "auction_deactivated",
    date: "2026-11-22T09:00:00Z",
    data: { message: "G2A product not found", auction_id: 4242, offer_id: "aca21a59-5b76-4fb8-8329-f5157a53c824" },
  };
  expect((await g2a.raw("POST", "/notifications", { body: [notice] })).status).toBe(204);

  await signInAsAdmin(page, "/");
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  const completedCard = page.getByRole("link", { name: /^Completed \d+$/ });
  await expect(completedCard).toBeVisible();
  expect(Number((await completedCard.textContent())?.replace(/\D/g, ""))).toBeGreaterThanOrEqual(1);
  await expect(
    page.getByRole("region", { name: "Last 24 hours" }).locator(".recharts-bar-rectangle").first(),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "CWS balance" })).toContainText("€");
  await expect(page.getByRole("region", { name: "Recent G2A notifications" })).toContainText("G2A product not found");
  await saveScreenshot(page, "overview");

  await completedCard.click();
  await expect(page).toHaveURL(/\/orders\?status=COMPLETED$/);
  await expect(page.getByRole("link", { name: sale.g2aOrderId })).toBeVisible();
});

test("the reservations page lists active reservations and past ones with their orders", async ({ page }) => {
  const reservation = await g2a.reserve([
    { product_id: DEMO.MISTVH, quantity: 1, additional_data: { unit_price: "30.00" } },
  ]);
  const reservationId = (reservation.body as { reservation_id: string }).reservation_id;
  const sale = await buyOnG2a(DEMO.TWTCO, 1, "5.00");

  await signInAsAdmin(page, "/reservations");
  await expect(page.getByRole("button", { name: "Active" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("row").filter({ hasText: reservationId })).toContainText("1 × 10000000000023");
  await saveScreenshot(page, "reservations");

  await page.getByRole("button", { name: "Past" }).click();
  await expect(page).toHaveURL(/state=past/);
  await expect(page.getByRole("row").filter({ hasText: sale.reservationId })).toContainText("Consumed");
  await page.getByRole("link", { name: sale.g2aOrderId }).click();
  await expect(page.getByRole("heading", { name: `G2A order ${sale.g2aOrderId}` })).toBeVisible();
});

test("the notifications page shows each notification as G2A sent it and filters by type", async ({ page }) => {
  const batch = [
    {
      notification_type: "offer_price_changed",
      date: "2026-11-22T10:00:00Z",
      data: { message: "price lowered by G2A", offer_id: "bbbbbbbb-5b76-4fb8-8329-f5157a53c824" },
    },
    {
      notification_type: "auction_deactivated",
      date: "2026-11-22T10:01:00Z",
      data: { message: "auction ended", auction_id: 777 },
    },
  ];
  expect((await g2a.raw("POST", "/notifications", { body: batch })).status).toBe(204);

  await signInAsAdmin(page, "/notifications");
  const row = page.getByRole("row").filter({ hasText: "price lowered by G2A" });
  await expect(row).toContainText("offer_price_changed");
  await row.getByText("Show").click();
  await expect(row.locator("pre")).toContainText('"notification_type":"offer_price_changed"');
  await saveScreenshot(page, "notifications");

  await page.getByLabel("Type").selectOption("auction_deactivated");
  await expect(page).toHaveURL(/type=auction_deactivated/);
  await expect(page.getByRole("row").filter({ hasText: "price lowered by G2A" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "auction ended" })).toBeVisible();
});

test("the overview shows the last database backup", async ({ page }) => {
  const backup = spawnSync("npm", ["run", "--silent", "db:backup"], {
    env: { ...process.env, DATA_DIR: ".test-data/e2e" },
    encoding: "utf8",
  });
  expect(backup.status, backup.stderr).toBe(0);
  const file = path.basename(/ to (\S+\.db) in /.exec(backup.stdout)?.[1] ?? "");
  expect(file).toMatch(/^app-.*Z\.db$/);

  await signInAsAdmin(page, "/");
  const card = page.getByRole("region", { name: "Backups" });
  await expect(card).toContainText("Last backup");
  await expect(card).toContainText(file);
  await expect(card).toContainText("Every 6 hours");
  await expect(card).not.toContainText("Overdue");
});
