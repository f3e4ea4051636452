import { cached, readSync, type Db, type Prisma } from "@/lib/db";

/** Run-time switches staff change from the dashboard, one Setting row each. */
const SELLING_PAUSED = "sellingPaused";
/** Why selling was paused, kept beside the switch while it is on. */
const SELLING_PAUSED_REASON = "sellingPausedReason";

/** The database or a transaction: the dashboard writes the switch and its audit line together. */
type SettingsDb = Pick<Prisma.TransactionClient, "setting">;

/** Read on every G2A reservation, so in plain SQL. */
export async function isSellingPaused(db: Db): Promise<boolean> {
  const row = await readSync(
    db,
    (sqlite) =>
      cached(sqlite, `SELECT value FROM "Setting" WHERE key = ?`).get(SELLING_PAUSED) as { value: string } | undefined,
  );
  return row?.value === "true";
}

export async function setSellingPaused(
  db: SettingsDb,
  paused: boolean,
  updatedBy?: string,
  reason?: string,
): Promise<void> {
  const value = paused ? "true" : "false";
  await saveSetting(db, SELLING_PAUSED, value, updatedBy);
  if (paused && reason) {
    await saveSetting(db, SELLING_PAUSED_REASON, reason, updatedBy);
  } else {
    await deleteSetting(db, SELLING_PAUSED_REASON);
  }
}

/** A setting's value, null when it was never set. */
export async function readSetting(db: SettingsDb, key: string): Promise<string | null> {
  return (await db.setting.findUnique({ where: { key } }))?.value ?? null;
}

/** Sets a setting (created on first use); `updatedBy` says who, when a person did. */
export async function saveSetting(db: SettingsDb, key: string, value: string, updatedBy?: string): Promise<void> {
  await db.setting.upsert({ where: { key }, create: { key, value, updatedBy }, update: { value, updatedBy } });
}

/** A setting with who last changed it and when, null when it was never set. */
export async function readSettingRow(
  db: SettingsDb,
  key: string,
): Promise<{ value: string; updatedBy: string | null; updatedAt: Date } | null> {
  return db.setting.findUnique({ where: { key }, select: { value: true, updatedBy: true, updatedAt: true } });
}

/** Forgets a setting; true when there was one. */
export async function deleteSetting(db: SettingsDb, key: string): Promise<boolean> {
  return (await db.setting.deleteMany({ where: { key } })).count > 0;
}

export type SellingState = { paused: boolean; reason: string | null; updatedBy: string | null; updatedAt: Date | null };

/** The switch with who last turned it and when; never set means selling, changed by nobody. */
export async function getSellingState(db: SettingsDb): Promise<SellingState> {
  const rows = await db.setting.findMany({ where: { key: { in: [SELLING_PAUSED, SELLING_PAUSED_REASON] } } });
  const paused = rows.find((row) => row.key === SELLING_PAUSED);
  const reason = rows.find((row) => row.key === SELLING_PAUSED_REASON);
  const isPaused = paused?.value === "true";
  return {
    paused: isPaused,
    reason: isPaused ? (reason?.value ?? null) : null,
    updatedBy: paused?.updatedBy ?? null,
    updatedAt: paused?.updatedAt ?? null,
  };
}
