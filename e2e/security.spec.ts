import { expect, test, type Page } from "@playwright/test";
import { orderIdOf, signInAsAdmin } from "./support/admin";
import { buyOnG2a, DEMO } from "./support/g2a";

/** Every Content-Security-Policy violation the page reports, from its own event and from the console. */
async function collectViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(
        `${event.violatedDirective}: ${event.blockedURI}`,
      );
    });
  });
  return violations;
}

test("every dashboard page works under its Content-Security-Policy, without a single violation", async ({ page }) => {
  test.setTimeout(90_000); // nine page loads
  const sale = await buyOnG2a(DEMO.TWTCO, 1, "5.00");
  expect(sale.status).toBe(200);
  const violations = await collectViolations(page);

  const login = await page.goto("/login");
  const policy = login?.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(login?.headers()["x-frame-options"]).toBe("DENY");

  await signInAsAdmin(page, "/");
  await expect(
    page.getByRole("region", { name: "Last 24 hours" }).locator(".recharts-bar-rectangle").first(),
  ).toBeVisible();
  const orderId = await orderIdOf(page, sale.g2aOrderId);
  const pages: Array<[string, string]> = [
    ["/orders", "Orders"],
    [`/orders/${orderId}`, `G2A order ${sale.g2aOrderId}`],
    ["/mappings", "Product mappings"],
    ["/offers", "Offers"],
    ["/reservations", "Reservations"],
    ["/notifications", "G2A notifications"],
    ["/settings", "Settings"],
    ["/audit", "Audit log"],
  ];
  for (const [path, heading] of pages) {
    const response = await page.goto(path);
    expect(response?.headers()["content-security-policy"], path).toContain("'nonce-");
    await expect(page.getByRole("heading", { name: heading, level: 1 }), path).toBeVisible();
  }
  // Client-side navigation and a dialog as well: scripts loaded later carry the policy too.
  await page.getByRole("link", { name: "Orders" }).first().click();
  await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test("no other site can frame the dashboard", async ({ page, baseURL }) => {
  await page.setContent(`<iframe id="dashboard" src="${baseURL}/login" width="800" height="600"></iframe>`);
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  await page.waitForTimeout(1000);
  const framedForm = await frame
    ?.locator("input[type=password]")
    .count()
    .catch(() => 0);
  expect(framedForm ?? 0).toBe(0);
});
