import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  MAX_IMPORT_ROWS,
  mappingInputSchema,
  mappingUpdateSchema,
  type MappingInput,
} from "@/lib/admin/mapping-schema";
import {
  createMapping,
  deleteMapping,
  listMappings,
  mappingListQuerySchema,
  updateMapping,
} from "@/lib/admin/mappings";
import { CSV_COLUMNS, parseMappingsCsv, serialiseMappingsCsv } from "@/lib/admin/mappings-csv";
import { exportMappingsCsv, importMappings } from "@/lib/admin/mappings-import";
import type { Actor } from "@/lib/audit";
import type { Db } from "@/lib/db";
import { CWS_PRODUCTS } from "../support/cws-products";
import { createTestDb, type TestDb } from "../support/test-db";

let testDb: TestDb;
let db: Db;

const admin: Actor = { id: "admin-1", email: "admin@example.com", role: "ADMIN", ip: "10.0.0.7" };
const HEADER = CSV_COLUMNS.join(",");
/** The header of a file exported before mappings had pricing. */
const HEADER_BEFORE_PRICING =
  "g2a_product_id,cws_product_id,enabled,min_margin_eur,max_unit_cost_eur,allow_pre_order,g2a_offer_id,g2a_auction_id,note";
const NO_PRICING = {
  pricingStrategy: null,
  fixedPriceCents: null,
  targetMarginCents: null,
  targetMarginBasisPoints: null,
  maxPriceCents: null,
  maxDeclaredStock: null,
} as const;

beforeEach(() => {
  testDb = createTestDb();
  db = testDb.db;
});
afterEach(() => testDb.close());

function fieldErrors(input: unknown) {
  const parsed = mappingInputSchema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be refused");
  return z.flattenError(parsed.error).fieldErrors;
}

const input = (overrides: Partial<MappingInput> = {}) =>
  mappingInputSchema.parse({ g2aProductId: "10000068865001", cwsProductId: CWS_PRODUCTS.NEONDO, ...overrides });
function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

const query = (raw: Record<string, string> = {}) => mappingListQuerySchema.parse(raw);
const auditActions = async () => (await db.auditLog.findMany({ orderBy: { id: "asc" } })).map((entry) => entry.action);

describe("the mapping schema shared by the form, the API and the import", () => {
  it("reads euros as typed by a human into integer cents, empty as no value", () => {
    expect(input({ minMarginEur: "1.5", maxUnitCostEur: "20" })).toMatchObject({
      minMarginEur: 150n,
      maxUnitCostEur: 2000n,
    });
    expect(input({ minMarginEur: "0.07", maxUnitCostEur: " " })).toMatchObject({
      minMarginEur: 7n,
      maxUnitCostEur: null,
    });
    expect(input({ minMarginEur: "100000.00" }).minMarginEur).toBe(10_000_000n);
  });

  it("refuses negative, over-precise, comma-decimal and absurd amounts, saying why", () => {
    expect(
      fieldErrors({
        g2aProductId: "1",
        cwsProductId: CWS_PRODUCTS.SKYOUT,
        minMarginEur: "-1.00",
        maxUnitCostEur: "1.505",
      }),
    ).toEqual({
      minMarginEur: ["must not be negative"],
      maxUnitCostEur: ["use at most 2 decimals (whole cents)"],
    });
    expect(
      fieldErrors({
        g2aProductId: "1",
        cwsProductId: CWS_PRODUCTS.SKYOUT,
        minMarginEur: "1,50",
        maxUnitCostEur: "100000.01",
      }),
    ).toEqual({
      minMarginEur: ["use a dot for decimals, such as 1.50"],
      maxUnitCostEur: ["must be at most 100000.00"],
    });
    expect(
      fieldErrors({
        g2aProductId: "1",
        cwsProductId: CWS_PRODUCTS.SKYOUT,
        minMarginEur: "1e3",
        maxUnitCostEur: "99999999999999999999",
      }),
    ).toEqual({
      minMarginEur: ["must be an amount in euros such as 1.50"],
      maxUnitCostEur: ["must be at most 100000.00"],
    });
  });

  it("stores G2A ids the way lib/g2a reads G2A's requests, and CWS ids the way CWS writes them", () => {
    const parsed = input({
      g2aProductId: " 0010000068865001 ",
      cwsProductId: CWS_PRODUCTS.NEONDO.toUpperCase(),
      g2aAuctionId: "0042",
      g2aOfferId: "ACA21A59-5B76-4FB8-8329-F5157A53C824",
    });
    expect(parsed).toMatchObject({
      g2aProductId: "10000068865001",
      cwsProductId: CWS_PRODUCTS.NEONDO,
      g2aAuctionId: "42",
      g2aOfferId: "aca21a59-5b76-4fb8-8329-f5157a53c824",
    });
    expect(
      fieldErrors({
        g2aProductId: "12a",
        cwsProductId: "NEONDO",
        g2aAuctionId: "-3",
        g2aOfferId: "has space",
        note: "x".repeat(501),
      }),
    ).toEqual({
      g2aProductId: ["must be a G2A product id: digits only, such as 10000068865001"],
      cwsProductId: ["must be a CWS product id: a UUID such as 303e8869-e17e-465d-9956-52a35489a490"],
      g2aAuctionId: ["must be a G2A auction id: digits only"],
      g2aOfferId: ["use letters, digits and dashes only"],
      note: ["must be at most 500 characters"],
    });
    expect(fieldErrors({})).toMatchObject({
      g2aProductId: ["enter the G2A product id"],
      cwsProductId: ["enter the CWS product id (a UUID)"],
    });
  });

  it("defaults a new mapping to enabled, no pre-orders, no limits; an update changes only what it names", () => {
    expect(input()).toEqual({
      g2aProductId: "10000068865001",
      cwsProductId: CWS_PRODUCTS.NEONDO,
      enabled: true,
      minMarginEur: null,
      maxUnitCostEur: null,
      allowPreOrder: false,
      g2aOfferId: null,
      g2aAuctionId: null,
      note: null,
    });
    expect(mappingUpdateSchema.parse({ enabled: false })).toEqual({ enabled: false });
    expect(mappingUpdateSchema.parse({ minMarginEur: "", note: "" })).toEqual({ minMarginEur: null, note: null });
  });
});

