-- AlterTable
ALTER TABLE "Order" ADD COLUMN "lastPolledAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CwsPlacementAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "attemptNumber" INTEGER NOT NULL,
    "requestBody" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "outcome" TEXT,
    "httpStatus" INTEGER,
    "cwsErrorCode" TEXT,
    "message" TEXT,
    "cwsOrderId" TEXT,
    "retryAfterSeconds" INTEGER,
    "recoveryChecks" INTEGER NOT NULL DEFAULT 0,
    "lookupFailures" INTEGER NOT NULL DEFAULT 0,
    "nextRecoveryAt" DATETIME,
    CONSTRAINT "CwsPlacementAttempt_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CwsPlacementAttempt" ("attemptNumber", "cwsErrorCode", "cwsOrderId", "finishedAt", "generation", "httpStatus", "id", "message", "orderId", "outcome", "requestBody", "retryAfterSeconds", "startedAt") SELECT "attemptNumber", "cwsErrorCode", "cwsOrderId", "finishedAt", "generation", "httpStatus", "id", "message", "orderId", "outcome", "requestBody", "retryAfterSeconds", "startedAt" FROM "CwsPlacementAttempt";
DROP TABLE "CwsPlacementAttempt";
ALTER TABLE "new_CwsPlacementAttempt" RENAME TO "CwsPlacementAttempt";
CREATE UNIQUE INDEX "CwsPlacementAttempt_orderId_generation_attemptNumber_key" ON "CwsPlacementAttempt"("orderId", "generation", "attemptNumber");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

