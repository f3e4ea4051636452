import { AppError } from "@/lib/errors/app-error";

/** Staff roles; each includes every right of the roles below it (ADMIN > OPERATOR > VIEWER). */
export type Role = "ADMIN" | "OPERATOR" | "VIEWER";

const ROLE_RANK: Record<Role, number> = { VIEWER: 1, OPERATOR: 2, ADMIN: 3 };

/** The one role check of the product: the API, the order rules and the dashboard all ask it. */
export function hasRole(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

/** Why `role` may not do something that needs `minimum`, in words for the person signed in. */
export function roleRefusal(role: Role, minimum: Role): string {
  return `This needs the ${minimum} role or higher; you are signed in as ${role}`;
}

/** Throws 403 FORBIDDEN unless the actor's role is at least `minimum`. */
export function requireRole(actor: { role: Role }, minimum: Role): void {
  if (!hasRole(actor.role, minimum)) throw new AppError("FORBIDDEN", roleRefusal(actor.role, minimum));
}
