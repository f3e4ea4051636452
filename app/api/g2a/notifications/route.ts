import { g2aNoContent, g2aRoute } from "@/lib/g2a/http";
import { receivedNotifications, storeG2aNotifications } from "@/lib/g2a/notifications";
import { notificationsRequestSchema } from "@/lib/g2a/schemas";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = g2aRoute({
  POST: async ({ json, body, db, annotate }) => {
    const entries = notificationsRequestSchema.parse(json());
    annotate({ notifications: entries.length });
    await storeG2aNotifications(db, receivedNotifications(entries, body.toString("utf8")));
    return g2aNoContent();
  },
});
