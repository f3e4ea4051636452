import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Each table's writes live in its store (README: Layout). This reads the product's source and
// fails when a write to a table, or any SQL, appears anywhere else.

const ROOT = process.cwd();
const PRODUCT = ["lib", "app", "inngest", "components", "tools", "proxy.ts", "instrumentation.ts"];
// Programs with files of their own, not the product's database.
const NOT_THE_DATABASE = ["lib/generated/", "tools/cws-sandbox/", "tools/g2a-simulator/"];

const STORE_OF: Record<string, string[]> = {
  Order: ["lib/orders/order-store.ts"],
  OrderItem: ["lib/orders/order-store.ts"],
  OrderEvent: ["lib/orders/timeline-store.ts"],
  Key: ["lib/orders/key-store.ts"],
  CwsPlacementAttempt: ["lib/orders/attempt-store.ts"],
  Reservation: ["lib/reservations/store.ts"],
  ReservationItem: ["lib/reservations/store.ts"],
  CwsProductSnapshot: ["lib/stock/store.ts"],
  WorkflowEvent: ["lib/workflow/store.ts"],
  WorkflowRun: ["lib/workflow/store.ts"],
  WorkflowStep: ["lib/workflow/store.ts"],
  WorkflowCron: ["lib/workflow/store.ts"],
  AuditLog: ["lib/audit/index.ts"],
  Setting: ["lib/settings/index.ts"],
  LoginAttempt: ["lib/throttle/failure-log.ts"],
  CwsToken: ["lib/cws/token-store.ts"],
  G2aImportToken: ["lib/g2a-api/token-store.ts"],
  G2aOfferState: ["lib/offers/store.ts"],
  G2aOfferDecision: ["lib/offers/store.ts"],
  G2aPriceSimulation: ["lib/offers/simulation-store.ts"],
  G2aNotification: ["lib/g2a/notifications.ts"],
  ProductMapping: ["lib/mappings/store.ts"],
  User: ["lib/auth/user-store.ts"],
  G2aClient: ["lib/g2a/credentials.ts"],
  G2aAccessToken: ["lib/g2a/credentials.ts"],
  Alert: ["lib/alerts/store.ts"],
  AlertDelivery: ["lib/alerts/store.ts"],
  AlertChannel: ["lib/alerts/store.ts"],
  AlertChannelStatus: ["lib/alerts/store.ts"],
};
const SQL_ALLOWED = (file: string) =>
  file.startsWith("lib/db/") || file.startsWith("lib/stores/") || Object.values(STORE_OF).flat().includes(file);

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return /\.(ts|tsx)$/.test(entry) ? [entry] : [];
  return fs.readdirSync(full).flatMap((name) => sourceFiles(path.join(entry, name)));
}

const files = PRODUCT.flatMap(sourceFiles).filter(
  (file) => !NOT_THE_DATABASE.some((prefix) => file.startsWith(prefix)),
);
const lowerFirst = (name: string) => name[0]!.toLowerCase() + name.slice(1);

describe("the stores", () => {
  it("finds the product's source", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("lib/orders/order-store.ts");
  });

  it.each(Object.keys(STORE_OF))("writes %s only from its store", (table) => {
    const prismaWrite = new RegExp(
      `\\.${lowerFirst(table)}\\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\\(`,
    );
    const sqlWrite = new RegExp(`(INSERT INTO|UPDATE|DELETE FROM) "${table}"`);
    const writers = files.filter((file) => {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      return prismaWrite.test(text) || sqlWrite.test(text);
    });
    expect(writers.filter((file) => !STORE_OF[table]!.includes(file))).toEqual([]);
  });

  it("keeps every SQL statement in lib/db and the stores", () => {
    const sql = /["`](SELECT|INSERT INTO|UPDATE|DELETE FROM|BEGIN|PRAGMA)\b/;
    expect(
      files.filter((file) => !SQL_ALLOWED(file) && sql.test(fs.readFileSync(path.join(ROOT, file), "utf8"))),
    ).toEqual([]);
  });
});
