-- AlterTable
ALTER TABLE "G2aAccessToken" ADD COLUMN "ip" TEXT;

