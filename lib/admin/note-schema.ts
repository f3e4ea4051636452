import { z } from "zod";

/** The most a staff note (acknowledging, resolving) may say. */
export const NOTE_MAX = 500;

/** A body carrying an optional note for the audit log; empty means none. */
export const optionalNoteSchema = z.object({
  note: z
    .string({ error: "must be text" })
    .trim()
    .max(NOTE_MAX, { error: `must be at most ${NOTE_MAX} characters` })
    .optional()
    .transform((value) => value || undefined),
});
