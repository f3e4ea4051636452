import { recordAudit, type Actor } from "@/lib/audit";
import { logger } from "@/lib/logger";
import { requestOfferPass } from "@/lib/offers/requests";
import type { Db, Prisma } from "@/lib/db";
import type { ImportPreview, MappingData } from "./mapping-schema";
import { allMappings, changedColumns, mappingColumns, type MappingColumns } from "./mappings";
import { parseMappingsCsv, serialiseMappingsCsv } from "./mappings-csv";
import { changeMapping, insertMappings } from "@/lib/mappings/store";

/** Keeps each `IN (…)` and multi-row insert well under SQLite's limit of bound parameters. */
const CHUNK = 500;

/** A whole file is written in one transaction: thousands of rows need longer than the default 10 s. */
const IMPORT_TRANSACTION_TIMEOUT_MS = 120_000;

type Plan = { create: MappingColumns[]; update: MappingColumns[]; unchanged: number };

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) result.push(items.slice(start, start + CHUNK));
  return result;
}

/** Which rows create a mapping, which change one, and which already say what the database holds. */
async function planImport(
  db: Pick<Prisma.TransactionClient, "productMapping">,
  rows: readonly MappingData[],
): Promise<Plan> {
  const existing = new Map<string, MappingColumns>();
  for (const ids of chunks(rows.map((row) => row.g2aProductId))) {
    for (const mapping of await db.productMapping.findMany({ where: { g2aProductId: { in: ids } } }))
      existing.set(mapping.g2aProductId, mapping);
  }
  const plan: Plan = { create: [], update: [], unchanged: 0 };
  for (const row of rows) {
    const before = existing.get(row.g2aProductId);
    const columns = mappingColumns(row, before);
    if (!before) plan.create.push(columns);
    else if (Object.keys(changedColumns(before, columns)).length > 0) plan.update.push(columns);
    else plan.unchanged++;
  }
  return plan;
}

/**
 * Imports a mappings CSV: every row is checked first, and one invalid row means nothing is written
 * (`valid: false` with every rejected line). Otherwise mappings are upserted by G2A product id in
 * one transaction, audited once with the counts. A dry run answers the same without writing.
 */
export async function importMappings(
  db: Db,
  actor: Actor,
  csv: string,
  options: { dryRun: boolean },
): Promise<ImportPreview> {
  const parsed = parseMappingsCsv(csv);
  if (parsed.errors.length > 0) return { valid: false, rows: parsed.errors };
  const rows = parsed.rows.map((row) => row.data);
  if (options.dryRun) {
    const plan = await planImport(db, rows);
    return { valid: true, created: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged };
  }
  const imported = await db.$transaction(
    async (tx) => {
      const plan = await planImport(tx, rows);
      for (const batch of chunks(plan.create)) await insertMappings(tx, batch);
      for (const columns of plan.update) await changeMapping(tx, { g2aProductId: columns.g2aProductId }, columns);
      const counts = { created: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged };
      await recordAudit(tx, actor, {
        action: "mapping.import",
        targetType: "productMapping",
        details: { ...counts, rows: rows.length },
      });
      return { valid: true as const, ...counts };
    },
    { timeout: IMPORT_TRANSACTION_TIMEOUT_MS },
  );
  if (imported.created + imported.updated > 0) await requestOfferPass(db, logger, "mappings imported");
  return imported;
}

/** Every mapping as the import reads it back. */
export async function exportMappingsCsv(db: Db): Promise<string> {
  return serialiseMappingsCsv(await allMappings(db));
}
