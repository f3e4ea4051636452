import { z } from "zod";
import { pageQuerySchema, pageWindow } from "@/lib/admin/paging";
import { recordAudit, type Actor } from "@/lib/audit";
import { logger } from "@/lib/logger";
import { requestOfferRetire, requestOfferSync } from "@/lib/offers/requests";
import type { Db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ProductMapping } from "@/lib/generated/prisma/client";
import {
  mappingSearchSchema,
  pricingRuleErrors,
  type MappingData,
  type MappingPage,
  type MappingRow,
  type MappingUpdate,
} from "./mapping-schema";
import { withoutBigInt } from "@/lib/json";
import { changeMapping, insertMapping, removeMapping } from "@/lib/mappings/store";

/** Query of the mappings list: server-side pages, exact search, enabled or disabled only. */
export const mappingListQuerySchema = z
  .object({
    q: mappingSearchSchema.optional(),
    enabled: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
  })
  .extend(pageQuerySchema.shape);
export type MappingListQuery = z.infer<typeof mappingListQuerySchema>;

type SnapshotRow = {
  cwsProductId: string;
  name: string | null;
  platform: string | null;
  quantity: number;
  available: boolean;
  fetchedAt: Date;
};

/** The columns a mapping is made of: one object for create, update, import and comparisons. */
export type MappingColumns = Pick<
  ProductMapping,
  | "g2aProductId"
  | "cwsProductId"
  | "enabled"
  | "minMarginCents"
  | "maxUnitCostCents"
  | "allowPreOrder"
  | "pricingStrategy"
  | "fixedPriceCents"
  | "targetMarginCents"
  | "targetMarginBasisPoints"
  | "maxPriceCents"
  | "maxDeclaredStock"
  | "g2aOfferId"
  | "g2aAuctionId"
  | "note"
>;

/**
 * A whole mapping's columns. Pricing the data leaves out (an import file without the pricing
 * columns) keeps what `before` holds, and is unset on a new mapping.
 */
export function mappingColumns(data: MappingData, before?: MappingColumns): MappingColumns {
  const {
    minMarginEur,
    maxUnitCostEur,
    pricingStrategy,
    fixedPriceEur,
    targetMarginEur,
    targetMarginPercent,
    maxPriceEur,
    maxDeclaredStock,
    ...rest
  } = data;
  const given = <T>(value: T | null | undefined, stored: T | null | undefined): T | null =>
    value === undefined ? (stored ?? null) : value;
  return {
    ...rest,
    minMarginCents: minMarginEur,
    maxUnitCostCents: maxUnitCostEur,
    pricingStrategy: given(pricingStrategy, before?.pricingStrategy),
    fixedPriceCents: given(fixedPriceEur, before?.fixedPriceCents),
    targetMarginCents: given(targetMarginEur, before?.targetMarginCents),
    targetMarginBasisPoints: given(targetMarginPercent, before?.targetMarginBasisPoints),
    maxPriceCents: given(maxPriceEur, before?.maxPriceCents),
    maxDeclaredStock: given(maxDeclaredStock, before?.maxDeclaredStock),
  };
}

function updateColumns(update: MappingUpdate): Partial<MappingColumns> {
  const { minMarginEur, maxUnitCostEur, fixedPriceEur, targetMarginEur, targetMarginPercent, maxPriceEur, ...rest } =
    update;
  return {
    ...rest,
    ...(minMarginEur !== undefined ? { minMarginCents: minMarginEur } : {}),
    ...(maxUnitCostEur !== undefined ? { maxUnitCostCents: maxUnitCostEur } : {}),
    ...(fixedPriceEur !== undefined ? { fixedPriceCents: fixedPriceEur } : {}),
    ...(targetMarginEur !== undefined ? { targetMarginCents: targetMarginEur } : {}),
    ...(targetMarginPercent !== undefined ? { targetMarginBasisPoints: targetMarginPercent } : {}),
    ...(maxPriceEur !== undefined ? { maxPriceCents: maxPriceEur } : {}),
  };
}

