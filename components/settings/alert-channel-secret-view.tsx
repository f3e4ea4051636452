"use client";

import { ShieldAlert } from "lucide-react";
import { buttonStyles } from "@/components/ui/button-styles";
import type { CreatedAlertChannel } from "@/lib/admin/alert-channel-schema";
import { CopyableValue } from "./one-time-secret";

/** A webhook channel just added with a generated signing secret: the secret this once, for the receiver. */
export function AlertChannelSecretView({
  created,
  signingSecret,
  onDone,
}: {
  created: CreatedAlertChannel["channel"];
  signingSecret: string;
  onDone: () => void;
}) {
  return (
    <div className="space-y-4">
      <p className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900">
        <ShieldAlert aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
        <span>
          <strong>Store the signing secret now: it is never shown again.</strong> It is kept encrypted to sign each
          delivery; once this dialog is closed nobody can read it, and a lost one can only be replaced by editing the
          channel.
        </span>
      </p>
      <CopyableValue label="Signing secret" value={signingSecret} />
      <p className="text-sm text-slate-600">
        Give it to the receiver of &quot;{created.name}&quot; ({created.target}): every post to it carries an
        X-Signature header, <code className="font-mono text-xs">t=&lt;unix time&gt;,v1=&lt;hex&gt;</code>, the
        HMAC-SHA256 of &quot;&lt;t&gt;.&lt;body&gt;&quot; under this secret.
      </p>
      <div className="flex justify-end">
        <button type="button" onClick={onDone} className={buttonStyles.primary} autoFocus>
          I have stored it
        </button>
      </div>
    </div>
  );
}
