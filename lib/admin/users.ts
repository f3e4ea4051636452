import { recordAudit, type Actor } from "@/lib/audit";
import { generatePassword, hashPassword } from "@/lib/auth/passwords";
import { changeUserAccess, insertUser, setUserPassword } from "@/lib/auth/user-store";
import { normalizeEmail } from "@/lib/auth/users";
import type { Db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { NewUserInput, UserChange } from "./user-schema";

// Staff accounts, managed by admins. Passwords are generated here, returned once to the admin who
// asked, and stored only as scrypt hashes; they never reach the audit log or a log line.

const USER_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  createdAt: true,
  lastLoginAt: true,
} satisfies Prisma.UserSelect;
type UserRow = Prisma.UserGetPayload<{ select: typeof USER_FIELDS }>;

/** A staff account as the dashboard shows it. */
export type StaffUser = Omit<UserRow, "createdAt" | "lastLoginAt"> & { createdAt: string; lastLoginAt: string | null };

/** An account with the password that was just set for it: the only time the password exists in clear. */
export type UserWithPassword = { user: StaffUser; oneTimePassword: string };

function toStaffUser(row: UserRow): StaffUser {
  return { ...row, createdAt: row.createdAt.toISOString(), lastLoginAt: row.lastLoginAt?.toISOString() ?? null };
}

/** Every account, oldest first (a team has a handful, so no pages). */
export async function listUsers(db: Db): Promise<{ items: StaffUser[] }> {
  const rows = await db.user.findMany({ select: USER_FIELDS, orderBy: [{ createdAt: "asc" }, { email: "asc" }] });
  return { items: rows.map(toStaffUser) };
}

/** Creates an account with a generated password; an e-mail already in use answers 409 on the e-mail field. */
export async function createUser(db: Db, actor: Actor, input: NewUserInput): Promise<UserWithPassword> {
  const email = normalizeEmail(input.email);
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const row = await db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AppError("CONFLICT", `An account with the e-mail ${email} already exists`, {
        fieldErrors: { email: ["This e-mail already has an account"] },
      });
    }
    const created = await findUser(
      tx,
      (await insertUser(tx, { email, name: input.name, role: input.role, passwordHash })).id,
    );
    await recordAudit(tx, actor, {
      action: "user.create",
      targetType: "user",
      targetId: created.id,
      details: { email, role: created.role },
    });
    return created;
  });
  return { user: toStaffUser(row), oneTimePassword };
}

async function findUser(tx: Prisma.TransactionClient, userId: string): Promise<UserRow> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: USER_FIELDS });
  if (!user) throw new AppError("NOT_FOUND", "User not found");
  return user;
}

/**
 * Nobody removes their own admin rights (they would lose the page they are on), and the last active
 * ADMIN is never demoted or disabled: no one could manage users or G2A credentials afterwards.
 * Checked inside the change's transaction, so two admins demoting each other cannot both succeed.
 */
async function assertAdminsRemain(
  tx: Prisma.TransactionClient,
  actor: Actor,
  user: UserRow,
  change: UserChange,
): Promise<void> {
  const losesAdmin =
    user.role === "ADMIN" &&
    !user.disabled &&
    ((change.role !== undefined && change.role !== "ADMIN") || change.disabled === true);
  if (!losesAdmin) return;
  if (user.id === actor.id) {
    throw new AppError("CONFLICT", "You cannot demote or disable your own account; another admin must do it");
  }
  const otherAdmins = await tx.user.count({ where: { role: "ADMIN", disabled: false, id: { not: user.id } } });
  if (otherAdmins === 0)
    throw new AppError("LAST_ADMIN", `${user.email} is the last active admin; make another user ADMIN first`);
}

/** Changes a role and/or disables or enables an account; each effective change is one audit line. */
export async function updateUser(db: Db, actor: Actor, userId: string, change: UserChange): Promise<StaffUser> {
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, userId);
    await assertAdminsRemain(tx, actor, user, change);
    const role = change.role !== undefined && change.role !== user.role ? change.role : undefined;
    const disabled = change.disabled !== undefined && change.disabled !== user.disabled ? change.disabled : undefined;
    if (role === undefined && disabled === undefined) return toStaffUser(user);
    // A new role or a disabled account ends the user's open sessions; enabling again revives none.
    const endsSessions = role !== undefined || disabled === true;
    await changeUserAccess(tx, user.id, { role, disabled, endSessions: endsSessions });
    const updated = await findUser(tx, user.id);
    if (role !== undefined) {
      await recordAudit(tx, actor, {
        action: "user.role",
        targetType: "user",
        targetId: user.id,
        details: { email: user.email, from: user.role, to: role },
      });
    }
    if (disabled !== undefined) {
      await recordAudit(tx, actor, {
        action: disabled ? "user.disable" : "user.enable",
        targetType: "user",
        targetId: user.id,
        details: { email: user.email },
      });
    }
    return toStaffUser(updated);
  });
}

/** Replaces an account's password with a generated one, returned once, and ends its open sessions. */
export async function resetUserPassword(db: Db, actor: Actor, userId: string): Promise<UserWithPassword> {
  const oneTimePassword = generatePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const row = await db.$transaction(async (tx) => {
    const user = await findUser(tx, userId);
    await setUserPassword(tx, user.id, passwordHash);
    await recordAudit(tx, actor, {
      action: "user.reset_password",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email },
    });
    return user;
  });
  return { user: toStaffUser(row), oneTimePassword };
}
