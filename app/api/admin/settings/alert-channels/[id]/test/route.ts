import { alertChannelParamsSchema } from "@/lib/admin/alert-channel-schema";
import { testAlertChannel } from "@/lib/admin/alert-channels";
import { adminJson, adminRoute } from "@/lib/admin/http";
import { alertDepsOn } from "@/lib/alerts/config";

export const dynamic = "force-dynamic";

// "Send test alert": one attempt now; a failed send is a 200 with ok: false and the reason in words.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  POST: async ({ db, params, actor, annotate }) => {
    const { id } = alertChannelParamsSchema.parse(params);
    annotate({ channelId: id });
    return adminJson(await testAlertChannel(alertDepsOn(db), actor, id));
  },
});
