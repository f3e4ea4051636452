import { deepMerge, isRecord } from "../sandbox-kit/json";
import {
  fail,
  numberIn,
  objectOf,
  oneOf,
  orNull,
  readBoolean,
  readDocument,
  readObject,
  type Reader,
} from "../sandbox-kit/readers";

// What POST /__sim/settings can change while the sandbox runs. Each switch picks one of the readings
// the specification leaves open (g2a-import-api.md §3–§7), so that a client can be tested against all
// of them; the defaults follow its recommendations.

export type G2aSandboxClient = { clientId: string; clientSecret: string };
export type MerchantEndpoint = { baseUrl: string; clientId: string; clientSecret: string };

export const COMPETITOR_PATHS = ["products", "sales"] as const;
export type CompetitorPath = (typeof COMPETITOR_PATHS)[number];

export interface FeeRule {
  /** Share of the price G2A keeps, 0…1. */
  rate: number;
  /** Amount in EUR G2A keeps on top of the rate. */
  fixed: number;
}

/**
 * The pricing simulation's parameters. G2A publishes no commission; these numbers are the sandbox's own
 * invention, there to make incomes differ from prices, and say nothing about G2A's real fees.
 */
export interface FeeModel {
  retail: FeeRule;
  business: FeeRule;
  /** What a buyer pays on top of the price, per country key ("ALL" is required). */
  buyerMarkup: Record<string, number>;
}

export interface RateLimitSettings {
  mode: "off" | "bucket";
  ratePerSecond: number;
  burst: number;
}

export interface SandboxSettings {
  tokenTtlSeconds: number;
  jobDelayMs: number;
  /** When set, a job answers "complete" on this poll (1 = the first) instead of after jobDelayMs. */
  jobCompleteAfterPolls: number | null;
  /** The word a finished job and its elements carry; G2A was seen sending "complete". */
  jobCompleteStatus: "complete" | "completed" | "done";
  /** job: PATCH answers 202 and a job, as live G2A did. spec: 204 and the change at once, as G2A's OpenAPI says. */
  updateMode: "job" | "spec";
  priceLimitMode: "job" | "sync";
  unknownProductMode: "sync" | "job";
  priceChangeCapPerHour: number | null;
  priceChangeCapMode: "job" | "429";
  requireArchiveBeforeDelete: boolean;
  rateLimit: RateLimitSettings;
  feeModel: FeeModel;
  simulationValues: "string" | "number";
  offerPriceShape: "flat" | "nested";
  offerPriceValues: "string" | "number";
  productIdType: "string" | "number";
  competitorPaths: CompetitorPath[];
  clients: G2aSandboxClient[];
  merchant: MerchantEndpoint | null;
}

/** The settings fixed by start-up options; everything else starts at the defaults below. */
export interface StartSettings {
  tokenTtlSeconds: number;
  jobDelayMs: number;
  clients: G2aSandboxClient[];
}

export function defaultSettings(start: StartSettings): SandboxSettings {
  return {
    tokenTtlSeconds: start.tokenTtlSeconds,
    jobDelayMs: start.jobDelayMs,
    jobCompleteAfterPolls: null,
    jobCompleteStatus: "complete",
    updateMode: "job",
    priceLimitMode: "job",
    unknownProductMode: "sync",
    priceChangeCapPerHour: 5,
    priceChangeCapMode: "job",
    requireArchiveBeforeDelete: false,
    rateLimit: { mode: "off", ratePerSecond: 4, burst: 8 },
    feeModel: {
      retail: { rate: 0.1, fixed: 0 },
      business: { rate: 0.08, fixed: 0 },
      buyerMarkup: { ALL: 0.1, PL: 0.12, DE: 0.1 },
    },
    simulationValues: "string",
    offerPriceShape: "flat",
    offerPriceValues: "string",
    productIdType: "string",
    competitorPaths: [...COMPETITOR_PATHS],
    clients: start.clients.map((client) => ({ ...client })),
    merchant: null,
  };
}

const readText: Reader = (value, where) =>
  typeof value === "string" && value !== "" ? value : fail(where, "a non-empty string");

