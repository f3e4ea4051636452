import path from "node:path";
import { z } from "zod";
import { GENERATED_SECRETS, readOrCreateSecret, type GeneratedSecretName } from "./secrets";
import { envSchema, PAIRED_VARIABLES, SECRET_VARIABLES, type RawEnv } from "./schema";

export { CWS_PUBLIC_SANDBOX_CLIENT_ID, CWS_PUBLIC_SANDBOX_CLIENT_SECRET, type RawEnv } from "./schema";

export type Env = Omit<RawEnv, GeneratedSecretName | "DATABASE_URL" | "NEXTAUTH_URL"> &
  Record<GeneratedSecretName, string> & {
    DATABASE_URL: string;
    NEXTAUTH_URL: string;
    /** Absolute path of the data folder. */
    dataDir: string;
    /** Absolute path of the SQLite file. */
    databaseFile: string;
    /** Absolute path of the backups folder. */
    backupDir: string;
    /** NODE_ENV=production together with APP_ENV=production: nothing is generated, secrets are required. */
    productionMode: boolean;
    /** Names of secrets this process generated into the data folder on this start. */
    generatedSecrets: GeneratedSecretName[];
  };

/** A configuration problem; its message names every bad variable and never contains a secret value. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

type Source = Record<string, string | undefined>;

/** Empty variables count as unset, as shells and .env files commonly produce them. */
function withoutEmptyValues(source: Source): Source {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""));
}

function describeIssues(issues: z.core.$ZodIssue[], source: Source): string {
  return issues
    .map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const raw = source[name];
      const shown = raw === undefined || SECRET_VARIABLES.has(name) ? "" : ` (got ${JSON.stringify(raw)})`;
      return `  - ${name} ${issue.message}${shown}`;
    })
    .join("\n");
}

/** Validates the variables that do not need the data folder. */
export function parseRawEnv(source: Source = process.env): RawEnv {
  const input = withoutEmptyValues(source);
  const result = envSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(`Invalid configuration:\n${describeIssues(result.error.issues, input)}`);
  }
  const unpaired = PAIRED_VARIABLES.filter(
    ([a, b]) => (result.data[a] === undefined) !== (result.data[b] === undefined),
  );
  if (unpaired.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n${unpaired.map(([a, b]) => `  - ${a} and ${b} must be set together (or both left unset)`).join("\n")}`,
    );
  }
  return result.data;
}

/** Where the data folder, the SQLite file and the backups are, resolved against the working directory. */
export function resolveStorage(raw: Pick<RawEnv, "DATA_DIR" | "DATABASE_URL" | "BACKUP_DIR">, cwd = process.cwd()) {
  const dataDir = path.resolve(cwd, raw.DATA_DIR);
  const databaseUrl = raw.DATABASE_URL ?? `file:${path.join(raw.DATA_DIR, "app.db")}`;
  const databaseFile = path.resolve(cwd, databaseUrl.replace(/^file:/, ""));
  const backupDir = raw.BACKUP_DIR ? path.resolve(cwd, raw.BACKUP_DIR) : path.join(dataDir, "backups");
  return { dataDir, databaseUrl, databaseFile, backupDir };
}

/** Parses and completes the configuration: defaults, storage paths and the secrets of the data folder. */
export function loadEnv(source: Source = process.env, cwd = process.cwd()): Env {
  const raw = parseRawEnv(source);
  const { dataDir, databaseUrl, databaseFile, backupDir } = resolveStorage(raw, cwd);
  const productionMode = raw.NODE_ENV === "production" && raw.APP_ENV === "production";

  const names = Object.keys(GENERATED_SECRETS) as GeneratedSecretName[];
  const missing = names.filter((name) => raw[name] === undefined);
  if (productionMode && missing.length > 0) {
    throw new ConfigError(
      `Missing secrets in production (NODE_ENV=production, APP_ENV=production):\n${missing
        .map((name) => `  - ${name} is required; generate one with: openssl rand -base64 32`)
        .join("\n")}`,
    );
  }
  const generatedSecrets: GeneratedSecretName[] = [];
  const secrets = {} as Record<GeneratedSecretName, string>;
  for (const name of names) {
    const configured = raw[name];
    if (configured !== undefined) {
      secrets[name] = configured;
      continue;
    }
    const { value, created } = readOrCreateSecret(dataDir, name);
    secrets[name] = value;
    if (created) generatedSecrets.push(name);
  }

  return {
    ...raw,
    ...secrets,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: raw.NEXTAUTH_URL ?? `http://localhost:${raw.PORT}`,
    dataDir,
    databaseFile,
    backupDir,
    productionMode,
    generatedSecrets,
  };
}

let cached: Env | undefined;

/** The process's configuration, validated once on first use. */
export function getEnv(): Env {
  cached ??= loadEnv();
  return cached;
}
