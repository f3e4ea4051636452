import Papa from "papaparse";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { canonicalG2aId } from "@/lib/g2a/ids";
import {
  MAX_IMPORT_ROWS,
  mappingInputSchema,
  type ImportRowReport,
  type MappingData,
  type MappingInput,
} from "./mapping-schema";
import type { MappingColumns } from "./mappings";
import { basisPointsToPercentText, centsToEurText } from "./pricing-fields";

/**
 * A file with none of these (one written before they existed) leaves the pricing of existing
 * mappings as it is; a file with any of them states the pricing whole, a missing one as empty.
 */
const PRICING_COLUMNS = [
  "pricing_strategy",
  "fixed_price_eur",
  "target_margin_eur",
  "target_margin_percent",
  "max_price_eur",
  "max_declared_stock",
] as const;

/** The columns of the mappings CSV, in the order the export writes them. */
export const CSV_COLUMNS = [
  "g2a_product_id",
  "cws_product_id",
  "enabled",
  "min_margin_eur",
  "max_unit_cost_eur",
  "allow_pre_order",
  ...PRICING_COLUMNS,
  "g2a_offer_id",
  "g2a_auction_id",
  "note",
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/** A file without these cannot say which mapping a row is; the other columns may be left out. */
const REQUIRED_COLUMNS: readonly CsvColumn[] = ["g2a_product_id", "cws_product_id"];

/** The field of the shared input schema each column fills. */
const FIELD_OF_COLUMN = {
  g2a_product_id: "g2aProductId",
  cws_product_id: "cwsProductId",
  enabled: "enabled",
  min_margin_eur: "minMarginEur",
  max_unit_cost_eur: "maxUnitCostEur",
  allow_pre_order: "allowPreOrder",
  pricing_strategy: "pricingStrategy",
  fixed_price_eur: "fixedPriceEur",
  target_margin_eur: "targetMarginEur",
  target_margin_percent: "targetMarginPercent",
  max_price_eur: "maxPriceEur",
  max_declared_stock: "maxDeclaredStock",
  g2a_offer_id: "g2aOfferId",
  g2a_auction_id: "g2aAuctionId",
  note: "note",
} as const satisfies Record<CsvColumn, keyof MappingInput>;

const COLUMN_OF_FIELD = new Map<string, CsvColumn>(CSV_COLUMNS.map((column) => [FIELD_OF_COLUMN[column], column]));
const BOOLEAN_COLUMNS: ReadonlySet<CsvColumn> = new Set(["enabled", "allow_pre_order"]);
const KNOWN_COLUMNS: ReadonlySet<string> = new Set(CSV_COLUMNS);

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection). The export
// prefixes such text with an apostrophe, and the import takes exactly one back off, so a file
// round-trips unchanged: text that already starts with apostrophes before such a character gets one more.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED_FORMULA_START = /^'+[=+\-@\t\r]/;

export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function unguardFormula(cell: string): string {
  return GUARDED_FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

/** The export: a header row, then one row per mapping; UTF-8 with a byte order mark so spreadsheets read accents right. */
export function serialiseMappingsCsv(mappings: readonly MappingColumns[]): string {
  const data = mappings.map((mapping) =>
    [
      mapping.g2aProductId,
      mapping.cwsProductId,
      String(mapping.enabled),
      centsToEurText(mapping.minMarginCents),
      centsToEurText(mapping.maxUnitCostCents),
      String(mapping.allowPreOrder),
      mapping.pricingStrategy ?? "",
      centsToEurText(mapping.fixedPriceCents),
      centsToEurText(mapping.targetMarginCents),
      basisPointsToPercentText(mapping.targetMarginBasisPoints),
      centsToEurText(mapping.maxPriceCents),
      String(mapping.maxDeclaredStock ?? ""),
      mapping.g2aOfferId ?? "",
      mapping.g2aAuctionId ?? "",
      mapping.note ?? "",
    ].map(guardFormula),
  );
  return `\uFEFF${Papa.unparse({ fields: [...CSV_COLUMNS], data }, { newline: "\r\n" })}\r\n`;
}

/** "true"/"yes"/"1" and "false"/"no"/"0", any case; empty means the default; anything else is left for the schema to refuse. */
function booleanCell(cell: string): boolean | string | undefined {
  const value = cell.trim().toLowerCase();
  if (value === "") return undefined;
  if (["true", "yes", "1"].includes(value)) return true;
  if (["false", "no", "0"].includes(value)) return false;
  return cell;
}

function headerProblems(names: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === "") problems.push(`column ${index + 1} has no name`);
    else if (!KNOWN_COLUMNS.has(name))
      problems.push(`unknown column "${name}"; the columns are ${CSV_COLUMNS.join(", ")}`);
    else if (seen.has(name)) problems.push(`column "${name}" appears twice`);
    seen.add(name);
  });
  for (const column of REQUIRED_COLUMNS) if (!seen.has(column)) problems.push(`missing column "${column}"`);
  return problems;
}

