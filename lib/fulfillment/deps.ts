import { getKeyVault, type KeyVault } from "@/lib/crypto";
import { getCwsClient, type CwsClient } from "@/lib/cws";
import { getDb, type Db } from "@/lib/db";
import { logger, type Logger } from "@/lib/logger";
import { requestOfferSyncForCws } from "@/lib/offers/requests";
import { StockSnapshots } from "@/lib/stock/snapshots";
import { getFulfillmentConfig, type FulfillmentConfig } from "./config";

/** What the fulfilment use cases work with; tests build their own from a test database and the CWS sandbox. */
export type FulfillmentDeps = {
  db: Db;
  cws: CwsClient;
  stock: StockSnapshots;
  vault: KeyVault;
  config: FulfillmentConfig;
  log: Logger;
  now: () => Date;
};

let deps: FulfillmentDeps | undefined;

export function getFulfillmentDeps(): FulfillmentDeps {
  if (!deps) {
    const db = getDb();
    const log = logger.child({ component: "fulfillment" });
    const cws = getCwsClient();
    const now = () => new Date();
    deps = {
      db,
      cws,
      stock: new StockSnapshots(
        db,
        cws,
        log,
        now,
        (cwsProductIds) => void requestOfferSyncForCws(db, log, cwsProductIds, "CWS stock or price changed"),
      ),
      vault: getKeyVault(),
      config: getFulfillmentConfig(),
      log,
      now,
    };
  }
  return deps;
}
