import { DatabaseBackup } from "lucide-react";
import { formatDateTime } from "@/components/orders/format";
import type { Overview } from "@/lib/admin/overview";

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The last database backup, whether the last attempt worked, and a warning when one is overdue. */
export function BackupCard({ backup }: { backup: Overview["backup"] }) {
  if ("error" in backup)
    return (
      <section aria-labelledby="backup-title" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <BackupTitle />
        <p className="text-sm text-orange-700">{backup.error}</p>
      </section>
    );
  const { lastSuccess, lastAttempt, intervalHours, overdue } = backup;
  const failedSince = lastAttempt && !lastAttempt.ok;
  return (
    <section aria-labelledby="backup-title" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <BackupTitle />
      <p className={`text-sm font-medium ${overdue ? "text-red-700" : ""}`}>
        {lastSuccess ? `Last backup ${formatDateTime(lastSuccess.at)}` : "No backup yet"}
      </p>
      {lastSuccess && (
        <p className="text-xs text-slate-500">
          {lastSuccess.file}, {megabytes(lastSuccess.bytes)}
        </p>
      )}
      {overdue && (
        <p className="text-sm font-medium text-red-700">
          Overdue: run <code>npm run db:backup</code> on the server and check the backups folder.
        </p>
      )}
      {failedSince && (
        <p className="text-sm text-orange-700">
          The last attempt ({formatDateTime(lastAttempt.at)}) failed: {lastAttempt.error}
        </p>
      )}
      <p className="text-xs text-slate-500">
        {intervalHours > 0 ? `Every ${intervalHours} hours` : "Scheduled backups are off (BACKUP_INTERVAL_HOURS=0)"}
      </p>
    </section>
  );
}

function BackupTitle() {
  return (
    <h2 id="backup-title" className="flex items-center gap-2 font-semibold">
      <DatabaseBackup aria-hidden className="h-4 w-4 text-slate-500" />
      Backups
    </h2>
  );
}