describe("the pricing fields of a mapping", () => {
  it("reads a strategy in any case, euros into cents, a percentage into basis points and a stock cap", () => {
    expect(
      input({
        pricingStrategy: " follow_competition ",
        maxPriceEur: "39.9",
        targetMarginPercent: "12.5",
        maxDeclaredStock: "25",
      }),
    ).toMatchObject({
      pricingStrategy: "FOLLOW_COMPETITION",
      maxPriceEur: 3990n,
      targetMarginPercent: 1250,
      maxDeclaredStock: 25,
    });
    expect(input({ pricingStrategy: "FIXED", fixedPriceEur: "19.99", targetMarginEur: "0.50" })).toMatchObject({
      fixedPriceEur: 1999n,
      targetMarginEur: 50n,
    });
    expect(input({ targetMarginPercent: "1000", maxDeclaredStock: 9999 })).toMatchObject({
      targetMarginPercent: 100_000,
      maxDeclaredStock: 9999,
    });
  });

  it("takes an empty pricing field as unset, and leaves one that is not sent undefined", () => {
    expect(
      input({
        pricingStrategy: "",
        fixedPriceEur: "",
        targetMarginEur: " ",
        targetMarginPercent: null,
        maxPriceEur: "",
        maxDeclaredStock: "",
      }),
    ).toMatchObject({
      pricingStrategy: null,
      fixedPriceEur: null,
      targetMarginEur: null,
      targetMarginPercent: null,
      maxPriceEur: null,
      maxDeclaredStock: null,
    });
    const untouched = input();
    for (const field of [
      "pricingStrategy",
      "fixedPriceEur",
      "targetMarginEur",
      "targetMarginPercent",
      "maxPriceEur",
      "maxDeclaredStock",
    ] as const)
      expect(untouched[field]).toBeUndefined();
  });

  it("refuses bad pricing values under the field that holds them", () => {
    expect(
      fieldErrors({
        g2aProductId: "1",
        cwsProductId: CWS_PRODUCTS.SKYOUT,
        pricingStrategy: "CHEAPEST",
        fixedPriceEur: "-1",
        targetMarginEur: "0,50",
        maxPriceEur: "100000.01",
        maxDeclaredStock: "10000",
      }),
    ).toEqual({
      pricingStrategy: ["must be FIXED, TARGET_MARGIN, FOLLOW_COMPETITION, or empty for the default from Settings"],
      fixedPriceEur: ["must not be negative"],
      targetMarginEur: ["use a dot for decimals, such as 1.50"],
      maxPriceEur: ["must be at most 100000.00"],
      maxDeclaredStock: ["must be a whole number from 0 to 9999"],
    });
    expect(
      fieldErrors({
        g2aProductId: "1",
        cwsProductId: CWS_PRODUCTS.SKYOUT,
        targetMarginPercent: "1000.01",
        maxDeclaredStock: "2.5",
      }),
    ).toEqual({
      targetMarginPercent: ["must be at most 1000.00 %"],
      maxDeclaredStock: ["must be a whole number from 0 to 9999"],
    });
    expect(
      fieldErrors({ g2aProductId: "1", cwsProductId: CWS_PRODUCTS.SKYOUT, targetMarginPercent: "12.345" }),
    ).toEqual({ targetMarginPercent: ["use at most 2 decimals"] });
    expect(fieldErrors({ g2aProductId: "1", cwsProductId: CWS_PRODUCTS.SKYOUT, maxDeclaredStock: "-1" })).toEqual({
      maxDeclaredStock: ["must be a whole number from 0 to 9999"],
    });
  });

  it("needs a fixed price for FIXED, and a target margin in EUR or in %, not both, said with the other errors", () => {
    expect(
      fieldErrors({
        g2aProductId: "1",
        cwsProductId: "NEONDO",
        pricingStrategy: "FIXED",
        targetMarginEur: "0.50",
        targetMarginPercent: "10",
      }),
    ).toEqual({
      cwsProductId: ["must be a CWS product id: a UUID such as 303e8869-e17e-465d-9956-52a35489a490"],
      fixedPriceEur: ["enter the fixed price: the FIXED strategy needs one"],
      targetMarginPercent: ["enter the target margin in EUR or in %, not both"],
    });
    expect(input({ pricingStrategy: "FIXED", fixedPriceEur: "0" }).fixedPriceEur).toBe(0n);
  });
});

