import fs from "node:fs";
import path from "node:path";

/**
 * Only the app's own user may read the data folder: it holds the database (keys encrypted, but
 * orders and staff accounts in the clear), generated secrets and the local sandbox's codes. Every
 * file this process and its children create from now on is private (umask), the folder is 0700,
 * and files already there (an earlier version's, or copied in) become 0600. SQLite gives the WAL and
 * shared-memory files the database file's mode.
 */
export function protectDataDir(dataDir: string, databaseFile: string): void {
  process.umask(0o077);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  const files = [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`, ...listFiles(dataDir)];
  for (const file of new Set(files)) {
    if (fs.existsSync(file)) fs.chmodSync(file, fs.statSync(file).isDirectory() ? 0o700 : 0o600);
  }
}

/** Where `npm start` writes the server's process id while it runs. */
export function serverPidFile(dataDir: string): string {
  return path.join(dataDir, "server.pid");
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? [full, ...listFiles(full)] : entry.isFile() ? [full] : [];
  });
}
