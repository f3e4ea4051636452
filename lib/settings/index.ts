import type { Db } from "@/lib/db";

/** Run-time switches staff change from the dashboard, one Setting row each. */
const SELLING_PAUSED = "sellingPaused";

export async function isSellingPaused(db: Db): Promise<boolean> {
  const row = await db.setting.findUnique({ where: { key: SELLING_PAUSED } });
  return row?.value === "true";
}

export async function setSellingPaused(db: Db, paused: boolean, updatedBy?: string): Promise<void> {
  const value = paused ? "true" : "false";
  await db.setting.upsert({ where: { key: SELLING_PAUSED }, create: { key: SELLING_PAUSED, value, updatedBy }, update: { value, updatedBy } });
}
