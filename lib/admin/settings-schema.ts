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

/** Import API credentials an admin enters: saved, or tested before saving. The secret is never answered back. */
export const g2aApiCredentialsSchema = z.object({
  baseUrl: z
    .string()
    .trim()
    .min(1, { error: "Enter G2A's API address, e.g. https://api.g2a.com" })
    .max(300, { error: "Keep the address under 300 characters" })
    .pipe(z.url({ protocol: /^https?$/, error: "Enter an http(s) address, e.g. https://api.g2a.com" }))
    .transform((url) => url.replace(/\/+$/, "")),
  clientId: z
    .string()
    .trim()
    .min(1, { error: "Enter the client id" })
    .max(200, { error: "Keep the client id under 200 characters" }),
  clientSecret: z
    .string()
    .trim()
    .min(1, { error: "Enter the client secret" })
    .max(500, { error: "Keep the client secret under 500 characters" }),
});
export type G2aApiCredentialsInput = z.infer<typeof g2aApiCredentialsSchema>;

/** "Test connection": the credentials typed in the form, or an empty object (`{}`) for the connection in use. */
export function parseG2aApiConnectionTest(body: unknown): G2aApiCredentialsInput | null {
  const empty = typeof body === "object" && body !== null && !Array.isArray(body) && Object.keys(body).length === 0;
  return empty ? null : g2aApiCredentialsSchema.parse(body);
}
