import { expect, test, type Page } from "@playwright/test";
// From auth, not server (which re-exports it): server's catalogue uses import.meta, which this runner's loader cannot.
import { DEFAULT_G2A_SANDBOX_CLIENT } from "../tools/g2a-sandbox/auth";
import { ADMIN, signInAs, signInAsAdmin } from "./support/admin";

// The G2A seller API section: the credentials this app calls G2A's Import API with. npm start runs
// the local G2A sandbox and names it as the environment's connection, with the sandbox's own client.

const G2A_API = "/api/admin/settings/g2a-api";
const SANDBOX_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 2}`;
const SANDBOX = DEFAULT_G2A_SANDBOX_CLIENT;
const WRONG_SECRET = "not-the-sandbox-secret-0000";

const originOf = (page: Page) => ({ Origin: new URL(page.url()).origin });

// Whatever a test did, the environment's connection is in use again afterwards.
test.afterEach(async ({ page, baseURL }) => {
  const answer = await page.request.delete(G2A_API, { headers: { Origin: new URL(baseURL!).origin } });
  // 404: nothing saved; 401: the test never signed in, so it saved nothing either.
  expect([200, 401, 404]).toContain(answer.status());
});

test("an admin tests the sandbox connection, saves tested credentials, then removes them", async ({ page }) => {
  await signInAsAdmin(page, "/settings");
  const section = page.getByRole("region", { name: "G2A seller API" });
  await expect(section.getByText("Local G2A sandbox", { exact: true })).toBeVisible();
  await expect(section).toContainText(SANDBOX_URL);
  await expect(section).toContainText(SANDBOX.clientId);

  await section.getByRole("button", { name: "Test connection" }).click();
  await expect(section.getByRole("status")).toContainText(`Connected to ${SANDBOX_URL}: G2A issued a token`);

  // Typed credentials are checked in the browser, then tried before saving: a wrong secret is refused in words.
  await section.getByRole("button", { name: "Enter credentials" }).click();
  const dialog = page.getByRole("dialog", { name: "Enter G2A seller API credentials" });
  await expect(dialog.getByLabel("Base URL")).toHaveValue("https://api.g2a.com");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("Enter the client id")).toBeVisible();
  await expect(dialog.getByLabel("Client secret")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("Base URL").fill(SANDBOX_URL);
  await dialog.getByLabel("Client id").fill(SANDBOX.clientId);
  await dialog.getByLabel("Client secret").fill(WRONG_SECRET);
  await dialog.getByRole("button", { name: "Test", exact: true }).click();
  await expect(dialog.getByRole("alert")).toContainText("G2A refused the client id or secret");

  await dialog.getByLabel("Client secret").fill(SANDBOX.clientSecret);
  await dialog.getByRole("button", { name: "Test", exact: true }).click();
  await expect(dialog.getByRole("status")).toContainText(`Connected to ${SANDBOX_URL}`);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "G2A seller API credentials saved" })).toBeVisible();
  await expect(section.getByText("Saved in Settings", { exact: true })).toBeVisible();
  await expect(section).toContainText(`by ${ADMIN.email} at`);
  await expect(section).toContainText("The environment's local G2A sandbox");

  // The secret went in once and comes back nowhere: not in the page, not in the API, not in the form.
  for (const secret of [SANDBOX.clientSecret, WRONG_SECRET]) {
    expect(await page.content()).not.toContain(secret);
    expect(await (await page.request.get(G2A_API)).text()).not.toContain(secret);
  }
  await section.getByRole("button", { name: "Replace credentials" }).click();
  const replace = page.getByRole("dialog", { name: "Replace G2A seller API credentials" });
  await expect(replace.getByLabel("Client id")).toHaveValue(SANDBOX.clientId);
  await expect(replace.getByLabel("Client secret")).toHaveValue("");
  await replace.getByRole("button", { name: "Cancel" }).click();
  await expect(replace).toBeHidden();

  await section.getByRole("button", { name: "Test connection" }).click();
  const result = section.getByRole("status");
  await expect(result).toContainText(`Connected to ${SANDBOX_URL}`);
  await expect(result).toContainText("Tested the credentials saved in Settings");

  await section.getByRole("button", { name: "Remove saved credentials" }).click();
  const remove = page.getByRole("dialog", { name: "Remove saved credentials?" });
  await expect(remove).toContainText(`the local G2A sandbox (${SANDBOX_URL}) again`);
  await remove.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(remove).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "G2A seller API credentials removed" })).toBeVisible();
  await expect(section.getByText("Local G2A sandbox", { exact: true })).toBeVisible();
  await expect(section.getByText("Saved in Settings", { exact: true })).toHaveCount(0);
  await expect(section.getByRole("button", { name: "Remove saved credentials" })).toHaveCount(0);
  await expect(section.getByRole("button", { name: "Enter credentials" })).toBeVisible();
});

test("an operator sees no G2A seller API section, and the API refuses them", async ({ page, browser }) => {
  await signInAsAdmin(page, "/settings");
  const email = `g2a-api-operator-${Date.now()}@example.com`;
  const created = await page.request.post("/api/admin/users", {
    data: { email, role: "OPERATOR" },
    headers: originOf(page),
  });
  expect(created.status()).toBe(201);
  const { oneTimePassword } = (await created.json()) as { oneTimePassword: string };

  const context = await browser.newContext();
  const operator = await context.newPage();
  await signInAs(operator, { email, password: oneTimePassword }, "/settings");
  await expect(operator.getByText("Only an admin can change settings.")).toBeVisible();
  await expect(operator.getByText("the G2A seller API connection")).toBeVisible();
  await expect(operator.getByRole("region", { name: "G2A seller API" })).toHaveCount(0);
  await expect(operator.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  expect((await operator.request.get(G2A_API)).status()).toBe(403);
  expect((await operator.request.post(`${G2A_API}/test`, { data: {}, headers: originOf(operator) })).status()).toBe(
    403,
  );
  await context.close();
});
