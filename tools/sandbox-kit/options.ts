import path from "node:path";

// Checks of the options every sandbox takes. Each sandbox throws its own configuration error class.

type ConfigError = new (message: string) => Error;

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** The value when it is an integer from min to max, the fallback when it is absent. */
export function integerOption(
  configError: ConfigError,
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new configError(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

export function portOption(configError: ConfigError, port: number | undefined, defaultPort: number): number {
  return integerOption(configError, "port", port, defaultPort, 0, 65_535);
}

/** Seconds from issue to expiry of the sandbox's access tokens: at most a year. */
export function tokenTtlOption(configError: ConfigError, seconds: number | undefined): number {
  return integerOption(configError, "tokenTtlSeconds", seconds, DEFAULT_TOKEN_TTL_SECONDS, 1, 31_536_000);
}

/** The bind address; loopback by default, since the control API has no authentication. */
export function hostOption(configError: ConfigError, host: string | undefined): string {
  const value = host ?? DEFAULT_HOST;
  if (value.trim() === "") throw new configError("host must not be empty");
  return value;
}

export function stateFileOption(stateFile: string | undefined): string | null {
  return stateFile === undefined ? null : path.resolve(stateFile);
}