describe("mappings in the database", () => {
  it("creates a mapping, audited, and answers CONFLICT for a G2A product that is already mapped", async () => {
    const created = await createMapping(db, admin, input({ minMarginEur: "1.50" }));
    expect(created).toMatchObject({
      g2aProductId: "10000068865001",
      cwsProductId: CWS_PRODUCTS.NEONDO,
      enabled: true,
      minMarginCents: "150",
      maxUnitCostCents: null,
      cws: null,
    });

    const duplicate = createMapping(
      db,
      admin,
      input({ g2aProductId: "0010000068865001", cwsProductId: CWS_PRODUCTS.SKYOUT }),
    );
    await expect(duplicate).rejects.toMatchObject({
      code: "CONFLICT",
      status: 409,
      fieldErrors: { g2aProductId: ["is already mapped; edit that mapping instead"] },
    });
    expect(await db.productMapping.count()).toBe(1);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "mapping.create" } });
    expect(audit).toMatchObject({
      actorEmail: admin.email,
      targetType: "productMapping",
      targetId: created.id,
      ip: "10.0.0.7",
    });
    expect(await auditActions()).toEqual(["mapping.create"]);
  });

  it("updates only the fields sent, records what changed from and to, and writes nothing for a no-op", async () => {
    const { id } = await createMapping(db, admin, input({ note: "launch price" }));
    const updated = await updateMapping(
      db,
      admin,
      id,
      mappingUpdateSchema.parse({ enabled: false, maxUnitCostEur: "4.20" }),
    );
    expect(updated).toMatchObject({ enabled: false, maxUnitCostCents: "420", note: "launch price" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "mapping.update" } });
    expect(JSON.parse(audit.details!)).toEqual({
      g2aProductId: "10000068865001",
      changes: { enabled: { from: true, to: false }, maxUnitCostCents: { from: null, to: "420" } },
    });

    await updateMapping(db, admin, id, mappingUpdateSchema.parse({ enabled: false, maxUnitCostEur: "4.2" }));
    expect(await auditActions()).toEqual(["mapping.create", "mapping.update"]);
    await expect(updateMapping(db, admin, "no-such-id", { enabled: true })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("saves pricing, answers it, audits it from and to, and checks its rules on the mapping as it would become", async () => {
    const created = await createMapping(
      db,
      admin,
      input({ pricingStrategy: "TARGET_MARGIN", targetMarginPercent: "12.5", maxDeclaredStock: "40" }),
    );
    expect(created).toMatchObject({
      pricingStrategy: "TARGET_MARGIN",
      fixedPriceCents: null,
      targetMarginCents: null,
      targetMarginBasisPoints: 1250,
      maxPriceCents: null,
      maxDeclaredStock: 40,
    });

    const update = (changes: Partial<MappingInput>) =>
      updateMapping(db, admin, created.id, mappingUpdateSchema.parse(changes));
    await expect(update({ targetMarginEur: "0.50" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { targetMarginPercent: ["enter the target margin in EUR or in %, not both"] },
    });
    await expect(update({ pricingStrategy: "FIXED" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { fixedPriceEur: ["enter the fixed price: the FIXED strategy needs one"] },
    });

    const fixed = await update({ pricingStrategy: "FIXED", fixedPriceEur: "24.99", maxDeclaredStock: "" });
    expect(fixed).toMatchObject({ pricingStrategy: "FIXED", fixedPriceCents: "2499", maxDeclaredStock: null });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "mapping.update" } });
    expect(JSON.parse(audit.details!)).toEqual({
      g2aProductId: "10000068865001",
      changes: {
        pricingStrategy: { from: "TARGET_MARGIN", to: "FIXED" },
        fixedPriceCents: { from: null, to: "2499" },
        maxDeclaredStock: { from: 40, to: null },
      },
    });
    await expect(update({ fixedPriceEur: "" })).rejects.toMatchObject({
      fieldErrors: { fixedPriceEur: ["enter the fixed price: the FIXED strategy needs one"] },
    });
    expect(await update({ pricingStrategy: "", fixedPriceEur: "", targetMarginPercent: "" })).toMatchObject({
      pricingStrategy: null,
      fixedPriceCents: null,
      targetMarginBasisPoints: null,
    });
    expect(await auditActions()).toEqual(["mapping.create", "mapping.update", "mapping.update"]);
  });

  it("refuses to move a mapping onto a G2A product that has its own", async () => {
    await createMapping(db, admin, input({ g2aProductId: "111" }));
    const { id } = await createMapping(db, admin, input({ g2aProductId: "222" }));
    await expect(
      updateMapping(db, admin, id, mappingUpdateSchema.parse({ g2aProductId: "111" })),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db.productMapping.findUniqueOrThrow({ where: { id } })).g2aProductId).toBe("222");
  });

  it("deletes a mapping, audited; a second delete is NOT_FOUND", async () => {
    const { id } = await createMapping(db, admin, input());
    await deleteMapping(db, admin, id);
    expect(await db.productMapping.count()).toBe(0);
    await expect(deleteMapping(db, admin, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await auditActions()).toEqual(["mapping.create", "mapping.delete"]);
  });

  it("lists pages newest first, finds by exact G2A or CWS product id, filters by enabled, and shows the last CWS snapshot", async () => {
    const created = [
      await createMapping(db, admin, input({ g2aProductId: "101", cwsProductId: CWS_PRODUCTS.SKYOUT })),
      await createMapping(db, admin, input({ g2aProductId: "102", cwsProductId: CWS_PRODUCTS.NEONDO, enabled: false })),
      await createMapping(db, admin, input({ g2aProductId: "103", cwsProductId: CWS_PRODUCTS.NEONDO })),
    ];
    // One second apart, so "newest first" does not depend on the clock's resolution.
    for (const [index, { id }] of created.entries())
      await db.productMapping.update({
        where: { id },
        data: { createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)) },
      });
    await db.cwsProductSnapshot.create({
      data: {
        cwsProductId: CWS_PRODUCTS.NEONDO,
        name: "Neon Drift: Overclocked",
        platform: "Steam",
        quantity: 80,
        priceTiers: "[]",
        fetchedAt: new Date(),
      },
    });

    const first = await listMappings(db, query({ pageSize: "2" }));
    expect(first.total).toBe(3);
    expect(first.items.map((row) => row.g2aProductId)).toEqual(["103", "102"]);
    expect(first.items[0]?.cws).toMatchObject({
      name: "Neon Drift: Overclocked",
      platform: "Steam",
      quantity: 80,
      available: true,
    });
    expect((await listMappings(db, query({ pageSize: "2", page: "2" }))).items.map((row) => row.g2aProductId)).toEqual([
      "101",
    ]);

    expect((await listMappings(db, query({ q: "000102" }))).items.map((row) => row.g2aProductId)).toEqual(["102"]);
    expect(
      (await listMappings(db, query({ q: CWS_PRODUCTS.NEONDO.toUpperCase() }))).items.map((row) => row.g2aProductId),
    ).toEqual(["103", "102"]);
    expect(
      (await listMappings(db, query({ q: CWS_PRODUCTS.NEONDO, enabled: "true" }))).items.map((row) => row.g2aProductId),
    ).toEqual(["103"]);
    expect((await listMappings(db, query({ enabled: "false" }))).items.map((row) => row.g2aProductId)).toEqual(["102"]);
    expect((await listMappings(db, query({ q: "101" }))).items[0]?.cws).toBeNull();
    expect(mappingListQuerySchema.safeParse({ q: "Neon Drift" }).error?.issues[0]?.message).toBe(
      "enter a G2A product id (digits) or a CWS product id (UUID)",
    );
  });
});

