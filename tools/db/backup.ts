import path from "node:path";
import { BackupError, createBackup } from "@/lib/backup/backup";
import { ConfigError, parseRawEnv, resolveStorage } from "@/lib/env";

// `npm run db:backup`: a checked copy of the database into BACKUP_DIR (default DATA_DIR/backups),
// made while the app runs. It reads the configuration without creating anything in the data folder.

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const raw = parseRawEnv();
  const { databaseFile, backupDir } = resolveStorage(raw);
  const made = await createBackup({ databaseFile, backupDir, keep: raw.BACKUP_KEEP, trigger: "command" });
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  console.log(
    `Backed up ${relative(databaseFile)} to ${relative(made.file)} in ${(made.durationMs / 1000).toFixed(1)} s: ` +
      `${megabytes(made.bytes)}, ${made.orders} orders, ${made.keys} keys; the copy passed SQLite's check.`,
  );
  if (made.pruned.length > 0)
    console.log(`Deleted ${made.pruned.length} older backup(s), keeping the newest ${raw.BACKUP_KEEP} (BACKUP_KEEP).`);
  console.log(
    "The key encryption key is not in the backup: keep a copy of KEY_ENCRYPTION_KEY (or DATA_DIR/secrets/KEY_ENCRYPTION_KEY) somewhere else, or the keys in it cannot be read.",
  );
}

main().catch((error: unknown) => {
  const known = error instanceof BackupError || error instanceof ConfigError;
  console.error(known ? `Backup failed: ${error.message}` : error);
  process.exit(1);
});
