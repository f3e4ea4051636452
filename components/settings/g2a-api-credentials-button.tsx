"use client";

import { KeyRound } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { buttonStyles } from "@/components/ui/button-styles";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import type { G2aApiConnectionView } from "@/lib/admin/g2a-api-connection";
import { g2aApiCredentialsSchema, type G2aApiCredentialsInput } from "@/lib/admin/settings-schema";
import { useSaveG2aApiCredentials, useTestG2aApiConnection } from "./api";
import { checkForm, fieldError, formLevelError, type FieldErrors } from "./field-errors";
import { G2aApiTestResult } from "./g2a-api-test-result";
import { SaveFormDialog } from "./save-form-dialog";

const FIELDS = ["baseUrl", "clientId", "clientSecret"] as const;
const G2A_BASE_URL = "https://api.g2a.com";

/**
 * Enters the Import API credentials, or replaces the saved ones: "Test" tries them as typed without
 * saving, "Save" keeps them. The secret field always starts empty: a saved secret never comes back.
 */
export function G2aApiCredentialsButton({ saved }: { saved: G2aApiConnectionView["saved"] }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const save = useSaveG2aApiCredentials();
  const test = useTestG2aApiConnection();
  const { showToast } = useToast();
  const title = saved ? "Replace G2A seller API credentials" : "Enter G2A seller API credentials";

  function close() {
    setOpen(false);
    setErrors(null);
    // Both mutations hold the typed secret as their input: it is forgotten with the dialog.
    save.reset();
    test.reset();
  }

  function read(form: HTMLFormElement): G2aApiCredentialsInput | null {
    const values = new FormData(form);
    const checked = checkForm(
      g2aApiCredentialsSchema,
      Object.fromEntries(FIELDS.map((field) => [field, values.get(field) ?? ""])),
    );
    setErrors(checked.errors);
    return checked.data;
  }

  function runTest(form: HTMLFormElement | null) {
    const input = form && read(form);
    if (!input) return;
    save.reset();
    test.mutate(input);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = read(event.currentTarget);
    if (!input) return;
    test.reset();
    save.mutate(input, {
      onSuccess: () => {
        close();
        showToast("G2A seller API credentials saved");
      },
    });
  }

  const apiError = save.error ?? test.error;
  const alert = formLevelError(apiError, FIELDS);
  const busy = save.isPending || test.isPending;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={buttonStyles.primary}>
        <KeyRound aria-hidden className="h-4 w-4" />
        {saved ? "Replace credentials" : "Enter credentials"}
      </button>
      <SaveFormDialog
        open={open}
        onClose={close}
        title={title}
        description="The Import API client id and secret from G2A's seller panel. Test tries them without saving; once saved, every call to G2A's Import API uses them and the secret is never shown again."
        onSubmit={submit}
        alert={alert}
        saving={save.isPending}
        busy={busy}
        actions={
          <button
            type="button"
            onClick={(event) => runTest(event.currentTarget.form)}
            disabled={busy}
            className={buttonStyles.secondary}
          >
            {test.isPending ? "Testing…" : "Test"}
          </button>
        }
      >
        <TextField
          id={`${id}-base-url`}
          name="baseUrl"
          label="Base URL"
          type="url"
          defaultValue={saved?.baseUrl ?? G2A_BASE_URL}
          spellCheck={false}
          hint="G2A's sandbox is https://sandboxapi.g2a.com."
          error={fieldError(errors, apiError, "baseUrl")}
        />
        <TextField
          id={`${id}-client-id`}
          name="clientId"
          label="Client id"
          defaultValue={saved?.clientId ?? ""}
          autoComplete="off"
          spellCheck={false}
          error={fieldError(errors, apiError, "clientId")}
        />
        <TextField
          id={`${id}-client-secret`}
          name="clientSecret"
          label="Client secret"
          type="password"
          autoComplete="off"
          error={fieldError(errors, apiError, "clientSecret")}
        />
        {test.data && <G2aApiTestResult result={test.data} />}
      </SaveFormDialog>
    </>
  );
}