describe("the mappings CSV", () => {
  it("round-trips every column, notes with commas, quotes, line breaks, accents and formula-like text", async () => {
    const notes = [
      'bundle, "deluxe"\nsecond line',
      '=HYPERLINK("http://evil.example")',
      "'=already quoted",
      "+1 bonus",
      "-5% promo",
      "@admin",
      "Pokémon ✓",
      null,
    ];
    const pricing: Array<Partial<MappingInput>> = [
      { pricingStrategy: "FIXED", fixedPriceEur: "19.99", maxDeclaredStock: "25" },
      { pricingStrategy: "TARGET_MARGIN", targetMarginPercent: "12.5" },
      { pricingStrategy: "TARGET_MARGIN", targetMarginEur: "0.75" },
      { pricingStrategy: "FOLLOW_COMPETITION", maxPriceEur: "39.90", targetMarginEur: "1" },
      { maxDeclaredStock: "0", fixedPriceEur: "5" },
    ];
    for (const [index, note] of notes.entries()) {
      await createMapping(
        db,
        admin,
        input({
          g2aProductId: String(500 + index),
          ...pricing[index],
          note,
          minMarginEur: index % 2 ? "0.5" : null,
          allowPreOrder: index === 0,
          enabled: index !== 1,
          g2aOfferId: index === 2 ? "aca21a59-5b76-4fb8-8329-f5157a53c824" : null,
          g2aAuctionId: index === 3 ? "12345" : null,
        }),
      );
    }
    const csv = await exportMappingsCsv(db);
    const parsed = parseMappingsCsv(csv);
    expect(parsed.errors).toEqual([]);
    const stored = await db.productMapping.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(parsed.rows.map((row) => row.data)).toEqual(
      stored.map((mapping) => ({
        g2aProductId: mapping.g2aProductId,
        cwsProductId: mapping.cwsProductId,
        enabled: mapping.enabled,
        minMarginEur: mapping.minMarginCents,
        maxUnitCostEur: mapping.maxUnitCostCents,
        allowPreOrder: mapping.allowPreOrder,
        pricingStrategy: mapping.pricingStrategy,
        fixedPriceEur: mapping.fixedPriceCents,
        targetMarginEur: mapping.targetMarginCents,
        targetMarginPercent: mapping.targetMarginBasisPoints,
        maxPriceEur: mapping.maxPriceCents,
        maxDeclaredStock: mapping.maxDeclaredStock,
        g2aOfferId: mapping.g2aOfferId,
        g2aAuctionId: mapping.g2aAuctionId,
        note: mapping.note,
      })),
    );
    expect(
      stored
        .slice(0, 5)
        .map((mapping) => [
          mapping.pricingStrategy,
          mapping.fixedPriceCents,
          mapping.targetMarginCents,
          mapping.targetMarginBasisPoints,
          mapping.maxPriceCents,
          mapping.maxDeclaredStock,
        ]),
    ).toEqual([
      ["FIXED", 1999n, null, null, null, 25],
      ["TARGET_MARGIN", null, null, 1250, null, null],
      ["TARGET_MARGIN", null, 75n, null, null, null],
      ["FOLLOW_COMPETITION", null, 100n, null, 3990n, null],
      [null, 500n, null, null, null, 0],
    ]);
    expect(await importMappings(db, admin, csv, { dryRun: false })).toEqual({
      valid: true,
      created: 0,
      updated: 0,
      unchanged: notes.length,
    });
  });

  it("starts with the header row and keeps spreadsheets from running a cell as a formula", () => {
    const csv = serialiseMappingsCsv([
      {
        g2aProductId: "7",
        cwsProductId: CWS_PRODUCTS.SKYOUT,
        enabled: true,
        minMarginCents: 150n,
        maxUnitCostCents: null,
        allowPreOrder: false,
        ...NO_PRICING,
        g2aOfferId: null,
        g2aAuctionId: null,
        note: "=1+2",
      },
      {
        g2aProductId: "8",
        cwsProductId: CWS_PRODUCTS.SKYOUT,
        enabled: false,
        minMarginCents: null,
        maxUnitCostCents: 99n,
        allowPreOrder: true,
        pricingStrategy: "FOLLOW_COMPETITION",
        fixedPriceCents: null,
        targetMarginCents: null,
        targetMarginBasisPoints: 1250,
        maxPriceCents: 2999n,
        maxDeclaredStock: 0,
        g2aOfferId: null,
        g2aAuctionId: null,
        note: "@SUM(A1)\tx",
      },
    ]);
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "g2a_product_id,cws_product_id,enabled,min_margin_eur,max_unit_cost_eur,allow_pre_order," +
        "pricing_strategy,fixed_price_eur,target_margin_eur,target_margin_percent,max_price_eur,max_declared_stock," +
        "g2a_offer_id,g2a_auction_id,note",
    );
    expect(lines[1]).toBe(`7,${CWS_PRODUCTS.SKYOUT},true,1.50,,false,,,,,,,,,'=1+2`);
    expect(lines[2]).toBe(
      `8,${CWS_PRODUCTS.SKYOUT},false,,0.99,true,FOLLOW_COMPETITION,,,12.50,29.99,0,,,'@SUM(A1)\tx`,
    );
    for (const line of lines.slice(1)) for (const cell of line.split(",")) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("reports every bad row by its line in the file (header = line 1) and column, duplicates included", () => {
    const csv = [
      HEADER,
      `101,${CWS_PRODUCTS.SKYOUT},true,1.50,,false,,,,,,,,,"a note`,
      `spanning two lines"`,
      `102,not-a-uuid,maybe,-1,2.345,false,,,,,,,,,`,
      ``,
      `0101,${CWS_PRODUCTS.NEONDO},,,,,,,,,,,,,`,
      `103,${CWS_PRODUCTS.NEONDO},yes,,,no,,,,,,,,,`,
      `104,${CWS_PRODUCTS.NEONDO},true`,
    ].join("\r\n");
    const parsed = parseMappingsCsv(csv);
    expect(parsed.errors).toEqual([
      {
        line: 4,
        g2aProductId: "102",
        errors: {
          cws_product_id: ["must be a CWS product id: a UUID such as 303e8869-e17e-465d-9956-52a35489a490"],
          enabled: ["must be true or false"],
          min_margin_eur: ["must not be negative"],
          max_unit_cost_eur: ["use at most 2 decimals (whole cents)"],
        },
      },
      {
        line: 6,
        g2aProductId: "101",
        errors: { g2a_product_id: ["repeats line 2: a G2A product can be mapped only once"] },
      },
      { line: 8, g2aProductId: "104", errors: { row: ["has 3 cells; the header has 15 columns"] } },
    ]);
    expect(
      parsed.rows.map((row) => [row.line, row.data.g2aProductId, row.data.enabled, row.data.allowPreOrder]),
    ).toEqual([
      [2, "101", true, false],
      [7, "103", true, false],
    ]);
  });

  it("reports a bad pricing cell under its column", () => {
    const csv = [
      HEADER,
      `201,${CWS_PRODUCTS.SKYOUT},true,,,false,cheapest,-1,1.234,1000.01,abc,10000,,,`,
      `202,${CWS_PRODUCTS.SKYOUT},true,,,false,FIXED,,0.50,12.5,,,,,`,
      `203,${CWS_PRODUCTS.SKYOUT},true,,,false,fixed,9.99,,,,0,,,`,
    ].join("\n");
    const parsed = parseMappingsCsv(csv);
    expect(parsed.errors).toEqual([
      {
        line: 2,
        g2aProductId: "201",
        errors: {
          pricing_strategy: [
            "must be FIXED, TARGET_MARGIN, FOLLOW_COMPETITION, or empty for the default from Settings",
          ],
          fixed_price_eur: ["must not be negative"],
          target_margin_eur: ["use at most 2 decimals (whole cents)"],
          target_margin_percent: ["must be at most 1000.00 %"],
          max_price_eur: ["must be an amount in euros such as 1.50"],
          max_declared_stock: ["must be a whole number from 0 to 9999"],
        },
      },
      {
        line: 3,
        g2aProductId: "202",
        errors: {
          fixed_price_eur: ["enter the fixed price: the FIXED strategy needs one"],
          target_margin_percent: ["enter the target margin in EUR or in %, not both"],
        },
      },
    ]);
    expect(parsed.rows.map((row) => row.data)).toEqual([
      expect.objectContaining({ pricingStrategy: "FIXED", fixedPriceEur: 999n, maxDeclaredStock: 0 }),
    ]);
  });

  it("names unknown, missing and repeated header columns; other columns may be left out", () => {
    expect(parseMappingsCsv("g2a_product_id,cws_product,enabled,enabled\n1,x,true,true\n").errors).toEqual([
      {
        line: 1,
        errors: {
          header: [
            `unknown column "cws_product"; the columns are ${CSV_COLUMNS.join(", ")}`,
            'column "enabled" appears twice',
            'missing column "cws_product_id"',
          ],
        },
      },
    ]);
    const minimal = parseMappingsCsv(`\uFEFFCWS_Product_Id , G2A_Product_Id\n${CWS_PRODUCTS.MISTVH},77\n`);
    expect(minimal).toEqual({
      errors: [],
      rows: [
        {
          line: 2,
          data: expect.objectContaining({
            g2aProductId: "77",
            cwsProductId: CWS_PRODUCTS.MISTVH,
            enabled: true,
            note: null,
          }),
        },
      ],
    });
  });

  it("says where a quoted cell is never closed", () => {
    const parsed = parseMappingsCsv(
      `${HEADER}\n1,${CWS_PRODUCTS.SKYOUT},true,,,false,,,,,,,,,ok\n2,${CWS_PRODUCTS.SKYOUT},true,,,false,,,,,,,,,"unclosed\n3,x\n`,
    );
    expect(parsed.errors).toEqual([
      { line: 3, g2aProductId: "2", errors: { row: ["a quoted cell is never closed: check the double quotes"] } },
    ]);
  });

  it("refuses an empty file and one over the row limit as a whole", () => {
    expect(thrownBy(() => parseMappingsCsv(" \n\n"))).toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { csv: [expect.stringMatching(/^The file is empty/)] },
    });
    const tooMany = [
      HEADER,
      ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, index) => `${index + 1},${CWS_PRODUCTS.SKYOUT}`),
    ].join("\n");
    expect(thrownBy(() => parseMappingsCsv(tooMany))).toMatchObject({
      code: "VALIDATION_FAILED",
      message: `The file has more than ${MAX_IMPORT_ROWS} rows; split it into smaller files`,
    });
  });
});

