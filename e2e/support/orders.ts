import { execFileSync } from "node:child_process";
import path from "node:path";

export type SeededOrder = { id: string; g2aOrderId: string };

export const BALANCE_TOO_LOW_PREFIX = "CWS refused the purchase: the CWS balance is too low (code 10002)";

/**
 * A FAILED order (CWS refused: balance too low) and a COMPLETED one, written with the project's Prisma
 * client into the SQLite file of the server Playwright started; seeding runs under tsx in a child process.
 */
export function seedFailedAndCompletedOrders(): { failed: SeededOrder; completed: SeededOrder } {
  const tsx = path.resolve("node_modules", ".bin", "tsx");
  const output = execFileSync(tsx, [path.resolve("e2e", "support", "seed-orders.ts")], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "warn" } });
  return JSON.parse(output) as { failed: SeededOrder; completed: SeededOrder };
}
