import { alertChannelInputSchema } from "@/lib/admin/alert-channel-schema";
import { createAlertChannel, listAlertChannels } from "@/lib/admin/alert-channels";
import { adminJson, adminRoute } from "@/lib/admin/http";
import { alertDepsOn } from "@/lib/alerts/config";

export const dynamic = "force-dynamic";

// Alert channels and their secrets: ADMIN only, reading included.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute(
  {
    GET: async ({ db }) => adminJson({ channels: await listAlertChannels(alertDepsOn(db)) }),
    POST: async ({ db, json, actor }) =>
      adminJson(await createAlertChannel(alertDepsOn(db), actor, await json(alertChannelInputSchema)), 201),
  },
  { roles: { GET: "ADMIN" } },
);
