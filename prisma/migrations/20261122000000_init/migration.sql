-- CreateTable
CREATE TABLE "ProductMapping" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "g2aProductId" TEXT NOT NULL,
    "cwsProductId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "minMarginCents" BIGINT,
    "maxUnitCostCents" BIGINT,
    "allowPreOrder" BOOLEAN NOT NULL DEFAULT false,
    "g2aOfferId" TEXT,
    "g2aAuctionId" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CwsProductSnapshot" (
    "cwsProductId" TEXT NOT NULL PRIMARY KEY,
    "identifier" TEXT,
    "name" TEXT,
    "platform" TEXT,
    "quantity" INTEGER NOT NULL,
    "priceTiers" TEXT NOT NULL,
    "releaseDate" DATETIME,
    "available" BOOLEAN NOT NULL DEFAULT true,
    "fetchedAt" DATETIME NOT NULL,
    "missingSince" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Reservation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "renewedAt" DATETIME,
    "releasedAt" DATETIME,
    "consumedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ReservationItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reservationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "g2aProductId" TEXT NOT NULL,
    "cwsProductId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPriceCents" BIGINT,
    "auctionBasePriceCents" BIGINT,
    "unitCostCents" BIGINT NOT NULL,
    "minMarginCents" BIGINT NOT NULL,
    "holdUntil" DATETIME,
    CONSTRAINT "ReservationItem_reservationId_fkey" FOREIGN KEY ("reservationId") REFERENCES "Reservation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "g2aOrderId" TEXT NOT NULL,
    "reservationId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "cwsOrderId" TEXT,
    "cwsOrderIdentifier" TEXT,
    "cwsOrderStatus" TEXT,
    "archivedCwsOrderIds" TEXT,
    "placementGeneration" INTEGER NOT NULL DEFAULT 1,
    "cwsPlacementStartedAt" DATETIME,
    "cwsOrderedAt" DATETIME,
    "placementLeaseOwner" TEXT,
    "placementLeaseUntil" DATETIME,
    "saleTotalCents" BIGINT,
    "costTotalCents" BIGINT,
    "lastError" TEXT,
    "needsAttention" BOOLEAN NOT NULL DEFAULT false,
    "attentionReason" TEXT,
    "attentionSince" DATETIME,
    "workflowRunId" TEXT,
    "workflowPhase" TEXT,
    "eventSentAt" DATETIME,
    "lastProgressAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    "failedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_reservationId_fkey" FOREIGN KEY ("reservationId") REFERENCES "Reservation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "g2aProductId" TEXT NOT NULL,
    "cwsProductId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPriceCents" BIGINT,
    "quotedCostCents" BIGINT NOT NULL,
    "unitCostCents" BIGINT,
    "minMarginCents" BIGINT NOT NULL,
    "holdsStock" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "OrderItem_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Key" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "orderItemId" TEXT NOT NULL,
    "cwsCodeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sealed" BLOB NOT NULL,
    "fileName" TEXT,
    "mimeType" TEXT,
    "status" TEXT NOT NULL DEFAULT 'DELIVERABLE',
    "storedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firstDeliveredAt" DATETIME,
    "returnedAt" DATETIME,
    CONSTRAINT "Key_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Key_orderItemId_fkey" FOREIGN KEY ("orderItemId") REFERENCES "OrderItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" TEXT,
    "actor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrderEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CwsPlacementAttempt" (
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
    CONSTRAINT "CwsPlacementAttempt_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CwsToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sealedToken" BLOB NOT NULL,
    "obtainedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "G2aClient" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "label" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME
);

-- CreateTable
CREATE TABLE "G2aAccessToken" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "G2aAccessToken_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "G2aClient" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'VIEWER',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastLoginAt" DATETIME
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "reason" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "details" TEXT
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);

-- CreateTable
CREATE TABLE "G2aNotification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" TEXT NOT NULL,
    "notificationType" TEXT,
    "date" TEXT,
    "offerId" TEXT,
    "auctionId" TEXT,
    "message" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "ProductMapping_g2aProductId_key" ON "ProductMapping"("g2aProductId");

-- CreateIndex
CREATE INDEX "ProductMapping_cwsProductId_idx" ON "ProductMapping"("cwsProductId");

-- CreateIndex
CREATE INDEX "ProductMapping_g2aOfferId_idx" ON "ProductMapping"("g2aOfferId");

-- CreateIndex
CREATE INDEX "ProductMapping_g2aAuctionId_idx" ON "ProductMapping"("g2aAuctionId");

-- CreateIndex
CREATE INDEX "Reservation_status_expiresAt_idx" ON "Reservation"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "Reservation_createdAt_idx" ON "Reservation"("createdAt");

-- CreateIndex
CREATE INDEX "ReservationItem_cwsProductId_holdUntil_quantity_idx" ON "ReservationItem"("cwsProductId", "holdUntil", "quantity");

-- CreateIndex
CREATE UNIQUE INDEX "ReservationItem_reservationId_position_key" ON "ReservationItem"("reservationId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Order_g2aOrderId_key" ON "Order"("g2aOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "Order_reservationId_key" ON "Order"("reservationId");

-- CreateIndex
CREATE INDEX "Order_status_createdAt_idx" ON "Order"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Order_createdAt_idx" ON "Order"("createdAt");

-- CreateIndex
CREATE INDEX "Order_cwsOrderId_idx" ON "Order"("cwsOrderId");

-- CreateIndex
CREATE INDEX "Order_needsAttention_idx" ON "Order"("needsAttention");

-- CreateIndex
CREATE INDEX "OrderItem_cwsProductId_holdsStock_idx" ON "OrderItem"("cwsProductId", "holdsStock");

-- CreateIndex
CREATE UNIQUE INDEX "OrderItem_orderId_position_key" ON "OrderItem"("orderId", "position");

-- CreateIndex
CREATE INDEX "Key_orderItemId_idx" ON "Key"("orderItemId");

-- CreateIndex
CREATE UNIQUE INDEX "Key_orderId_cwsCodeId_key" ON "Key"("orderId", "cwsCodeId");

-- CreateIndex
CREATE INDEX "OrderEvent_orderId_id_idx" ON "OrderEvent"("orderId", "id");

-- CreateIndex
CREATE INDEX "OrderEvent_createdAt_idx" ON "OrderEvent"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CwsPlacementAttempt_orderId_generation_attemptNumber_key" ON "CwsPlacementAttempt"("orderId", "generation", "attemptNumber");

-- CreateIndex
CREATE UNIQUE INDEX "G2aClient_clientId_key" ON "G2aClient"("clientId");

-- CreateIndex
CREATE INDEX "G2aAccessToken_clientId_idx" ON "G2aAccessToken"("clientId");

-- CreateIndex
CREATE INDEX "G2aAccessToken_expiresAt_idx" ON "G2aAccessToken"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "G2aNotification_receivedAt_idx" ON "G2aNotification"("receivedAt");

-- CreateIndex
CREATE INDEX "G2aNotification_notificationType_idx" ON "G2aNotification"("notificationType");

-- CreateIndex
CREATE INDEX "G2aNotification_offerId_idx" ON "G2aNotification"("offerId");

-- CreateIndex
CREATE INDEX "G2aNotification_auctionId_idx" ON "G2aNotification"("auctionId");

