-- CreateTable
CREATE TABLE "G2aImportToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sealedToken" BLOB NOT NULL,
    "obtainedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

