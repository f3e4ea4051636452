import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";

/**
 * The machine's baseline for B1: a bare node:http server doing the same work as POST /reservation
 * on the same SQLite file (bearer token lookup, pause switch, mapping, stock snapshot, then in one
 * BEGIN IMMEDIATE transaction the held units, read as the app reads them from the trigger-kept
 * StockHold row, and the new reservation with its line), and nothing else: no framework, no
 * validation library, no ORM.
 */
export function startBaselineServer(databaseFile: string): Promise<{ url: string; close(): Promise<void> }> {
  const db = new Database(databaseFile);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  const iso = (date: Date) => date.toISOString().replace("Z", "+00:00");
  const token = db.prepare(`SELECT expiresAt FROM "G2aAccessToken" WHERE tokenHash = ?`);
  const paused = db.prepare(`SELECT value FROM "Setting" WHERE key = 'sellingPaused'`);
  const mapping = db.prepare(
    `SELECT cwsProductId, minMarginCents FROM "ProductMapping" WHERE g2aProductId = ? AND enabled = 1`,
  );
  const snapshot = db.prepare(`SELECT quantity, priceTiers FROM "CwsProductSnapshot" WHERE cwsProductId = ?`);
  const clearLapsed = db.prepare(
    `UPDATE "ReservationItem" SET holdUntil = NULL WHERE cwsProductId = ? AND holdUntil <= ?`,
  );
  const heldReserved = db.prepare(`SELECT units AS n FROM "StockHold" WHERE cwsProductId = ?`);
  const heldOrdered = db.prepare(
    `SELECT COALESCE(SUM(quantity), 0) AS n FROM "OrderItem" WHERE cwsProductId = ? AND holdsStock = 1`,
  );
  const insertReservation = db.prepare(
    `INSERT INTO "Reservation" (id, status, expiresAt, createdAt) VALUES (?, 'ACTIVE', ?, ?)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO "ReservationItem" (id, reservationId, position, g2aProductId, cwsProductId, quantity, unitPriceCents, unitCostCents, minMarginCents, holdUntil) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const reserve = db.transaction(
    (
      line: { productId: string; quantity: number; unitPriceCents: number },
      cwsProductId: string,
      available: number,
      costCents: number,
      marginCents: number,
    ) => {
      const now = new Date();
      clearLapsed.run(cwsProductId, iso(now));
      const held =
        Number((heldReserved.get(cwsProductId) as { n: number } | undefined)?.n ?? 0) +
        (heldOrdered.get(cwsProductId) as { n: number }).n;
      if (held + line.quantity > available) return null;
      const id = randomUUID();
      const expiresAt = iso(new Date(now.getTime() + 1_800_000));
      insertReservation.run(id, expiresAt, iso(now));
      insertItem.run(
        randomUUID(),
        id,
        line.productId,
        cwsProductId,
        line.quantity,
        line.unitPriceCents,
        costCents,
        marginCents,
        expiresAt,
      );
      return { id, left: available - held - line.quantity };
    },
  );

  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        handle(req, res, Buffer.concat(chunks));
      } catch (error) {
        answer(res, 500, { code: "INTERNAL", message: error instanceof Error ? error.message : String(error) });
      }
    });
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const bearer = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    const stored = token.get(createHash("sha256").update(bearer).digest("hex")) as { expiresAt: string } | undefined;
    if (!stored || Date.parse(stored.expiresAt) <= Date.now())
      return answer(res, 401, { code: "UNAUTHORIZED", message: "bad token" });
    if ((paused.get() as { value: string } | undefined)?.value === "true")
      return answer(res, 409, { code: "SELLING_PAUSED", message: "paused" });
    const [raw] = JSON.parse(body.toString("utf8")) as Array<{
      product_id: number | string;
      quantity: number;
      additional_data?: { unit_price?: string };
    }>;
    const line = {
      productId: String(raw!.product_id),
      quantity: raw!.quantity,
      unitPriceCents: Math.round(Number(raw!.additional_data?.unit_price ?? 0) * 100),
    };
    const mapped = mapping.get(line.productId) as { cwsProductId: string; minMarginCents: number | null } | undefined;
    if (!mapped) return answer(res, 404, { code: "PRODUCT_NOT_MAPPED", message: "not mapped" });
    const stock = snapshot.get(mapped.cwsProductId) as { quantity: number; priceTiers: string };
    const costCents = Number((JSON.parse(stock.priceTiers) as Array<{ valueCents: string }>)[0]!.valueCents);
    const reserved = reserve(line, mapped.cwsProductId, stock.quantity, costCents, mapped.minMarginCents ?? 0);
    if (!reserved) return answer(res, 409, { code: "OUT_OF_STOCK", message: "out of stock" });
    answer(res, 200, {
      reservation_id: reserved.id,
      stock: [{ product_id: raw!.product_id, inventory_size: reserved.left }],
    });
  }
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
            db.close();
          }),
      });
    });
  });
}
