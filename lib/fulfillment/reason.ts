import { z } from "zod";

/**
 * Every staff action on an order says why; the reason goes to the timeline and the audit log.
 * Free of server code, so the dashboard's forms validate with the very same rule.
 */
export const reasonSchema = z.object({
  reason: z
    .string({ error: "Give a reason" })
    .trim()
    .min(3, { error: "Give a reason (at least 3 characters)" })
    .max(500, { error: "Keep the reason under 500 characters" }),
});
export type StaffReason = z.infer<typeof reasonSchema>;
