import type { Prisma } from "@/lib/db";
import type { Role } from "./roles";

// Every write to `User`, in Prisma inside the caller's transaction (the dashboard's come with their
// audit line). Only password hashes are stored; nothing here returns one.

type UserWriter = Pick<Prisma.TransactionClient, "user">;
type NewUser = { email: string; name?: string | null; role: Role; passwordHash: string };

export async function insertUser(tx: UserWriter, user: NewUser): Promise<{ id: string }> {
  return tx.user.create({ data: user, select: { id: true } });
}

/** Creates the user unless one has that e-mail: a second process doing the same at the same moment cannot overwrite or fail. */
export async function insertUserUnlessExists(tx: UserWriter, user: NewUser): Promise<void> {
  await tx.user.upsert({ where: { email: user.email }, create: user, update: {} });
}

export async function recordSignIn(tx: UserWriter, userId: string, at: Date): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { lastLoginAt: at } });
}

/** A new role and/or the disabled flag; `endSessions` ends the user's open sessions (their version moves on). */
export async function changeUserAccess(
  tx: UserWriter,
  userId: string,
  change: { role?: Role; disabled?: boolean; endSessions: boolean },
): Promise<void> {
  await tx.user.update({
    where: { id: userId },
    data: {
      role: change.role,
      disabled: change.disabled,
      ...(change.endSessions ? { sessionVersion: { increment: 1 } } : {}),
    },
  });
}

/** A new password hash; the user's open sessions end. */
export async function setUserPassword(tx: UserWriter, userId: string, passwordHash: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
}
