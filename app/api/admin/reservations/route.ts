import { adminJson, adminRoute } from "@/lib/admin/http";
import { listReservations, reservationListQuerySchema } from "@/lib/admin/reservations";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ url, db }) =>
    adminJson(await listReservations(db, reservationListQuerySchema.parse(Object.fromEntries(url.searchParams)))),
});
