import { inngest } from "@/inngest/client";
import { runScheduledBackup } from "@/lib/backup/schedule";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

/**
 * Every hour: a backup of the database when the newest is BACKUP_INTERVAL_HOURS old, and the alert
 * when none has succeeded for twice that (lib/backup/schedule.ts). The copy runs on a worker thread.
 */
export const backupDatabaseCron = inngest.createFunction(
  { id: "backup-database", name: "Back up the database", triggers: [{ cron: "41 * * * *" }], retries: 1 },
  async ({ step }) =>
    step.run("backup", () => {
      const env = getEnv();
      return runScheduledBackup(
        getDb(),
        {
          databaseFile: env.databaseFile,
          backupDir: env.backupDir,
          intervalHours: env.BACKUP_INTERVAL_HOURS,
          keep: env.BACKUP_KEEP,
        },
        logger.child({ component: "backup" }),
      );
    }),
);