const COLUMN_NAMES = [
  "g2aProductId",
  "cwsProductId",
  "enabled",
  "minMarginCents",
  "maxUnitCostCents",
  "allowPreOrder",
  "pricingStrategy",
  "fixedPriceCents",
  "targetMarginCents",
  "targetMarginBasisPoints",
  "maxPriceCents",
  "maxDeclaredStock",
  "g2aOfferId",
  "g2aAuctionId",
  "note",
] as const;

/** Columns whose values differ, as `{column: {from, to}}` with money as cent strings: the audit's record of a change. */
export function changedColumns(
  before: MappingColumns,
  after: MappingColumns,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const column of COLUMN_NAMES) {
    if (before[column] !== after[column])
      changes[column] = { from: withoutBigInt(before[column]), to: withoutBigInt(after[column]) };
  }
  return changes;
}

const cents = (value: bigint | null) => (value === null ? null : value.toString());

export function mappingRow(mapping: ProductMapping, snapshot: SnapshotRow | undefined): MappingRow {
  return {
    id: mapping.id,
    g2aProductId: mapping.g2aProductId,
    cwsProductId: mapping.cwsProductId,
    enabled: mapping.enabled,
    minMarginCents: cents(mapping.minMarginCents),
    maxUnitCostCents: cents(mapping.maxUnitCostCents),
    allowPreOrder: mapping.allowPreOrder,
    pricingStrategy: mapping.pricingStrategy,
    fixedPriceCents: cents(mapping.fixedPriceCents),
    targetMarginCents: cents(mapping.targetMarginCents),
    targetMarginBasisPoints: mapping.targetMarginBasisPoints,
    maxPriceCents: cents(mapping.maxPriceCents),
    maxDeclaredStock: mapping.maxDeclaredStock,
    g2aOfferId: mapping.g2aOfferId,
    g2aAuctionId: mapping.g2aAuctionId,
    note: mapping.note,
    createdAt: mapping.createdAt.toISOString(),
    updatedAt: mapping.updatedAt.toISOString(),
    cws: snapshot
      ? {
          name: snapshot.name,
          platform: snapshot.platform,
          quantity: snapshot.quantity,
          available: snapshot.available,
          fetchedAt: snapshot.fetchedAt.toISOString(),
        }
      : null,
  };
}

/** Mappings with the last known CWS name, platform and stock of their products. */
async function withSnapshots(db: Db, mappings: ProductMapping[]): Promise<MappingRow[]> {
  const snapshots = await db.cwsProductSnapshot.findMany({
    where: { cwsProductId: { in: [...new Set(mappings.map((mapping) => mapping.cwsProductId))] } },
    select: { cwsProductId: true, name: true, platform: true, quantity: true, available: true, fetchedAt: true },
  });
  const byId = new Map(snapshots.map((snapshot) => [snapshot.cwsProductId, snapshot]));
  return mappings.map((mapping) => mappingRow(mapping, byId.get(mapping.cwsProductId)));
}

export async function listMappings(db: Db, query: MappingListQuery): Promise<MappingPage> {
  const where: Prisma.ProductMappingWhereInput = {
    ...(query.q ?? {}),
    ...(query.enabled ? { enabled: query.enabled === "true" } : {}),
  };
  const [mappings, total] = await Promise.all([
    db.productMapping.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], ...pageWindow(query) }),
    db.productMapping.count({ where }),
  ]);
  return { items: await withSnapshots(db, mappings), page: query.page, pageSize: query.pageSize, total };
}

