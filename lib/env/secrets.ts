import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Secrets the embedded default can generate for itself when they are not configured. */
export const GENERATED_SECRETS = {
  KEY_ENCRYPTION_KEY: {
    generate: () => randomBytes(32).toString("base64"),
    purpose: "encrypts purchased keys at rest: back it up, without it stored keys cannot be read",
  },
  NEXTAUTH_SECRET: {
    generate: () => randomBytes(48).toString("base64url"),
    purpose: "signs dashboard sessions: replacing it signs everyone out",
  },
} as const;

export type GeneratedSecretName = keyof typeof GENERATED_SECRETS;

export function secretsDir(dataDir: string): string {
  return path.join(dataDir, "secrets");
}

/** Reads one of the configuration secrets from the data folder, creating it on first use. */
export function readOrCreateSecret(dataDir: string, name: GeneratedSecretName): { value: string; created: boolean } {
  return readOrCreateNamedSecret(dataDir, name, GENERATED_SECRETS[name].generate);
}

/**
 * Reads a secret from the data folder, creating it (0600) with `generate` on first use. Also serves
 * internal secrets that are no environment variable (the embedded workflow engine's signing key).
 * Creation is atomic (write a temporary file, then hard-link it into place), so two processes
 * starting together agree on one value. Returns whether this call created it.
 */
export function readOrCreateNamedSecret(
  dataDir: string,
  name: string,
  generate: () => string,
): { value: string; created: boolean } {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`invalid secret name ${JSON.stringify(name)}`);
  const dir = secretsDir(dataDir);
  const file = path.join(dir, name);
  const existing = readSecretFile(file);
  if (existing !== undefined) return { value: existing, created: false };

  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const value = generate();
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(temporary, `${value}\n`, { mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
    return { value, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const winner = readSecretFile(file);
    if (winner === undefined) throw new Error(`${file} exists but is empty`);
    return { value: winner, created: false };
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** A configuration secret the data folder holds, without creating it; undefined when there is none. */
export function readSecret(dataDir: string, name: GeneratedSecretName): string | undefined {
  return readSecretFile(path.join(secretsDir(dataDir), name));
}

function readSecretFile(file: string): string | undefined {
  try {
    const value = fs.readFileSync(file, "utf8").trim();
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    return value === "" ? undefined : value;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
