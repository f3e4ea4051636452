import path from "node:path";
import { defineConfig } from "vitest/config";

// Tests that measure the server's answer times run last and alone: with other test files running
// beside them on a small machine, a measured delay would be the neighbours', not the server's.
const MEASURING = ["tests/security/oversized-bodies.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "suite", include: ["tests/**/*.test.ts"], exclude: MEASURING, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: "measuring", include: MEASURING, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
