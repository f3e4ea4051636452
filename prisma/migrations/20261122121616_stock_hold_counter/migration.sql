-- CreateTable
CREATE TABLE "StockHold" (
    "cwsProductId" TEXT NOT NULL PRIMARY KEY,
    "units" INTEGER NOT NULL
);


-- The units already on hold.
INSERT INTO "StockHold" ("cwsProductId", "units")
SELECT "cwsProductId", SUM("quantity") FROM "ReservationItem" WHERE "holdUntil" IS NOT NULL GROUP BY "cwsProductId";

-- Every writer of ReservationItem keeps StockHold exact: a line counts while its holdUntil is set.
CREATE TRIGGER "ReservationItem_hold_insert" AFTER INSERT ON "ReservationItem"
WHEN NEW."holdUntil" IS NOT NULL
BEGIN
  INSERT INTO "StockHold" ("cwsProductId", "units") VALUES (NEW."cwsProductId", NEW."quantity")
  ON CONFLICT ("cwsProductId") DO UPDATE SET "units" = "units" + excluded."units";
END;

CREATE TRIGGER "ReservationItem_hold_update" AFTER UPDATE OF "holdUntil", "quantity", "cwsProductId" ON "ReservationItem"
WHEN OLD."holdUntil" IS NOT NULL OR NEW."holdUntil" IS NOT NULL
BEGIN
  UPDATE "StockHold" SET "units" = "units" - OLD."quantity"
  WHERE OLD."holdUntil" IS NOT NULL AND "cwsProductId" = OLD."cwsProductId";
  INSERT INTO "StockHold" ("cwsProductId", "units")
  SELECT NEW."cwsProductId", NEW."quantity" WHERE NEW."holdUntil" IS NOT NULL
  ON CONFLICT ("cwsProductId") DO UPDATE SET "units" = "units" + excluded."units";
END;

CREATE TRIGGER "ReservationItem_hold_delete" AFTER DELETE ON "ReservationItem"
WHEN OLD."holdUntil" IS NOT NULL
BEGIN
  UPDATE "StockHold" SET "units" = "units" - OLD."quantity" WHERE "cwsProductId" = OLD."cwsProductId";
END;
