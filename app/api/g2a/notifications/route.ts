import { g2aNoContent, g2aRoute } from "@/lib/g2a/http";
import { storeG2aNotifications } from "@/lib/g2a/notifications";
import { notificationsRequestSchema } from "@/lib/g2a/schemas";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH } = g2aRoute({
  POST: async ({ json, db, annotate }) => {
    const entries = notificationsRequestSchema.parse(json());
    annotate({ notifications: entries.length });
    await storeG2aNotifications(db, entries);
    return g2aNoContent();
  },
});
