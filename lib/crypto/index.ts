import { getEnv } from "@/lib/env";
import { createKeyVault, type KeyVault } from "./key-vault";

export { createKeyVault, type KeyVault } from "./key-vault";

let vault: KeyVault | undefined;

/** The vault keyed by KEY_ENCRYPTION_KEY. */
export function getKeyVault(): KeyVault {
  vault ??= createKeyVault(getEnv().KEY_ENCRYPTION_KEY);
  return vault;
}
