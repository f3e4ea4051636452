"use client";

import { errorMessage } from "@/components/api/fetch-json";
import { buttonStyles } from "@/components/ui/button-styles";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { MappingRow } from "@/lib/admin/mapping-schema";
import { useDeleteMapping } from "./api";

/** Asks before a mapping is deleted, saying what that changes for G2A and for orders on their way. */
export function DeleteMappingDialog({ mapping, onClose }: { mapping: MappingRow | null; onClose: () => void }) {
  const remove = useDeleteMapping();
  const { showToast } = useToast();

  function close() {
    remove.reset();
    onClose();
  }

  function confirm(target: MappingRow) {
    remove.mutate(target.id, {
      onSuccess: () => {
        showToast(`Mapping of G2A product ${target.g2aProductId} deleted`);
        close();
      },
    });
  }

  return (
    <Dialog
      open={mapping !== null}
      onClose={close}
      title={`Delete the mapping of G2A product ${mapping?.g2aProductId ?? ""}?`}
      description="G2A can no longer reserve this product. Orders already placed still complete, but without this mapping's maximum unit cost or pre-order permission. To stop selling for a while, disable the mapping instead."
    >
      <div className="space-y-4">
        {remove.isError && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {errorMessage(remove.error)}
          </p>
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <button type="button" onClick={close} className={buttonStyles.secondary}>
            Cancel
          </button>
          <button
            type="button"
            onClick={() => mapping && confirm(mapping)}
            disabled={remove.isPending}
            className={buttonStyles.danger}
          >
            {remove.isPending ? "Deleting…" : "Delete mapping"}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
