-- CreateTable
CREATE TABLE "WorkflowEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME
);

-- CreateTable
CREATE TABLE "WorkflowRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "functionId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventName" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "wakeAt" DATETIME,
    "discoveryAt" DATETIME,
    "disableImmediateExecution" BOOLEAN NOT NULL DEFAULT false,
    "singletonKey" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkflowRun_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "WorkflowEvent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkflowStep" (
    "runId" TEXT NOT NULL,
    "hashedId" TEXT NOT NULL,
    "name" TEXT,
    "status" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "wakeAt" DATETIME,
    "position" INTEGER,
    "result" TEXT,

    PRIMARY KEY ("runId", "hashedId"),
    CONSTRAINT "WorkflowStep_runId_fkey" FOREIGN KEY ("runId") REFERENCES "WorkflowRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkflowCron" (
    "functionId" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "lastFireAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("functionId", "schedule")
);

-- CreateIndex
CREATE INDEX "WorkflowEvent_processedAt_receivedAt_idx" ON "WorkflowEvent"("processedAt", "receivedAt");

-- CreateIndex
CREATE INDEX "WorkflowRun_status_wakeAt_idx" ON "WorkflowRun"("status", "wakeAt");

-- CreateIndex
CREATE INDEX "WorkflowRun_functionId_singletonKey_status_idx" ON "WorkflowRun"("functionId", "singletonKey", "status");

-- CreateIndex
CREATE INDEX "WorkflowRun_eventId_idx" ON "WorkflowRun"("eventId");

-- CreateIndex
CREATE INDEX "WorkflowRun_status_endedAt_idx" ON "WorkflowRun"("status", "endedAt");

