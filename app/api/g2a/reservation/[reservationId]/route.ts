import { getFulfillmentDeps } from "@/lib/fulfillment/deps";
import { releaseReservation, renewReservation } from "@/lib/fulfillment/reservations";
import { g2aJson, g2aNoContent, g2aRoute } from "@/lib/g2a/http";
import { normalizeReservationId } from "@/lib/g2a/schemas";
import { reservationBody } from "@/lib/g2a/serializers";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = g2aRoute({
  PUT: async ({ params, annotate }) => {
    const reservationId = normalizeReservationId(params.reservationId ?? "");
    annotate({ reservationId });
    return g2aJson(reservationBody(await renewReservation(getFulfillmentDeps(), reservationId)));
  },
  DELETE: async ({ params, annotate }) => {
    const reservationId = normalizeReservationId(params.reservationId ?? "");
    annotate({ reservationId });
    await releaseReservation(getFulfillmentDeps(), reservationId);
    return g2aNoContent();
  },
});
