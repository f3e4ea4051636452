import { z } from "zod";

// The Settings page's forms, checked with the same rules in the browser and by the admin API; no server imports.

/** Turns the selling switch; a pause may say why (shown on the Settings page and kept in the audit log). */
export const sellingSchema = z.object({
  paused: z.boolean({ error: "Say whether selling is paused (true or false)" }),
  reason: z
    .string()
    .trim()
    .max(500, { error: "Keep the reason under 500 characters" })
    .transform((value) => value || undefined)
    .optional(),
});
export type SellingInput = z.infer<typeof sellingSchema>;

/** A new G2A credential pair; the label only helps staff tell pairs apart. */
export const newG2aCredentialsSchema = z.object({
  label: z
    .string()
    .trim()
    .max(80, { error: "Keep the label under 80 characters" })
    .transform((value) => value || undefined)
    .optional(),
});
export type NewG2aCredentialsInput = z.infer<typeof newG2aCredentialsSchema>;
