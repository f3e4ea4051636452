-- AlterTable
ALTER TABLE "ProductMapping" ADD COLUMN "fixedPriceCents" BIGINT;
ALTER TABLE "ProductMapping" ADD COLUMN "maxDeclaredStock" INTEGER;
ALTER TABLE "ProductMapping" ADD COLUMN "maxPriceCents" BIGINT;
ALTER TABLE "ProductMapping" ADD COLUMN "pricingStrategy" TEXT;
ALTER TABLE "ProductMapping" ADD COLUMN "targetMarginBasisPoints" INTEGER;
ALTER TABLE "ProductMapping" ADD COLUMN "targetMarginCents" BIGINT;

-- AlterTable
ALTER TABLE "WorkflowRun" ADD COLUMN "debounceKey" TEXT;

-- CreateTable
CREATE TABLE "G2aOfferState" (
    "mappingId" TEXT NOT NULL PRIMARY KEY,
    "offerId" TEXT,
    "active" BOOLEAN,
    "status" TEXT,
    "priceCents" BIGINT,
    "inventorySize" INTEGER,
    "priceMinCents" BIGINT,
    "priceMaxCents" BIGINT,
    "incomeCents" BIGINT,
    "costCents" BIGINT,
    "floorCents" BIGINT,
    "targetPriceCents" BIGINT,
    "targetSize" INTEGER,
    "targetActive" BOOLEAN,
    "stopReason" TEXT,
    "competitorPriceCents" BIGINT,
    "competitorName" TEXT,
    "position" INTEGER,
    "competitorsAt" DATETIME,
    "pendingJobId" TEXT,
    "pendingJobKind" TEXT,
    "pendingJobAt" DATETIME,
    "pendingChange" TEXT,
    "pausedByG2aAt" DATETIME,
    "pausedByG2aMessage" TEXT,
    "pausedByStaffAt" DATETIME,
    "pausedByStaffBy" TEXT,
    "recentPriceChanges" TEXT NOT NULL DEFAULT '[]',
    "lastSyncAt" DATETIME,
    "lastOutcome" TEXT,
    "lastMessage" TEXT,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "G2aOfferState_mappingId_fkey" FOREIGN KEY ("mappingId") REFERENCES "ProductMapping" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "G2aOfferDecision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "mappingId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "priceCents" BIGINT,
    "size" INTEGER,
    "active" BOOLEAN,
    "action" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "sent" TEXT,
    "answer" TEXT,
    "ok" BOOLEAN NOT NULL,
    CONSTRAINT "G2aOfferDecision_mappingId_fkey" FOREIGN KEY ("mappingId") REFERENCES "G2aOfferState" ("mappingId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "G2aPriceSimulation" (
    "g2aProductId" TEXT NOT NULL,
    "priceCents" BIGINT NOT NULL,
    "incomeCents" BIGINT NOT NULL,
    "businessIncomeCents" BIGINT,
    "fetchedAt" DATETIME NOT NULL,

    PRIMARY KEY ("g2aProductId", "priceCents")
);

-- CreateIndex
CREATE INDEX "G2aOfferState_offerId_idx" ON "G2aOfferState"("offerId");

-- CreateIndex
CREATE INDEX "G2aOfferState_lastOutcome_idx" ON "G2aOfferState"("lastOutcome");

-- CreateIndex
CREATE INDEX "G2aOfferDecision_mappingId_id_idx" ON "G2aOfferDecision"("mappingId", "id");

-- CreateIndex
CREATE INDEX "G2aPriceSimulation_fetchedAt_idx" ON "G2aPriceSimulation"("fetchedAt");

-- CreateIndex
CREATE INDEX "WorkflowRun_functionId_debounceKey_status_idx" ON "WorkflowRun"("functionId", "debounceKey", "status");

