import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { reserveStock } from "@/lib/fulfillment/reservations";
import { g2aJson, g2aRoute } from "@/lib/g2a/http";
import { reservationRequestSchema } from "@/lib/g2a/schemas";
import { reservationBody } from "@/lib/g2a/serializers";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = g2aRoute({
  POST: async ({ json, annotate }) => {
    const lines = reservationRequestSchema.parse(json());
    annotate({ g2aProductIds: lines.map((line) => line.g2aProductId) });
    const result = await reserveStock(getFulfillmentDeps(), lines);
    annotate({ reservationId: result.reservationId });
    return g2aJson(reservationBody(result));
  },
});