/** Every mapping, oldest first: what the CSV export writes. */
export async function allMappings(db: Db): Promise<ProductMapping[]> {
  return db.productMapping.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

export async function getMapping(db: Db, id: string): Promise<MappingRow> {
  const mapping = await db.productMapping.findUnique({ where: { id } });
  if (!mapping) throw new AppError("NOT_FOUND", "Mapping not found");
  return (await withSnapshots(db, [mapping]))[0]!;
}

function alreadyMapped(existing: ProductMapping): AppError {
  return new AppError(
    "CONFLICT",
    `G2A product ${existing.g2aProductId} is already mapped to CWS product ${existing.cwsProductId}; edit that mapping instead`,
    {
      fieldErrors: { g2aProductId: ["is already mapped; edit that mapping instead"] },
    },
  );
}

/** A new mapping; 409 CONFLICT when the G2A product is already mapped (each G2A product has one mapping). */
export async function createMapping(db: Db, actor: Actor, data: MappingData): Promise<MappingRow> {
  const columns = mappingColumns(data);
  const created = await db.$transaction(async (tx) => {
    const existing = await tx.productMapping.findUnique({ where: { g2aProductId: columns.g2aProductId } });
    if (existing) throw alreadyMapped(existing);
    const mapping = await insertMapping(tx, columns);
    await recordAudit(tx, actor, {
      action: "mapping.create",
      targetType: "productMapping",
      targetId: mapping.id,
      details: { g2aProductId: mapping.g2aProductId, cwsProductId: mapping.cwsProductId, enabled: mapping.enabled },
    });
    return mapping;
  });
  await requestOfferSync(db, logger, [created.g2aProductId], "mapping created");
  return getMapping(db, created.id);
}

/** Changes the fields sent (enabling and disabling included); audited with what changed, from and to. */
export async function updateMapping(db: Db, actor: Actor, id: string, update: MappingUpdate): Promise<MappingRow> {
  const changed = await db.$transaction(async (tx) => {
    const before = await tx.productMapping.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "Mapping not found");
    const after: MappingColumns = { ...before, ...updateColumns(update) };
    const changes = changedColumns(before, after);
    if (Object.keys(changes).length === 0) return null;
    const broken = Object.entries(pricingRuleErrors(after));
    if (broken.length > 0)
      throw new AppError("VALIDATION_FAILED", "Some fields are not valid", {
        fieldErrors: Object.fromEntries(broken.map(([field, message]) => [field, [message]])),
      });
    if (changes.g2aProductId) {
      const taken = await tx.productMapping.findUnique({ where: { g2aProductId: after.g2aProductId } });
      if (taken) throw alreadyMapped(taken);
    }
    await changeMapping(tx, { id }, updateColumns(update));
    await recordAudit(tx, actor, {
      action: "mapping.update",
      targetType: "productMapping",
      targetId: id,
      details: { g2aProductId: after.g2aProductId, changes },
    });
    return [before.g2aProductId, after.g2aProductId];
  });
  // The offer follows the mapping's new price rules, limits and switch.
  if (changed) await requestOfferSync(db, logger, changed, "mapping changed");
  return getMapping(db, id);
}

/**
 * Removes a mapping: G2A can no longer reserve the product. Orders already placed keep their own
 * copy of the product ids, but their purchase then has no maximum unit cost and no pre-order permission.
 */
export async function deleteMapping(db: Db, actor: Actor, id: string): Promise<void> {
  const deleted = await db.$transaction(async (tx) => {
    const mapping = await tx.productMapping.findUnique({ where: { id } });
    if (!mapping) throw new AppError("NOT_FOUND", "Mapping not found");
    await removeMapping(tx, id);
    await recordAudit(tx, actor, {
      action: "mapping.delete",
      targetType: "productMapping",
      targetId: id,
      details: { g2aProductId: mapping.g2aProductId, cwsProductId: mapping.cwsProductId },
    });
    return mapping;
  });
  // Nothing supplies the product any more: its offer on G2A is switched off.
  if (deleted.g2aOfferId) await requestOfferRetire(db, logger, deleted.g2aOfferId, deleted.g2aProductId);
}
