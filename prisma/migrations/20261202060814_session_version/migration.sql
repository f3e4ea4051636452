-- Every session token carries the version it was issued under; raising it ends the user's sessions.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
