"use client";

import { buttonStyles } from "@/components/ui/button-styles";
import type { UserWithPassword } from "@/lib/admin/users";
import { CopyableValue, ShownOnceWarning } from "./one-time-secret";

/** An account's new password, shown this once, to hand over privately. */
export function OneTimePasswordView({ result, onDone }: { result: UserWithPassword; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <ShownOnceWarning what="this one-time password" />
      <CopyableValue label="E-mail" value={result.user.email} />
      <CopyableValue label="One-time password" value={result.oneTimePassword} />
      <p className="text-sm text-slate-600">Hand it over privately (not in a shared channel). They sign in with it at the dashboard&apos;s sign-in page.</p>
      <div className="flex justify-end">
        <button type="button" onClick={onDone} className={buttonStyles.primary} autoFocus>
          I have stored it
        </button>
      </div>
    </div>
  );
}