describe("importing mappings", () => {
  it("writes nothing when any row is invalid, and says which", async () => {
    await createMapping(db, admin, input({ g2aProductId: "1", note: "keep me" }));
    const csv = `${HEADER}\n1,${CWS_PRODUCTS.SKYOUT},true,,,false,,,,,,,,,changed\n2,${CWS_PRODUCTS.SKYOUT},true,abc,,false,,,,,,,,,\n`;
    expect(await importMappings(db, admin, csv, { dryRun: false })).toEqual({
      valid: false,
      rows: [{ line: 3, g2aProductId: "2", errors: { min_margin_eur: ["must be an amount in euros such as 1.50"] } }],
    });
    expect(await db.productMapping.findMany({ select: { g2aProductId: true, note: true } })).toEqual([
      { g2aProductId: "1", note: "keep me" },
    ]);
    expect(await auditActions()).toEqual(["mapping.create"]);
  });

  it("upserts by G2A product id in one go, audited once with the counts; a dry run only counts", async () => {
    await createMapping(db, admin, input({ g2aProductId: "1", cwsProductId: CWS_PRODUCTS.SKYOUT }));
    await createMapping(db, admin, input({ g2aProductId: "2", cwsProductId: CWS_PRODUCTS.SKYOUT }));
    const csv = `${HEADER}\n1,${CWS_PRODUCTS.NEONDO},false,0.25,,true,,,,,,,,,moved\n2,${CWS_PRODUCTS.SKYOUT},true,,,false,,,,,,,,,\n3,${CWS_PRODUCTS.MISTVH},true,,30,false,,,,,,,,,new\n`;

    expect(await importMappings(db, admin, csv, { dryRun: true })).toEqual({
      valid: true,
      created: 1,
      updated: 1,
      unchanged: 1,
    });
    expect(await db.productMapping.count()).toBe(2);
    expect(await auditActions()).toEqual(["mapping.create", "mapping.create"]);

    expect(await importMappings(db, admin, csv, { dryRun: false })).toEqual({
      valid: true,
      created: 1,
      updated: 1,
      unchanged: 1,
    });
    expect(await db.productMapping.findUniqueOrThrow({ where: { g2aProductId: "1" } })).toMatchObject({
      cwsProductId: CWS_PRODUCTS.NEONDO,
      enabled: false,
      minMarginCents: 25n,
      allowPreOrder: true,
      note: "moved",
    });
    expect(await db.productMapping.findUniqueOrThrow({ where: { g2aProductId: "3" } })).toMatchObject({
      cwsProductId: CWS_PRODUCTS.MISTVH,
      maxUnitCostCents: 3000n,
      note: "new",
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "mapping.import" } });
    expect(JSON.parse(audit.details!)).toEqual({ created: 1, updated: 1, unchanged: 1, rows: 3 });
  });

  it("leaves pricing alone when the file has no pricing columns (a file from before they existed)", async () => {
    await createMapping(
      db,
      admin,
      input({ g2aProductId: "1", pricingStrategy: "FIXED", fixedPriceEur: "9.99", maxDeclaredStock: "5" }),
    );
    const csv = `${HEADER_BEFORE_PRICING}\n1,${CWS_PRODUCTS.NEONDO},true,,,false,,,renamed\n2,${CWS_PRODUCTS.SKYOUT},true,,,false,,,new\n`;
    expect(await importMappings(db, admin, csv, { dryRun: false })).toEqual({
      valid: true,
      created: 1,
      updated: 1,
      unchanged: 0,
    });
    expect(await db.productMapping.findUniqueOrThrow({ where: { g2aProductId: "1" } })).toMatchObject({
      note: "renamed",
      pricingStrategy: "FIXED",
      fixedPriceCents: 999n,
      maxDeclaredStock: 5,
    });
    expect(await db.productMapping.findUniqueOrThrow({ where: { g2aProductId: "2" } })).toMatchObject(NO_PRICING);
    expect(await importMappings(db, admin, csv, { dryRun: true })).toMatchObject({ updated: 0, unchanged: 2 });
  });

  it("states the whole pricing when the file has any pricing column: the columns left out clear", async () => {
    await createMapping(
      db,
      admin,
      input({ g2aProductId: "1", pricingStrategy: "FIXED", fixedPriceEur: "9.99", maxDeclaredStock: "5" }),
    );
    const csv = `g2a_product_id,cws_product_id,target_margin_percent\n1,${CWS_PRODUCTS.NEONDO},7.5\n`;
    expect(await importMappings(db, admin, csv, { dryRun: false })).toMatchObject({ valid: true, updated: 1 });
    expect(await db.productMapping.findUniqueOrThrow({ where: { g2aProductId: "1" } })).toMatchObject({
      ...NO_PRICING,
      targetMarginBasisPoints: 750,
    });
  });

  it(`imports a file of ${MAX_IMPORT_ROWS} rows in one transaction`, { timeout: 60_000 }, async () => {
    const rows = Array.from(
      { length: MAX_IMPORT_ROWS },
      (_, index) => `${index + 1},${CWS_PRODUCTS.SKYOUT},true,0.10,,false,,,,,,,,,row ${index + 1}`,
    );
    const csv = [HEADER, ...rows].join("\n");
    expect(await importMappings(db, admin, csv, { dryRun: false })).toEqual({
      valid: true,
      created: MAX_IMPORT_ROWS,
      updated: 0,
      unchanged: 0,
    });
    const changed = csv.replaceAll(",0.10,", ",0.20,");
    expect(await importMappings(db, admin, changed, { dryRun: false })).toEqual({
      valid: true,
      created: 0,
      updated: MAX_IMPORT_ROWS,
      unchanged: 0,
    });
    expect(await db.productMapping.count({ where: { minMarginCents: 20n } })).toBe(MAX_IMPORT_ROWS);
  });
});
