import { currentBackupStatus, type BackupStatus } from "@/lib/backup/status";
import { cwsStatus, type CwsStatus } from "@/lib/cws/status";
import { pingDb, type Db } from "@/lib/db";
import { engineState, type EngineState } from "@/lib/workflow/registry";
import packageJson from "@/package.json";

export type HealthReport = {
  status: "ok" | "error";
  db: "ok" | "down";
  /** The workflow engine's last known state (no query of its own). */
  engine: EngineState;
  /** What this process last saw of CodesWholesale (no call per probe). */
  cws: CwsStatus;
  /** The last database backup and whether one is overdue (no file names or errors: this is public); null when unreadable. */
  backup: BackupHealth | null;
  version: string;
  uptimeSeconds: number;
  time: string;
};

export type BackupHealth = {
  lastSuccessAt: string | null;
  ageHours: number | null;
  lastAttemptOk: boolean | null;
  intervalHours: number;
  overdue: boolean;
};

const startedAt = Date.now();

function backupHealth(status: BackupStatus | null): BackupHealth | null {
  if (!status) return null;
  return {
    lastSuccessAt: status.lastSuccess?.at ?? null,
    ageHours: status.lastSuccess?.ageHours ?? null,
    lastAttemptOk: status.lastAttempt?.ok ?? null,
    intervalHours: status.intervalHours,
    overdue: status.overdue,
  };
}

/**
 * Liveness and readiness from what this process knows: one trivial database query, no supplier call.
 * `openDb` is called inside the check, so a database that cannot even be opened reports down.
 * Healthy means "we can answer G2A": only a database that does not answer makes it unhealthy;
 * the workflow engine is reported, never a reason for 503.
 */
export async function checkHealth(
  openDb: () => Db,
  version = packageJson.version,
  readEngine: () => EngineState = engineState,
  readBackup: () => BackupStatus | null = currentBackupStatus,
): Promise<HealthReport> {
  const base = {
    engine: readEngine(),
    cws: cwsStatus(),
    backup: backupHealth(readBackup()),
    version,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    time: new Date().toISOString(),
  };
  try {
    await pingDb(openDb());
    return { status: "ok", db: "ok", ...base };
  } catch {
    return { status: "error", db: "down", ...base };
  }
}
