import { expect, test, type Page } from "@playwright/test";
import { expectNoHorizontalScroll, signInAsAdmin } from "./support/admin";
import { saveScreenshot } from "./support/screenshots";

/** Products of the local CWS sandbox's default catalogue, which npm start serves. */
const SKYOUT = "d8c52d47-d362-4e4a-bf8c-085d6580ed44";
const MISTVH = "6145e255-dffc-49ef-b022-76979cacb27c";
/** The demo mapping npm start seeds for SKYOUT. */
const DEMO_SKYOUT_G2A_ID = "10000000000021";

const HEADER =
  "g2a_product_id,cws_product_id,enabled,min_margin_eur,max_unit_cost_eur,allow_pre_order,g2a_offer_id,g2a_auction_id,note";

async function search(page: Page, q: string) {
  await page.getByRole("searchbox").fill(q);
  await page.getByRole("button", { name: "Search" }).click();
}

test("an admin maps a G2A product with the live CWS lookup, edits it, disables it and deletes it", async ({ page }) => {
  const g2aProductId = "77700000000001";
  await signInAsAdmin(page, "/mappings");
  await expect(page.getByRole("heading", { name: "Product mappings", level: 1 })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: DEMO_SKYOUT_G2A_ID })).toBeVisible();
  await saveScreenshot(page, "mappings");

  await page.getByRole("button", { name: "New mapping" }).click();
  const dialog = page.getByRole("dialog", { name: "New mapping" });
  await dialog.getByLabel("G2A product id").fill(g2aProductId);
  await dialog.getByLabel("CWS product id").fill(SKYOUT);
  const lookup = dialog.getByRole("region", { name: "CWS product" });
  await expect(lookup).toContainText("Skyforge Outlaws");
  await expect(lookup).toContainText("SKYOUT · Steam");
  await expect(lookup).toContainText(/In stock: \d+/);
  await expect(lookup.getByRole("row").filter({ hasText: "1–9 units" })).toContainText("€12.49");
  await expect(lookup.getByRole("row").filter({ hasText: "50+ units" })).toContainText("€11.79");

  // Checked before it is sent, with the API's own rules and words.
  await dialog.getByLabel("Minimum margin (EUR)").fill("1.505");
  await dialog.getByRole("button", { name: "Create mapping" }).click();
  await expect(dialog.getByText("use at most 2 decimals (whole cents)")).toBeVisible();
  await expect(dialog.getByLabel("Minimum margin (EUR)")).toHaveAttribute("aria-invalid", "true");
  await dialog.getByLabel("Minimum margin (EUR)").fill("1.50");
  await expect(dialog.getByText("use at most 2 decimals (whole cents)")).toBeHidden();
  await saveScreenshot(page, "mappings-form");
  await dialog.getByRole("button", { name: "Create mapping" }).click();
  await expect(page.getByRole("status").filter({ hasText: `G2A product ${g2aProductId} mapped` })).toBeVisible();
  await expect(dialog).toBeHidden();

  await search(page, g2aProductId);
  await expect(page.getByText("1–1 of 1 mapping")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: g2aProductId });
  await expect(row).toContainText("Skyforge Outlaws");
  await expect(row).toContainText("Steam");
  await expect(row).toContainText("€1.50");
  await expect(row).toContainText("No cap");

  await row.getByRole("button", { name: `Edit the mapping of G2A product ${g2aProductId}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit mapping of G2A product ${g2aProductId}` });
  await expect(edit.getByLabel("Minimum margin (EUR)")).toHaveValue("1.50");
  await edit.getByLabel("Maximum unit cost (EUR)").fill("13");
  await edit.getByLabel("Allow pre-orders").check();
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Mapping of G2A product ${g2aProductId} saved` }),
  ).toBeVisible();
  await expect(row).toContainText("€13.00");
  await expect(row).toContainText("Allowed");

  const enabled = row.getByRole("switch", { name: `Enabled: G2A product ${g2aProductId}` });
  await expect(enabled).toHaveAttribute("aria-checked", "true");
  await enabled.click();
  await expect(enabled).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("status").filter({ hasText: `G2A product ${g2aProductId} disabled` })).toBeVisible();

  await row.getByRole("button", { name: `Delete the mapping of G2A product ${g2aProductId}` }).click();
  const confirm = page.getByRole("dialog", { name: `Delete the mapping of G2A product ${g2aProductId}?` });
  await confirm.getByRole("button", { name: "Delete mapping" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Mapping of G2A product ${g2aProductId} deleted` }),
  ).toBeVisible();
  await expect(page.getByText("No mappings match")).toBeVisible();
});

test("the live lookup says so when CodesWholesale has no such product", async ({ page }) => {
  await signInAsAdmin(page, "/mappings");
  await page.getByRole("button", { name: "New mapping" }).click();
  const dialog = page.getByRole("dialog", { name: "New mapping" });
  await dialog.getByLabel("CWS product id").fill("00000000-0000-4000-8000-000000000000");
  await expect(dialog.getByRole("region", { name: "CWS product" })).toContainText(
    "Not found: CodesWholesale has no product with this id.",
  );
});

test("an import shows every line to fix, then imports a corrected file", async ({ page }) => {
  await signInAsAdmin(page, "/mappings");
  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog", { name: "Import mappings from CSV" });
  const file = (rows: string[]) => ({
    name: "mappings.csv",
    mimeType: "text/csv",
    buffer: Buffer.from([HEADER, ...rows].join("\n")),
  });

  await dialog
    .getByLabel("CSV file")
    .setInputFiles(
      file([`77700000000011,${MISTVH},true,0.50,,false,,,`, `77700000000012,${MISTVH},true,1.234,,false,,,`]),
    );
  await expect(dialog.getByText("mappings.csv: 1 line to fix; nothing was imported.")).toBeVisible();
  await expect(dialog.getByRole("row").filter({ hasText: "77700000000012" })).toContainText(
    "min_margin_eur: use at most 2 decimals (whole cents)",
  );
  await expect(dialog.getByRole("button", { name: "Import" })).toBeDisabled();
  await saveScreenshot(page, "mappings-import");

  await dialog
    .getByLabel("CSV file")
    .setInputFiles(
      file([`77700000000011,${MISTVH},true,0.50,,false,,,`, `77700000000012,${MISTVH},true,1.23,,false,,,`]),
    );
  await expect(
    dialog.getByText("mappings.csv is ready to import: 2 new mappings, 0 changed mappings, 0 unchanged."),
  ).toBeVisible();
  await dialog.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 created, 0 updated" })).toBeVisible();
  await search(page, "77700000000012");
  await expect(page.getByRole("row").filter({ hasText: "77700000000012" })).toContainText("€1.23");
});

test("the mappings page and its form fit a phone-width screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signInAsAdmin(page, "/mappings");
  await expect(page.getByRole("row").filter({ hasText: DEMO_SKYOUT_G2A_ID })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await saveScreenshot(page, "mappings-phone");
  await page.getByRole("button", { name: "New mapping" }).click();
  const dialog = page.getByRole("dialog", { name: "New mapping" });
  await dialog.getByLabel("CWS product id").fill(SKYOUT);
  await expect(dialog.getByRole("region", { name: "CWS product" })).toContainText("Skyforge Outlaws");
  await expectNoHorizontalScroll(page);
});
