"use client";

import { Eye, ShieldAlert } from "lucide-react";
import { useState } from "react";
import { buttonStyles } from "@/components/ui/button-styles";
import { Dialog } from "@/components/ui/dialog";
import { useRevealKey } from "./api";
import { ReasonForm } from "./reason-form";

/** ADMIN: shows one key's value once, after asking why; the reveal is audited. The value is never cached. */
export function RevealKeyButton({ orderId, keyId }: { orderId: string; keyId: string }) {
  const [open, setOpen] = useState(false);
  const mutation = useRevealKey(orderId, keyId);
  const revealed = mutation.data;

  function close() {
    setOpen(false);
    // Forget the value as soon as the dialog closes.
    mutation.reset();
  }

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={`${buttonStyles.secondary} px-2 py-1 text-xs`}>
        <Eye aria-hidden className="h-3.5 w-3.5" />
        Reveal
      </button>
      <Dialog
        open={open}
        onClose={close}
        title="Reveal key"
        description={
          <p className="flex items-start gap-2 rounded-md bg-amber-50 p-2 text-amber-900">
            <ShieldAlert aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
            Revealing a key is audited: your e-mail, the time, your address and your reason are recorded on the
            order&apos;s timeline and in the audit log.
          </p>
        }
      >
        {revealed ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-600">Shown once; it disappears when you close this dialog.</p>
            {revealed.kind === "TEXT" ? (
              <output className="block break-all rounded-md bg-slate-900 px-3 py-2 font-mono text-sm text-white">
                {revealed.value}
              </output>
            ) : (
              // A data: URL of a key image, not an asset Next could optimise.
              // eslint-disable-next-line @next/next/no-img-element
              <img
                alt="Key image"
                src={`data:${revealed.mimeType ?? "image/png"};base64,${revealed.value}`}
                className="max-w-full rounded-md border"
              />
            )}
            <div className="flex justify-end">
              <button type="button" onClick={close} className={buttonStyles.secondary}>
                Close
              </button>
            </div>
          </div>
        ) : (
          <ReasonForm
            confirmLabel="Reveal key"
            pendingLabel="Revealing…"
            pending={mutation.isPending}
            error={mutation.error}
            tone="danger"
            onCancel={close}
            onSubmit={(input) => mutation.mutate(input)}
          />
        )}
      </Dialog>
    </>
  );
}
