import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { getDb, type Db } from "@/lib/db";
import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { getG2aApiClient, type G2aApiClient } from "@/lib/g2a-api";
import { logger, type Logger } from "@/lib/logger";
import type { StockSnapshots } from "@/lib/stock/snapshots";
import { getOfferSyncConfig, type OfferSyncConfig } from "./config";

/** What the offer sync works with; tests build their own from a test database and the two sandboxes. */
export type OfferDeps = {
  db: Db;
  /** The Import API client of the connection in use (it may change while the app runs). */
  client: () => Promise<G2aApiClient>;
  config: OfferSyncConfig;
  log: Logger;
  now: () => Date;
  /** Names this process in offer leases. */
  owner: string;
  /** CWS stock and prices: one product's sync reads a stale snapshot again first. */
  stock: StockSnapshots;
};

let deps: OfferDeps | undefined;

export function getOfferDeps(): OfferDeps {
  deps ??= {
    db: getDb(),
    client: getG2aApiClient,
    config: getOfferSyncConfig(),
    log: logger.child({ component: "offers" }),
    now: () => new Date(),
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    stock: getFulfillmentDeps().stock,
  };
  return deps;
}
