import path from "node:path";
import { restoreBackup, RestoreError } from "@/lib/backup/restore";
import { ConfigError, parseRawEnv, resolveStorage } from "@/lib/env";
import { serverPidFile } from "@/lib/env/data-dir";
import { readSecret } from "@/lib/env/secrets";

// `npm run db:restore -- <file> [--force]`: puts a backup in place of the database of a stopped app.

const USAGE = "usage: npm run db:restore -- <backup file> [--force]";

function main(): void {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const files = args.filter((arg) => arg !== "--force");
  if (files.length !== 1 || files[0]!.startsWith("-")) {
    console.error(USAGE);
    process.exit(2);
  }
  const raw = parseRawEnv();
  const { dataDir, databaseFile } = resolveStorage(raw);
  const file = path.resolve(files[0]!);
  const result = restoreBackup({
    file,
    databaseFile,
    serverPidFile: serverPidFile(dataDir),
    force,
    keyEncryptionKey: raw.KEY_ENCRYPTION_KEY ?? readSecret(dataDir, "KEY_ENCRYPTION_KEY"),
  });
  console.log(
    `Restored ${file} (taken ${result.takenAt.toISOString()}: ${result.orders} orders, ${result.keys} keys) into ${databaseFile}.`,
  );
  if (result.replacedKeptAs) console.log(`The database it replaced is kept as ${result.replacedKeptAs}.`);
  switch (result.keyCheck) {
    case "opens the keys":
      console.log("The key encryption key of this data folder opens the backup's keys.");
      break;
    case "no keys to open":
      break;
    case "no key in this data folder":
      console.log(
        `WARNING: this data folder has no key encryption key. Put the one the backup was made with in ${path.join(dataDir, "secrets", "KEY_ENCRYPTION_KEY")} (or set KEY_ENCRYPTION_KEY) before npm start: without it the backup's keys cannot be read.`,
      );
      break;
    case "does not open the keys":
      console.log(
        "WARNING: the key encryption key of this data folder does not open the backup's keys. Use the key the backup was made with (KEY_ENCRYPTION_KEY or DATA_DIR/secrets/KEY_ENCRYPTION_KEY) before npm start.",
      );
      break;
  }
  console.log("Start the app with npm start: it brings the database's schema up to date first.");
}

try {
  main();
} catch (error) {
  const known = error instanceof RestoreError || error instanceof ConfigError;
  console.error(known ? `Restore refused: ${error.message}` : error);
  process.exit(1);
}
