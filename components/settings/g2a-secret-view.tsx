"use client";

import type { G2aCredentialsWithSecret } from "@/lib/admin/g2a-credentials";
import { ShownOnceValues } from "./one-time-secret";

/** A pair just generated or rotated: its id and secret, with the warning that the secret is not shown again. */
export function G2aSecretView({ result, onDone }: { result: G2aCredentialsWithSecret; onDone: () => void }) {
  return (
    <ShownOnceValues
      what="the client secret"
      values={[
        { label: "Client id", value: result.credentials.clientId },
        { label: "Client secret", value: result.clientSecret },
      ]}
      hint="Type both into G2A's panel. G2A gets its tokens at /api/g2a/oauth/token."
      onDone={onDone}
    />
  );
}
