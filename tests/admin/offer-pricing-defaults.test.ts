import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { getPricingDefaults, setPricingDefaults } from "@/lib/admin/offers";
import { pricingDefaultsSchema, type PricingDefaultsInput } from "@/lib/admin/settings-schema";
import type { Actor } from "@/lib/audit";
import { logger } from "@/lib/logger";
import { readPricingDefaults } from "@/lib/offers/defaults";
import { createTestDb, type TestDb } from "../support/test-db";

const ADMIN: Actor = { id: "admin-1", email: "admin@example.com", role: "ADMIN", ip: "10.0.0.7" };

const typed = (overrides: Partial<PricingDefaultsInput> = {}): PricingDefaultsInput => ({
  strategy: "TARGET_MARGIN",
  targetMarginEur: "0.50",
  targetMarginPercent: "",
  priceStepEur: "0.05",
  maxPriceEur: "",
  ...overrides,
});

function fieldErrors(input: unknown) {
  const parsed = pricingDefaultsSchema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be refused");
  return z.flattenError(parsed.error).fieldErrors;
}

describe("the offer pricing defaults form", () => {
  it("reads euros into cents and a percentage into basis points, an empty maximum as none", () => {
    expect(pricingDefaultsSchema.parse(typed())).toEqual({
      strategy: "TARGET_MARGIN",
      targetMarginCents: 50n,
      targetMarginBasisPoints: null,
      priceStepCents: 5n,
      maxPriceCents: null,
    });
    expect(
      pricingDefaultsSchema.parse(
        typed({ strategy: "FOLLOW_COMPETITION", targetMarginEur: "", targetMarginPercent: "12.5", maxPriceEur: "60" }),
      ),
    ).toEqual({
      strategy: "FOLLOW_COMPETITION",
      targetMarginCents: null,
      targetMarginBasisPoints: 1250,
      priceStepCents: 5n,
      maxPriceCents: 6000n,
    });
  });

  it("needs exactly one target margin, saying so under the field", () => {
    expect(fieldErrors(typed({ targetMarginEur: "" }))).toEqual({
      targetMarginEur: ["Enter the target margin, in EUR or in %"],
    });
    expect(fieldErrors(typed({ targetMarginPercent: "10" }))).toEqual({
      targetMarginPercent: ["enter the target margin in EUR or in %, not both"],
    });
  });

  it("keeps the price step from 0.01 to 100.00, and names every bad field at once", () => {
    for (const priceStepEur of ["", "0", "0.00"])
      expect(fieldErrors(typed({ priceStepEur }))).toEqual({
        priceStepEur: ["Enter the price step, from 0.01 to 100.00"],
      });
    expect(pricingDefaultsSchema.parse(typed({ priceStepEur: "100" })).priceStepCents).toBe(10_000n);
    expect(
      fieldErrors(
        typed({
          strategy: "CHEAPEST",
          priceStepEur: "100.01",
          maxPriceEur: "-5",
          targetMarginEur: "",
          targetMarginPercent: "",
        }),
      ),
    ).toEqual({
      strategy: ["Choose one of FIXED, TARGET_MARGIN, FOLLOW_COMPETITION"],
      priceStepEur: ["must be at most 100.00"],
      maxPriceEur: ["must not be negative"],
      targetMarginEur: ["Enter the target margin, in EUR or in %"],
    });
  });
});

describe("the offer pricing defaults in Settings", () => {
  let testDb: TestDb;
  beforeEach(() => {
    testDb = createTestDb();
  });
  afterEach(() => testDb.close());

  it("shows the built-in defaults until an admin saves others, then who saved them and when, audited", async () => {
    const deps = { db: testDb.db, log: logger };
    expect(await getPricingDefaults(deps)).toEqual({
      strategy: "TARGET_MARGIN",
      targetMargin: "0.50",
      targetMarginPercent: null,
      priceStep: "0.05",
      maxPrice: null,
      updatedBy: null,
      updatedAt: null,
    });

    const saved = await setPricingDefaults(
      deps,
      ADMIN,
      pricingDefaultsSchema.parse(
        typed({
          strategy: "FOLLOW_COMPETITION",
          targetMarginEur: "",
          targetMarginPercent: "7.5",
          maxPriceEur: "49.99",
        }),
      ),
    );
    expect(saved).toEqual({
      strategy: "FOLLOW_COMPETITION",
      targetMargin: null,
      targetMarginPercent: "7.50",
      priceStep: "0.05",
      maxPrice: "49.99",
      updatedBy: ADMIN.email,
      updatedAt: expect.any(String),
    });
    expect(await readPricingDefaults(testDb.db)).toMatchObject({ targetMarginBasisPoints: 750, maxPriceCents: 4999n });
    const audit = await testDb.db.auditLog.findFirstOrThrow({ where: { action: "offer.pricing_defaults" } });
    expect(audit).toMatchObject({ actorEmail: ADMIN.email, ip: ADMIN.ip });
    expect(JSON.parse(audit.details!)).toMatchObject({
      from: { strategy: "TARGET_MARGIN", targetMarginCents: "50" },
      to: { strategy: "FOLLOW_COMPETITION", targetMarginBasisPoints: 750, maxPriceCents: "4999" },
    });
  });
});
