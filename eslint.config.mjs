import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const LIB_PATTERNS = ["@/app/*", "@/components/*", "next/*"];

/** The modules that may hold a connection, a statement or SQL: lib/db and each table's store. */
const STORES = [
  "lib/db/**",
  "lib/stores/**",
  "lib/**/*store.ts",
  "lib/audit/index.ts",
  "lib/settings/index.ts",
  "lib/g2a/credentials.ts",
];

const SQL_ONLY_IN_STORES = [
  {
    name: "@/lib/db",
    importNames: ["cached", "readSync", "writeSync", "SqliteConnection"],
    message: "Plain SQL lives in the stores: use inTransaction/reading from @/lib/stores.",
  },
  { name: "better-sqlite3", message: "The SQLite connection belongs to lib/db and the stores." },
];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "next-env.d.ts",
      "data/**",
      ".test-data/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // Command-line tools talk to a terminal.
    files: ["tools/**", "bench/**", "e2e/**", "tests/**"],
    rules: { "no-console": "off" },
  },
  {
    // lib/ is framework-free domain code: it never reaches into the app or its components.
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: LIB_PATTERNS }],
    },
  },
  {
    // Plain SQL lives in lib/db and the stores; everything else calls a store (README: Layout).
    files: ["lib/**"],
    ignores: STORES,
    rules: {
      "no-restricted-imports": ["error", { patterns: LIB_PATTERNS, paths: SQL_ONLY_IN_STORES }],
    },
  },
  {
    files: ["app/**", "components/**", "inngest/**", "tools/**", "proxy.ts", "instrumentation.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: SQL_ONLY_IN_STORES }],
    },
  },
];

export default config;
