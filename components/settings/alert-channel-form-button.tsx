"use client";

import { Pencil, Plus } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { CHANNEL_KIND_LABELS, type AlertChannelKind } from "@/components/alerts/format";
import { useCreateAlertChannel, useUpdateAlertChannel } from "@/components/alerts/alert-channels-api";
import { buttonStyles } from "@/components/ui/button-styles";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import {
  alertChannelInputSchema,
  type AlertChannelFields,
  type AlertChannelView,
} from "@/lib/admin/alert-channel-schema";
import {
  CHANNEL_FIELDS,
  ChannelKindSelect,
  channelValuesFrom,
  CommonChannelFields,
  EmailChannelFields,
  SlackChannelFields,
  WebhookChannelFields,
  type ChannelField,
} from "./alert-channel-fields";
import { AlertChannelSecretView } from "./alert-channel-secret-view";
import { DialogButtons, FormAlert } from "./confirm-dialog";
import { checkForm, fieldError, formLevelError, type FieldErrors } from "./field-errors";

const KIND_FIELDS = {
  slack: SlackChannelFields,
  webhook: WebhookChannelFields,
  email: EmailChannelFields,
} as const satisfies Record<AlertChannelKind, unknown>;

type ChannelMutation = ReturnType<typeof useCreateAlertChannel> | ReturnType<typeof useUpdateAlertChannel>;

/**
 * The channel form in its dialog: the kind (new channels only), its fields with the errors the browser
 * or the API found under each, and Save.
 */
function ChannelForm({
  editing,
  mutation,
  onSave,
  onCancel,
}: {
  editing: AlertChannelView | null;
  mutation: ChannelMutation;
  /** Called with the values once the shared schema passes them. */
  onSave: (input: AlertChannelFields) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [kind, setKind] = useState<AlertChannelKind>(editing?.kind ?? "slack");
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const error = (field: ChannelField) => fieldError(errors, mutation.error, field);
  const KindFields = KIND_FIELDS[kind];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkForm(alertChannelInputSchema, channelValuesFrom(kind, new FormData(event.currentTarget)));
    setErrors(checked.errors);
    if (checked.data) onSave(checked.data);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {formLevelError(mutation.error, CHANNEL_FIELDS) ? <FormAlert error={mutation.error} /> : null}
      {editing ? (
        <p className="text-sm">
          <span className="font-medium">Kind:</span> {CHANNEL_KIND_LABELS[kind]}
        </p>
      ) : (
        <ChannelKindSelect
          id={id}
          value={kind}
          onChange={(next) => {
            setKind(next);
            setErrors(null);
            mutation.reset();
          }}
        />
      )}
      <CommonChannelFields id={id} editing={editing} error={error}>
        {/* Keyed by kind: switching kinds starts its fields afresh. */}
        <KindFields key={kind} id={id} editing={editing} error={error} />
      </CommonChannelFields>
      <DialogButtons onCancel={onCancel}>
        <button type="submit" disabled={mutation.isPending} className={buttonStyles.primary}>
          {mutation.isPending ? "Saving…" : editing ? "Save" : "Add channel"}
        </button>
      </DialogButtons>
    </form>
  );
}

/** "Add channel": the form, then a webhook's generated signing secret shown once, or a toast. */
export function AddAlertChannelButton() {
  const [open, setOpen] = useState(false);
  const mutation = useCreateAlertChannel();
  const { showToast } = useToast();

  function close() {
    setOpen(false);
    // The generated secret is forgotten with the dialog.
    mutation.reset();
  }

  const secret = mutation.data?.signingSecret ?? null;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} className={buttonStyles.primary}>
        <Plus aria-hidden className="h-4 w-4" />
        Add channel
      </button>
      <Dialog
        open={open}
        onClose={close}
        title={mutation.data && secret ? "Channel added" : "Add alert channel"}
        description={
          mutation.data && secret
            ? `"${mutation.data.channel.name}" is saved, with a signing secret generated for it.`
            : "Where alerts are sent: a Slack-compatible webhook, a signed webhook, or e-mail. Secrets are stored encrypted and never shown again."
        }
      >
        {mutation.data && secret ? (
          <AlertChannelSecretView created={mutation.data.channel} signingSecret={secret} onDone={close} />
        ) : (
          <ChannelForm
            editing={null}
            mutation={mutation}
            onCancel={close}
            onSave={(input) =>
              mutation.mutate(input, {
                onSuccess: (created) => {
                  if (created.signingSecret) return;
                  close();
                  showToast(`Alert channel "${created.channel.name}" added`);
                },
              })
            }
          />
        )}
      </Dialog>
    </>
  );
}

/** "Edit" a channel saved in Settings: its secrets start empty and are kept unless typed again. */
export function EditAlertChannelButton({ channel }: { channel: AlertChannelView }) {
  const [open, setOpen] = useState(false);
  const mutation = useUpdateAlertChannel(channel.id);
  const { showToast } = useToast();

  function close() {
    setOpen(false);
    mutation.reset();
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className={`${buttonStyles.secondary} px-2 py-1 text-xs`}
        aria-label={`Edit ${channel.name}`}
      >
        <Pencil aria-hidden className="h-3.5 w-3.5" />
        Edit
      </button>
      <Dialog
        open={open}
        onClose={close}
        title="Edit alert channel"
        description="Secrets are not shown: leave a secret field empty to keep the saved one."
      >
        <ChannelForm
          editing={channel}
          mutation={mutation}
          onCancel={close}
          onSave={(input) =>
            mutation.mutate(input, {
              onSuccess: (saved) => {
                close();
                showToast(`Alert channel "${saved.name}" saved`);
              },
            })
          }
        />
      </Dialog>
    </>
  );
}