const readHttpUrl: Reader = (value, where) => {
  if (typeof value !== "string") fail(where, "an http or https URL");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(where, "an http or https URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") fail(where, "an http or https URL");
  return value.replace(/\/+$/, "");
};

const readFeeRule = objectOf({ rate: numberIn(0, 1, false), fixed: numberIn(0, 1000, false) });

/** Country keys map to markups; a key set to null is removed, so that a partial update can drop a country. */
const readBuyerMarkup: Reader = (value, where) => {
  if (!isRecord(value)) fail(where, "an object keyed by country");
  const markups: Record<string, number> = {};
  for (const [country, markup] of Object.entries(value)) {
    if (markup === null) continue;
    if (!/^(ALL|OTHER|[A-Z]{2})$/.test(country)) fail(`${where} key "${country}"`, `"ALL", "OTHER" or a country code`);
    markups[country] = numberIn(0, 10, false)(markup, `${where}.${country}`) as number;
  }
  if (markups.ALL === undefined) fail(`${where}.ALL`, "present");
  return markups;
};

const readCompetitorPaths: Reader = (value, where) => {
  if (!Array.isArray(value)) fail(where, `an array of "products" and/or "sales"`);
  return [...new Set(value.map((entry, index) => oneOf(...COMPETITOR_PATHS)(entry, `${where}[${index}]`)))];
};

const readClients: Reader = (value, where) => {
  if (!Array.isArray(value) || value.length === 0) fail(where, "a non-empty array of {clientId, clientSecret}");
  return value.map((entry, index) =>
    readObject(entry, `${where}[${index}]`, { clientId: readText, clientSecret: readText }),
  );
};

/** Mirrors SandboxSettings field by field, which is what makes the cast in mergeSettings sound. */
const SETTINGS_FIELDS: Record<string, Reader> = {
  tokenTtlSeconds: numberIn(1, 31_536_000, true),
  jobDelayMs: numberIn(0, 3_600_000, true),
  jobCompleteAfterPolls: orNull(numberIn(1, 1_000_000, true)),
  jobCompleteStatus: oneOf("complete", "completed", "done"),
  updateMode: oneOf("job", "spec"),
  priceLimitMode: oneOf("job", "sync"),
  unknownProductMode: oneOf("sync", "job"),
  priceChangeCapPerHour: orNull(numberIn(0, 1_000_000, true)),
  priceChangeCapMode: oneOf("job", "429"),
  requireArchiveBeforeDelete: readBoolean,
  rateLimit: objectOf({
    mode: oneOf("off", "bucket"),
    ratePerSecond: numberIn(0.001, 100_000, false),
    burst: numberIn(1, 100_000, true),
  }),
  feeModel: objectOf({ retail: readFeeRule, business: readFeeRule, buyerMarkup: readBuyerMarkup }),
  simulationValues: oneOf("string", "number"),
  offerPriceShape: oneOf("flat", "nested"),
  offerPriceValues: oneOf("string", "number"),
  productIdType: oneOf("string", "number"),
  competitorPaths: readCompetitorPaths,
  clients: readClients,
  merchant: orNull(objectOf({ baseUrl: readHttpUrl, clientId: readText, clientSecret: readText })),
};

export type SettingsMerge = { ok: true; settings: SandboxSettings } | { ok: false; problem: string };

/** Merges a partial update into the current settings and validates the result as a whole. */
export function mergeSettings(current: SandboxSettings, patch: unknown): SettingsMerge {
  if (!isRecord(patch)) return { ok: false, problem: "the settings must be a JSON object" };
  return readSettings(deepMerge(current, patch), "settings");
}

/** Validates a complete settings object, as kept in a state file. */
export function readSettings(value: unknown, where: string): SettingsMerge {
  const read = readDocument(value, where, SETTINGS_FIELDS);
  return read.ok ? { ok: true, settings: read.value as unknown as SandboxSettings } : read;
}

const REDACTED = "(hidden)";

/** The settings as the control API shows them: secrets are replaced, since answers end up in test logs. */
export function settingsView(settings: SandboxSettings) {
  return {
    ...settings,
    clients: settings.clients.map((client) => ({ clientId: client.clientId, clientSecret: REDACTED })),
    merchant: settings.merchant === null ? null : { ...settings.merchant, clientSecret: REDACTED },
  };
}
