import { AlertStore } from "@/lib/alerts/store";
import { AuditStore } from "@/lib/audit";
import { readSync, writeSync, type Db, type SqliteConnection } from "@/lib/db";
import { AttemptStore } from "@/lib/orders/attempt-store";
import { KeyStore } from "@/lib/orders/key-store";
import { OrderStore } from "@/lib/orders/order-store";
import { ReservationStore } from "@/lib/reservations/store";
import { MappingStore } from "@/lib/mappings/store";
import { SimulationStore } from "@/lib/offers/simulation-store";
import { OfferStore } from "@/lib/offers/store";
import { SnapshotStore } from "@/lib/stock/store";

/**
 * The stores of the tables the hot paths write, bound to one transaction. Domain code works with
 * these and never with a connection or SQL: another database implements the same stores.
 */
export type Stores = {
  orders: OrderStore;
  attempts: AttemptStore;
  keys: KeyStore;
  reservations: ReservationStore;
  snapshots: SnapshotStore;
  mappings: MappingStore;
  offers: OfferStore;
  simulations: SimulationStore;
  audit: AuditStore;
  alerts: AlertStore;
};

// One set per connection (the process has one): the stores only hold it and their prepared statements.
const bound = new WeakMap<SqliteConnection, Stores>();

function storesOn(sqlite: SqliteConnection): Stores {
  let stores = bound.get(sqlite);
  if (!stores) {
    stores = {
      orders: new OrderStore(sqlite),
      attempts: new AttemptStore(sqlite),
      keys: new KeyStore(sqlite),
      reservations: new ReservationStore(sqlite),
      snapshots: new SnapshotStore(sqlite),
      mappings: new MappingStore(sqlite),
      offers: new OfferStore(sqlite),
      simulations: new SimulationStore(sqlite),
      audit: new AuditStore(sqlite),
      alerts: new AlertStore(sqlite),
    };
    bound.set(sqlite, stores);
  }
  return stores;
}

/**
 * Runs `work` as one write transaction (all or nothing), synchronously: nothing else uses the
 * database between its statements, and two writers never interleave.
 */
export function inTransaction<T>(db: Db, work: (tx: Stores) => T): Promise<T> {
  return writeSync(db, (sqlite) => work(storesOn(sqlite)));
}

/** Runs `work` as one synchronous read (the hot paths' reads; dashboard pages read through Prisma). */
export function reading<T>(db: Db, work: (stores: Stores) => T): Promise<T> {
  return readSync(db, (sqlite) => work(storesOn(sqlite)));
}
