"use client";

import { FileWarning, Upload } from "lucide-react";
import { useId, useState, type ChangeEvent } from "react";
import { errorMessage } from "@/components/api/fetch-json";
import { buttonStyles, inputStyles } from "@/components/ui/button-styles";
import { cellStyles, DataTable } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { MAX_IMPORT_CSV_BYTES, MAX_IMPORT_ROWS, type ImportRowReport } from "@/lib/admin/mapping-schema";
import { useImportMappings, usePreviewImport } from "./api";

const COLUMNS = [{ label: "Line" }, { label: "G2A product" }, { label: "What to fix" }] as const;

function RowErrorsTable({ rows }: { rows: ImportRowReport[] }) {
  return (
    <DataTable columns={COLUMNS} caption="Lines of the file to fix">
      {rows.map((row) => (
        <tr key={row.line}>
          <td className={`${cellStyles} tabular-nums`}>{row.line}</td>
          <td className={`${cellStyles} tabular-nums`}>{row.g2aProductId ?? "—"}</td>
          <td className={cellStyles}>
            <ul className="space-y-0.5">
              {Object.entries(row.errors).flatMap(([column, messages]) =>
                messages.map((message) => (
                  <li key={`${column}:${message}`}>
                    <span className="font-mono text-xs">{column}</span>: {message}
                  </li>
                )),
              )}
            </ul>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/**
 * Import CSV: the chosen file is checked first without writing anything; the admin sees every line
 * to fix, or what the import will do and confirms it.
 */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const id = useId();
  const preview = usePreviewImport();
  const importing = useImportMappings();
  const { showToast } = useToast();
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  function close() {
    preview.reset();
    importing.reset();
    setFile(null);
    setFileError(null);
    onClose();
  }

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    // Cleared so that choosing the same file again, once fixed, reads it again.
    event.target.value = "";
    preview.reset();
    importing.reset();
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_CSV_BYTES) {
      setFileError(`${chosen.name} is larger than ${MAX_IMPORT_CSV_BYTES / 1024} KiB; split it into smaller files.`);
      return;
    }
    const csv = await chosen.text();
    setFile({ name: chosen.name, csv });
    preview.mutate(csv);
  }

  function confirm() {
    if (file === null) return;
    importing.mutate(file.csv, {
      onSuccess: (result) => {
        showToast(`${result.created} created, ${result.updated} updated`);
        close();
      },
    });
  }

  const result = preview.data;
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Import mappings from CSV"
      description={`One row per G2A product, with a header row naming the columns (Export CSV writes the format). Rows update the mapping of their G2A product or create it. Up to ${MAX_IMPORT_ROWS} rows and ${MAX_IMPORT_CSV_BYTES / 1024} KiB; if any row is wrong, nothing is imported.`}
    >
      <div className="space-y-4">
        <div>
          <label htmlFor={`${id}-file`} className="block text-sm font-medium">
            CSV file
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => void choose(event)}
            className={`${inputStyles} mt-1`}
          />
        </div>
        {(fileError || preview.isError || importing.isError) && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {fileError ?? errorMessage(preview.error ?? importing.error)}
          </p>
        )}
        {preview.isPending && <p className="text-sm text-slate-600">Checking {file?.name}…</p>}
        {result && !result.valid && (
          <div className="space-y-2">
            <p role="alert" className="flex items-center gap-2 text-sm font-medium text-red-800">
              <FileWarning aria-hidden className="h-4 w-4 shrink-0" />
              {file?.name}: {count(result.rows.length, "line")} to fix; nothing was imported.
            </p>
            <RowErrorsTable rows={result.rows} />
          </div>
        )}
        {result?.valid && (
          <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {file?.name} is ready to import: {count(result.created, "new mapping")},{" "}
            {count(result.updated, "changed mapping")}, {result.unchanged} unchanged.
          </p>
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button type="button" onClick={close} className={buttonStyles.secondary}>
            Cancel
          </button>
          <button
            type="button"
            onClick={confirm}
            disabled={!result?.valid || importing.isPending}
            className={buttonStyles.primary}
          >
            <Upload aria-hidden className="h-4 w-4" />
            {importing.isPending ? "Importing…" : "Import"}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
