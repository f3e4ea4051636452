"use client";

import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { MappingRow } from "@/lib/admin/mapping-schema";
import { useCreateMapping, useUpdateMapping } from "./api";
import { formValuesOf, MappingForm, type MappingFormValues } from "./mapping-form";

type MappingFormDialogProps = {
  open: boolean;
  /** The mapping to edit; null creates a new one. */
  mapping: MappingRow | null;
  onClose: () => void;
};

/** "New mapping" and "Edit mapping": the form in a dialog, a toast once saved. */
export function MappingFormDialog({ open, mapping, onClose }: MappingFormDialogProps) {
  const create = useCreateMapping();
  const update = useUpdateMapping();
  const mutation = mapping ? update : create;
  const { showToast } = useToast();

  function close() {
    create.reset();
    update.reset();
    onClose();
  }

  function save(values: MappingFormValues) {
    const done = (saved: MappingRow) => {
      showToast(
        mapping ? `Mapping of G2A product ${saved.g2aProductId} saved` : `G2A product ${saved.g2aProductId} mapped`,
      );
      close();
    };
    if (mapping) update.mutate({ id: mapping.id, changes: values }, { onSuccess: done });
    else create.mutate(values, { onSuccess: done });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={mapping ? `Edit mapping of G2A product ${mapping.g2aProductId}` : "New mapping"}
      description="Which CodesWholesale product is bought when G2A sells this G2A product, and within which limits."
    >
      <MappingForm
        key={mapping?.id ?? "new"}
        initial={formValuesOf(mapping)}
        submitLabel={mapping ? "Save" : "Create mapping"}
        pending={mutation.isPending}
        error={mutation.error}
        onSubmit={save}
        onCancel={close}
      />
    </Dialog>
  );
}
