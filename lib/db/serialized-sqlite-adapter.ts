import type BetterSqlite3 from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";

/** Pragmas every connection runs with: WAL for concurrent readers, a busy timeout for other processes. */
export const CONNECTION_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA foreign_keys = ON",
  "PRAGMA busy_timeout = 5000",
] as const;

/** A FIFO lock: one holder at a time, waiters served in arrival order. */
class ConnectionLock {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => released);
    return acquired;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

/** The better-sqlite3 connection under Prisma's adapter (its `client`). */
export type SqliteConnection = BetterSqlite3.Database;

function sqliteOf(adapter: SqlDriverAdapter): SqliteConnection {
  const client = (adapter as unknown as { client?: SqliteConnection }).client;
  if (!client || typeof client.prepare !== "function")
    throw new Error("the SQLite driver adapter does not expose its connection");
  return client;
}

const statements = new WeakMap<SqliteConnection, Map<string, BetterSqlite3.Statement>>();

/** A prepared statement, prepared once per connection. */
export function cached(sqlite: SqliteConnection, sql: string): BetterSqlite3.Statement {
  let byText = statements.get(sqlite);
  if (!byText) statements.set(sqlite, (byText = new Map()));
  let prepared = byText.get(sql);
  if (!prepared) byText.set(sql, (prepared = sqlite.prepare(sql)));
  return prepared;
}

/**
 * better-sqlite3 gives Prisma one connection per client, and the stock adapter lets a query that
 * is not part of an open interactive transaction run inside it anyway (joining its writes, reading
 * its uncommitted rows). This wrapper gives the connection to one user at a time: a transaction
 * holds it from BEGIN IMMEDIATE to COMMIT/ROLLBACK, and plain queries wait their turn.
 * BEGIN IMMEDIATE takes the write lock up front, so a transaction never fails half-way with
 * SQLITE_BUSY when another process (a CLI, a test) writes to the same file.
 */
export class SerializedSqliteAdapter implements SqlDriverAdapter {
  readonly provider;
  readonly adapterName;
  readonly #inner: SqlDriverAdapter;
  readonly #lock = new ConnectionLock();

  constructor(inner: SqlDriverAdapter) {
    this.#inner = inner;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#lock.run(() => this.#inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#lock.run(() => this.#inner.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.#lock.run(() => this.#inner.executeScript(script));
  }

  /**
   * Runs `work` on the connection itself, synchronously, inside BEGIN IMMEDIATE … COMMIT (ROLLBACK
   * when it throws). The connection is held only for that one synchronous stretch, so a hot write
   * path never waits for other requests' work between its statements as an interactive Prisma
   * transaction does under load.
   */
  async writeSync<T>(work: (sqlite: SqliteConnection) => T): Promise<T> {
    const release = await this.#lock.acquire();
    try {
      const sqlite = sqliteOf(this.#inner);
      cached(sqlite, "BEGIN IMMEDIATE").run();
      try {
        const result = work(sqlite);
        cached(sqlite, "COMMIT").run();
        return result;
      } catch (error) {
        if (sqlite.inTransaction) cached(sqlite, "ROLLBACK").run();
        throw error;
      }
    } finally {
      release();
    }
  }

  /** Runs `work` on the connection itself, synchronously, outside any transaction: hot-path reads. */
  async readSync<T>(work: (sqlite: SqliteConnection) => T): Promise<T> {
    const release = await this.#lock.acquire();
    try {
      return work(sqliteOf(this.#inner));
    } finally {
      release();
    }
  }

  async startTransaction(): Promise<Transaction> {
    const release = await this.#lock.acquire();
    try {
      await this.#inner.executeRaw(statement("BEGIN IMMEDIATE"));
    } catch (error) {
      release();
      throw error;
    }
    const inner = this.#inner;
    let open = true;
    const finish = async () => {
      if (open) {
        open = false;
        release();
      }
    };
    return {
      provider: inner.provider,
      adapterName: inner.adapterName,
      // Prisma sends COMMIT / ROLLBACK itself through executeRaw, then calls commit() / rollback().
      options: { usePhantomQuery: false },
      queryRaw: (query) => inner.queryRaw(query),
      executeRaw: (query) => inner.executeRaw(query),
      commit: finish,
      rollback: finish,
    };
  }

  dispose(): Promise<void> {
    return this.#lock.run(() => this.#inner.dispose());
  }
}

/**
 * The shadow database replays whole migration files through executeRaw, which better-sqlite3
 * limits to one statement; there a parameterless statement runs as a script instead.
 */
class ShadowSqliteAdapter extends SerializedSqliteAdapter {
  override async executeRaw(query: SqlQuery): Promise<number> {
    if (query.args.length > 0) return super.executeRaw(query);
    await this.executeScript(query.sql);
    return 0;
  }
}

/** The driver adapter factory used by the app and by the Prisma CLI (migrations). */
export class SerializedSqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSQLite3;

  constructor(databaseFile: string) {
    this.#inner = new PrismaBetterSQLite3({ url: `file:${databaseFile}`, timeout: 5000 });
    this.adapterName = this.#inner.adapterName;
  }

  /** The adapter Prisma connected through, once it has. */
  connected: SerializedSqliteAdapter | null = null;

  async connect(): Promise<SqlDriverAdapter> {
    const connection = await this.#inner.connect();
    await connection.executeScript(CONNECTION_PRAGMAS.join(";\n"));
    this.connected = new SerializedSqliteAdapter(connection);
    return this.connected;
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return new ShadowSqliteAdapter(await this.#inner.connectToShadowDb());
  }
}
