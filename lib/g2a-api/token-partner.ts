import type { TokenErrors } from "@/lib/api-client/client-credentials";
import { G2aApiAuthError, G2aApiUnavailableError } from "./errors";

/** How the shared client-credentials token cache speaks of G2A's Import API. */
export const G2A_TOKEN_PARTNER: TokenErrors & { logMessage: string; defaultExpiresInSeconds: number } = {
  partner: "G2A",
  logMessage: "g2a call",
  credentialsName: "Import API",
  refusedHint: "check the client id and secret",
  // G2A's peers assume an hour when the token answer carries no lifetime (g2a-import-api.md §1.2).
  defaultExpiresInSeconds: 3600,
  unavailable: (message, details) => new G2aApiUnavailableError(message, details),
  refused: (message, details) => new G2aApiAuthError(message, details),
};
