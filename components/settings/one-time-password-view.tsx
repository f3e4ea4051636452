"use client";

import type { UserWithPassword } from "@/lib/admin/users";
import { ShownOnceValues } from "./one-time-secret";

/** An account's new password, shown this once, to hand over privately. */
export function OneTimePasswordView({ result, onDone }: { result: UserWithPassword; onDone: () => void }) {
  return (
    <ShownOnceValues
      what="this one-time password"
      values={[
        { label: "E-mail", value: result.user.email },
        { label: "One-time password", value: result.oneTimePassword },
      ]}
      hint="Hand it over privately (not in a shared channel). They sign in with it at the dashboard's sign-in page."
      onDone={onDone}
    />
  );
}
