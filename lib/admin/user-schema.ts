import { z } from "zod";
import { signInSchema } from "@/lib/auth/sign-in-schema";
import { Role } from "@/lib/generated/prisma/enums";

// The Users forms, checked with the same rules in the browser and by the admin API; no server imports.

export const ROLES = [Role.ADMIN, Role.OPERATOR, Role.VIEWER] as const;

const roleSchema = z.enum(ROLES, { error: "Choose ADMIN, OPERATOR or VIEWER" });

/** The sign-in form's e-mail rule, lowercased as sign-in looks addresses up, so every new account can sign in. */
const emailSchema = z
  .string({ error: "Enter the user's e-mail address" })
  .trim()
  .min(1, { error: "Enter the user's e-mail address" })
  .pipe(signInSchema.shape.email.toLowerCase());

export const newUserSchema = z.object({
  email: emailSchema,
  name: z
    .string()
    .trim()
    .max(100, { error: "Keep the name under 100 characters" })
    .transform((value) => value || undefined)
    .optional(),
  role: roleSchema,
});
export type NewUserInput = z.infer<typeof newUserSchema>;

/** A role change, disabling or enabling: at least one of them. */
export const userChangeSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean({ error: "disabled must be true or false" }).optional() })
  .refine((change) => change.role !== undefined || change.disabled !== undefined, {
    error: "Send a role, disabled, or both",
  });
export type UserChange = z.infer<typeof userChangeSchema>;
