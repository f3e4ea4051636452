import type { TokenErrors } from "@/lib/api-client/client-credentials";
import { CwsAuthError, CwsUnavailableError } from "./errors";

/** How the shared client-credentials token cache speaks of CWS (§11.1). */
export const CWS_TOKEN_PARTNER: TokenErrors & { logMessage: string } = {
  partner: "CWS",
  logMessage: "cws call",
  refusedHint: "check CWS_CLIENT_ID and CWS_CLIENT_SECRET",
  unavailable: (message, details) => new CwsUnavailableError(message, details),
  refused: (message, details) => new CwsAuthError(message, details),
};
