import { expect, test, type Page } from "@playwright/test";
import { ADMIN, expectNoHorizontalScroll, signInAsAdmin } from "./support/admin";
import { saveScreenshot } from "./support/screenshots";

const uniqueEmail = (role: string) => `${role}-${Date.now()}@example.com`;

/** Creates a user from the Settings page and returns the one-time password the dialog shows. */
async function addUser(page: Page, email: string, role: "OPERATOR" | "VIEWER"): Promise<string> {
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Role").selectOption(role);
  await dialog.getByRole("button", { name: "Create user" }).click();
  const created = page.getByRole("dialog", { name: "User created" });
  await expect(created.getByText("Store this one-time password now: it is not shown again.")).toBeVisible();
  const password = (await created.getByRole("status", { name: "One-time password" }).textContent()) ?? "";
  expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
  await created.getByRole("button", { name: "I have stored it" }).click();
  await expect(created).toBeHidden();
  await expect(page.getByText(password)).toHaveCount(0);
  return password;
}

/** Signs in on the login page the browser is on and waits for the overview. */
async function signInOnLoginPage(page: Page, email: string, password: string): Promise<void> {
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
}

test("an admin generates G2A credentials and sees the secret once", async ({ page }) => {
  await signInAsAdmin(page, "/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Generate credentials" }).click();
  const form = page.getByRole("dialog", { name: "Generate G2A credentials" });
  await form.getByLabel("Label (optional)").fill("e2e pair");
  await form.getByRole("button", { name: "Generate" }).click();

  const shown = page.getByRole("dialog", { name: "New G2A credentials" });
  await expect(shown.getByText("Store the client secret now: it is not shown again.")).toBeVisible();
  const clientId = (await shown.getByRole("status", { name: "Client id" }).textContent()) ?? "";
  const secret = (await shown.getByRole("status", { name: "Client secret" }).textContent()) ?? "";
  expect(clientId).toMatch(/^[0-9a-f]{32}$/);
  expect(secret).toMatch(/^[A-Za-z0-9_-]{48}$/);

  // The pair works where G2A uses it.
  const token = await page.request.get(
    `/api/g2a/oauth/token?${new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret })}`,
  );
  expect(token.status()).toBe(200);

  await shown.getByRole("button", { name: "I have stored it" }).click();
  await expect(shown).toBeHidden();
  await expect(page.getByText(secret)).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: clientId });
  await expect(row).toContainText("e2e pair");
  await expect(row).toContainText("Active");

  // Opening the dialog again starts a new pair: the secret is gone for good.
  await page.getByRole("button", { name: "Generate credentials" }).click();
  await expect(
    page.getByRole("dialog", { name: "Generate G2A credentials" }).getByLabel("Label (optional)"),
  ).toHaveValue("");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(page.getByRole("button", { name: "Generate credentials" })).toBeFocused();
  await expect(page.getByText(secret)).toHaveCount(0);
});

test("an admin pauses selling after confirming, then resumes it", async ({ page }) => {
  await signInAsAdmin(page, "/settings");
  const toggle = page.getByRole("switch", { name: "Pause selling" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");

  await toggle.click();
  const pause = page.getByRole("dialog", { name: "Pause selling?" });
  await pause.getByRole("button", { name: "Cancel" }).click();
  await expect(pause).toBeHidden();
  await expect(toggle).toHaveAttribute("aria-checked", "false");

  await toggle.click();
  await pause.getByLabel("Reason (optional)").fill("Prices being checked");
  await pause.getByRole("button", { name: "Pause selling" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Selling paused" })).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText(`Paused by ${ADMIN.email} at`)).toBeVisible();
  await expect(page.getByText("Prices being checked")).toBeVisible();

  await toggle.click();
  await page.getByRole("dialog", { name: "Resume selling?" }).getByRole("button", { name: "Resume selling" }).click();
  await expect(page.getByText("Selling is on: G2A can reserve and buy.")).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(page.getByText(`Resumed by ${ADMIN.email} at`)).toBeVisible();
});

test("an admin creates an operator, who signs in without Settings and reads the audit log", async ({ page }) => {
  await signInAsAdmin(page, "/settings");
  const email = uniqueEmail("operator");

  await page.getByRole("button", { name: "Add user" }).click();
  const form = page.getByRole("dialog", { name: "Add user" });
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("Enter the user's e-mail address")).toBeVisible();
  await expect(form.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
  await form.getByRole("button", { name: "Cancel" }).click();

  const password = await addUser(page, email, "OPERATOR");
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("OPERATOR");
  await expect(row).toContainText("Active");
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: ADMIN.email })
      .getByRole("button", { name: `Disable ${ADMIN.email}` }),
  ).toHaveCount(0);

  // An address already in use is refused on its field.
  await page.getByRole("button", { name: "Add user" }).click();
  await form.getByLabel("E-mail").fill(email.toUpperCase());
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("This e-mail already has an account")).toBeVisible();
  await page.keyboard.press("Escape");
  await saveScreenshot(page, "settings");

  await page.getByRole("button", { name: "Sign out" }).click();
  await signInOnLoginPage(page, email, password);
  const nav = page.getByRole("navigation", { name: "Dashboard" });
  await expect(nav.getByRole("link", { name: "Orders" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(
    page.getByRole("row").filter({ hasText: "user.create" }).filter({ hasText: email }).first(),
  ).toContainText(ADMIN.email);

  await page.goto("/settings");
  await expect(page.getByText("Only an admin can change settings.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Generate credentials" })).toHaveCount(0);
  await expect(page.getByRole("switch", { name: "Pause selling" })).toHaveCount(0);
});

test("an admin disables a viewer, whose open session is refused at once", async ({ page, browser }) => {
  await signInAsAdmin(page, "/settings");
  const email = uniqueEmail("viewer");
  const password = await addUser(page, email, "VIEWER");

  const viewer = await browser.newPage();
  await viewer.goto("/login");
  await signInOnLoginPage(viewer, email, password);
  await viewer.goto("/settings");
  await expect(viewer.getByText("Only an admin can change settings.")).toBeVisible();
  await expect(viewer.getByText(/Selling is (on|paused)/)).toBeVisible();

  const row = page.getByRole("row").filter({ hasText: email });
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await page.getByRole("dialog", { name: "Disable user" }).getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");

  // The session ended: the next page the viewer opens is the sign-in page, and signing in is refused.
  await viewer.goto("/audit");
  await expect(viewer).toHaveURL(/\/login\?callbackUrl=%2Faudit$/);
  await expect(viewer.getByRole("button", { name: "Sign in" })).toBeVisible();
  await viewer.close();
});

test("Settings fit a phone-width screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAsAdmin(page, "/settings");
  await expect(
    page.getByRole("region", { name: "Users" }).getByRole("row").filter({ hasText: ADMIN.email }),
  ).toBeVisible();
  await expectNoHorizontalScroll(page);
  await page.getByRole("button", { name: "Generate credentials" }).click();
  await expect(page.getByRole("dialog", { name: "Generate G2A credentials" })).toBeVisible();
  await expectNoHorizontalScroll(page);
});