function quoteProblem(error: Papa.ParseError): string {
  if (error.code === "MissingQuotes") return "a quoted cell is never closed: check the double quotes";
  if (error.code === "InvalidQuotes") return 'a double quote inside a quoted cell must be written twice ("")';
  return error.message;
}

type CsvRecord = { line: number; cells: string[]; problem?: string };

function fileError(message: string): AppError {
  return new AppError("VALIDATION_FAILED", message, { fieldErrors: { csv: [message] } });
}

/** A line papaparse skips: nothing but blanks and commas. */
const BLANK_LINE = /^[\s,]*$/;

/**
 * The file's records, each with the line it starts on (the header is line 1). A quoted cell may
 * span lines, so lines are counted in the text between the parser's positions.
 */
function readRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let offset = 0;
  let line = 1;
  const advanceTo = (position: number) => {
    for (
      let index = text.indexOf("\n", offset);
      index !== -1 && index < position;
      index = text.indexOf("\n", index + 1)
    )
      line++;
    offset = position;
  };
  Papa.parse<string[]>(text, {
    delimiter: ",",
    newline: "\n",
    skipEmptyLines: "greedy",
    step: (result, parser) => {
      const end = result.meta.cursor;
      for (
        let next = text.indexOf("\n", offset);
        next !== -1 && next < end && BLANK_LINE.test(text.slice(offset, next));
        next = text.indexOf("\n", offset)
      )
        advanceTo(next + 1);
      const error = result.errors[0];
      records.push({ line, cells: result.data, problem: error ? quoteProblem(error) : undefined });
      advanceTo(end);
      if (records.length > MAX_IMPORT_ROWS + 1) parser.abort();
    },
  });
  return records;
}

export type ParsedMappingsCsv = { rows: Array<{ line: number; data: MappingData }>; errors: ImportRowReport[] };

/**
 * Reads an import file: the header, then every row checked with the same schema as the form,
 * duplicates of a G2A product id within the file included. Errors are per line and per column.
 * A file that is empty or too long is refused as a whole (400 with `fieldErrors.csv`).
 */
export function parseMappingsCsv(raw: string): ParsedMappingsCsv {
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const records = readRecords(text);
  const [header, ...body] = records;
  if (!header) throw fileError("The file is empty: it needs a header row, then one row per mapping");
  if (body.length > MAX_IMPORT_ROWS)
    throw fileError(`The file has more than ${MAX_IMPORT_ROWS} rows; split it into smaller files`);

  const columns = header.cells.map((name) => name.trim().toLowerCase());
  const problems = header.problem ? [header.problem, ...headerProblems(columns)] : headerProblems(columns);
  if (problems.length > 0) return { rows: [], errors: [{ line: header.line, errors: { header: problems } }] };

  const statesPricing = PRICING_COLUMNS.some((column) => columns.includes(column));
  const rows: ParsedMappingsCsv["rows"] = [];
  const errors: ImportRowReport[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of body) {
    const cells = record.cells.map(unguardFormula);
    const g2aProductId = canonicalG2aId((cells[columns.indexOf("g2a_product_id")] ?? "").trim()) ?? undefined;
    const report = (rowErrors: ImportRowReport["errors"]) =>
      errors.push({ line: record.line, ...(g2aProductId ? { g2aProductId } : {}), errors: rowErrors });
    if (record.problem) {
      report({ row: [record.problem] });
      continue;
    }
    if (cells.length !== columns.length) {
      report({ row: [`has ${cells.length} cells; the header has ${columns.length} columns`] });
      continue;
    }

    const input: { [field: string]: unknown } = {};
    columns.forEach((column, index) => {
      const cell = cells[index] ?? "";
      input[FIELD_OF_COLUMN[column as CsvColumn]] = BOOLEAN_COLUMNS.has(column as CsvColumn) ? booleanCell(cell) : cell;
    });
    if (statesPricing) for (const column of PRICING_COLUMNS) input[FIELD_OF_COLUMN[column]] ??= "";
    const parsed = mappingInputSchema.safeParse(input);
    const rowErrors: ImportRowReport["errors"] = {};
    if (!parsed.success) {
      for (const [field, messages] of Object.entries(fieldErrorsOf(parsed.error)))
        rowErrors[COLUMN_OF_FIELD.get(field) ?? field] = messages;
    }
    if (g2aProductId) {
      const first = firstLineOf.get(g2aProductId);
      if (first === undefined) firstLineOf.set(g2aProductId, record.line);
      else (rowErrors.g2a_product_id ??= []).push(`repeats line ${first}: a G2A product can be mapped only once`);
    }
    if (Object.keys(rowErrors).length > 0) report(rowErrors);
    else if (parsed.success) rows.push({ line: record.line, data: parsed.data });
  }
  return { rows, errors };
}
