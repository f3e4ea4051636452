import { z } from "zod";
import { hasLoneSurrogate } from "@/lib/http/body";
import { g2aIdSchema } from "./ids";
import { g2aPriceSchema } from "./money";

/** One line of POST /reservation (§5.2). Unknown keys are ignored. */
const reservationLineSchema = z.object(
  {
    product_id: g2aIdSchema,
    quantity: z
      .number({ error: "must be an integer from 1 to 100" })
      .int({ error: "must be an integer from 1 to 100" })
      .min(1)
      .max(100),
    additional_data: z
      .object({
        unit_price: g2aPriceSchema.optional(),
        auction_base_price: g2aPriceSchema.optional(),
      })
      .nullish(),
  },
  { error: "each entry must be an object" },
);

export const reservationRequestSchema = z
  .array(reservationLineSchema, { error: "body must be a JSON array of reservation entries" })
  .min(1, { error: "body must contain at least one entry" })
  // One reservation is one buyer's basket; the bound keeps a single request's work bounded.
  .max(100, { error: "body may contain at most 100 entries" })
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    for (const line of lines) {
      if (seen.has(line.product_id)) {
        ctx.addIssue({ code: "custom", message: `duplicate product_id ${line.product_id}` }); // §12 fixes this message
        return;
      }
      seen.add(line.product_id);
    }
  })
  .transform((lines) =>
    lines.map((line) => ({
      g2aProductId: line.product_id,
      quantity: line.quantity,
      unitPriceCents: line.additional_data?.unit_price ?? null,
      auctionBasePriceCents: line.additional_data?.auction_base_price ?? null,
    })),
  );
export type ReservationLine = z.output<typeof reservationRequestSchema>[number];

/** POST /order (§6.2). */
export const orderRequestSchema = z.object(
  {
    reservation_id: z
      .string({ error: "must be a string of 1 to 36 characters" })
      .min(1)
      .max(36)
      .refine((id) => !hasLoneSurrogate(id), { error: "must be a string of 1 to 36 characters" }),
    g2a_order_id: g2aIdSchema,
  },
  { error: "body must be a JSON object" },
);

/** POST /notifications (§7): an array, entries stored whatever their shape. */
export const notificationsRequestSchema = z.array(z.unknown(), { error: "body must be a JSON array" });

/** Token endpoint parameters (§4.2), after merging body, query and Basic header. */
export const tokenRequestSchema = z.object({
  grant_type: z.literal("client_credentials", { error: "grant_type must be client_credentials" }),
  client_id: z.string({ error: "client_id is required" }).min(1, { error: "client_id is required" }),
  client_secret: z.string({ error: "client_secret is required" }).min(1, { error: "client_secret is required" }),
});

/** Path id of a reservation: G2A allows 1 to 36 characters; ours are lowercase UUIDs (lookups ignore case). */
export function normalizeReservationId(raw: string): string {
  return raw.trim().toLowerCase();
}
