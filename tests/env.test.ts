import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CWS_PUBLIC_SANDBOX_CLIENT_ID, ConfigError, loadEnv, parseRawEnv } from "@/lib/env";

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "env-test-"));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const KEY = Buffer.alloc(32, 7).toString("base64");
const AUTH = "x".repeat(40);

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("applies the documented defaults when nothing is set", () => {
    const cwd = tempDir();
    const env = loadEnv({}, cwd);
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe("./data");
    expect(env.DATABASE_URL).toBe("file:data/app.db");
    expect(env.databaseFile).toBe(path.join(cwd, "data", "app.db"));
    expect(env.RESERVATION_TTL_SECONDS).toBe(1800);
    expect(env.ORDER_SYNC_WAIT_MS).toBe(2500);
    expect(env.CWS_NOT_READY_ALERT_MIN).toBe(10);
    expect(env.CWS_STOCK_MAX_AGE_SECONDS).toBe(30);
    expect(env.STUCK_ORDER_MINUTES).toBe(15);
    expect(env.CWS_CLIENT_ID).toBe(CWS_PUBLIC_SANDBOX_CLIENT_ID);
    expect(env.NEXTAUTH_URL).toBe("http://localhost:3000");
    expect(env.productionMode).toBe(false);
  });

  it("keeps the database inside DATA_DIR unless DATABASE_URL says otherwise", () => {
    const cwd = tempDir();
    expect(loadEnv({ DATA_DIR: "state" }, cwd).databaseFile).toBe(path.join(cwd, "state", "app.db"));
    expect(loadEnv({ DATA_DIR: "state", DATABASE_URL: "file:/var/lib/shop.db" }, cwd).databaseFile).toBe(
      "/var/lib/shop.db",
    );
  });

  it("treats empty variables as unset", () => {
    expect(parseRawEnv({ PORT: "", G2A_CLIENT_ID: "  " }).PORT).toBe(3000);
  });

  it("names every bad variable and what was wrong with it", () => {
    const error = configError(() =>
      parseRawEnv({ PORT: "eighty", ORDER_SYNC_WAIT_MS: "-5", CWS_BASE_URL: "ftp://cws" }),
    );
    expect(error.message).toContain('PORT must be an integer between 1 and 65535 (got "eighty")');
    expect(error.message).toContain("ORDER_SYNC_WAIT_MS must be an integer between 0 and 25000");
    expect(error.message).toContain("CWS_BASE_URL must be an http(s) URL");
  });

  it("never repeats the value of a bad secret", () => {
    const error = configError(() =>
      parseRawEnv({ KEY_ENCRYPTION_KEY: "hunter2-not-a-key", NEXTAUTH_SECRET: "short-secret" }),
    );
    expect(error.message).toContain("KEY_ENCRYPTION_KEY must be 32 bytes encoded in base64");
    expect(error.message).toContain("NEXTAUTH_SECRET must be at least 32 characters");
    expect(error.message).not.toContain("hunter2");
    expect(error.message).not.toContain("short-secret");
  });

  it("refuses half of a credential pair", () => {
    expect(configError(() => parseRawEnv({ ADMIN_EMAIL: "ops@example.com" })).message).toContain(
      "ADMIN_EMAIL and ADMIN_PASSWORD must be set together",
    );
    expect(configError(() => parseRawEnv({ G2A_CLIENT_SECRET: "s".repeat(20) })).message).toContain(
      "G2A_CLIENT_ID and G2A_CLIENT_SECRET must be set together",
    );
  });

  it("generates missing secrets once into the data folder, readable by the owner only", () => {
    const cwd = tempDir();
    const first = loadEnv({}, cwd);
    expect(first.generatedSecrets.sort()).toEqual(["KEY_ENCRYPTION_KEY", "NEXTAUTH_SECRET"]);
    expect(Buffer.from(first.KEY_ENCRYPTION_KEY, "base64")).toHaveLength(32);
    for (const name of ["KEY_ENCRYPTION_KEY", "NEXTAUTH_SECRET"]) {
      expect(fs.statSync(path.join(cwd, "data", "secrets", name)).mode & 0o777).toBe(0o600);
    }
    const second = loadEnv({}, cwd);
    expect(second.generatedSecrets).toEqual([]);
    expect(second.KEY_ENCRYPTION_KEY).toBe(first.KEY_ENCRYPTION_KEY);
    expect(second.NEXTAUTH_SECRET).toBe(first.NEXTAUTH_SECRET);
  });

  it("uses configured secrets and writes nothing for them", () => {
    const cwd = tempDir();
    const env = loadEnv({ KEY_ENCRYPTION_KEY: KEY, NEXTAUTH_SECRET: AUTH }, cwd);
    expect(env.KEY_ENCRYPTION_KEY).toBe(KEY);
    expect(env.generatedSecrets).toEqual([]);
    expect(fs.existsSync(path.join(cwd, "data", "secrets"))).toBe(false);
  });

  it("stops a production start that lacks its secrets, saying which and how to make one", () => {
    const cwd = tempDir();
    const error = configError(() =>
      loadEnv({ NODE_ENV: "production", APP_ENV: "production", NEXTAUTH_SECRET: AUTH }, cwd),
    );
    expect(error.message).toContain("KEY_ENCRYPTION_KEY is required");
    expect(error.message).not.toContain("NEXTAUTH_SECRET is required");
    expect(fs.existsSync(path.join(cwd, "data", "secrets"))).toBe(false);
  });

  it("starts in production mode when the secrets are given", () => {
    const env = loadEnv(
      { NODE_ENV: "production", APP_ENV: "production", KEY_ENCRYPTION_KEY: KEY, NEXTAUTH_SECRET: AUTH },
      tempDir(),
    );
    expect(env.productionMode).toBe(true);
  });

  it("still generates secrets for the demo served by a production build", () => {
    const env = loadEnv({ NODE_ENV: "production" }, tempDir());
    expect(env.productionMode).toBe(false);
    expect(env.generatedSecrets).toHaveLength(2);
  });
});
