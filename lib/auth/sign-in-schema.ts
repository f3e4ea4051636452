import { z } from "zod";

// Shared by the login form and the server's authorize(); no server imports, so the browser can load it.

/**
 * `local@domain` without the dotted domain z.email() insists on: the generated first admin is
 * admin@localhost. The address is only looked up, so a loose check is enough.
 */
const emailSchema = z
  .string()
  .trim()
  .min(1, { error: "Enter your e-mail address" })
  .max(254, { error: "Enter a valid e-mail address" })
  .regex(/^[^\s@]+@[^\s@]+$/, { error: "Enter a valid e-mail address" });

export const signInSchema = z.object({
  email: emailSchema,
  // The cap keeps a megabyte "password" from costing a megabyte of scrypt input.
  password: z.string().min(1, { error: "Enter your password" }).max(1024, { error: "That password is too long" }),
});

export type SignInInput = z.infer<typeof signInSchema>;
