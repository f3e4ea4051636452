import { alertChannelInputSchema, alertChannelParamsSchema } from "@/lib/admin/alert-channel-schema";
import { deleteAlertChannel, updateAlertChannel } from "@/lib/admin/alert-channels";
import { adminJson, adminRoute } from "@/lib/admin/http";
import { alertDepsOn } from "@/lib/alerts/config";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  PUT: async ({ db, params, json, actor, annotate }) => {
    const { id } = alertChannelParamsSchema.parse(params);
    annotate({ channelId: id });
    return adminJson(await updateAlertChannel(alertDepsOn(db), actor, id, await json(alertChannelInputSchema)));
  },
  DELETE: async ({ db, params, actor, annotate }) => {
    const { id } = alertChannelParamsSchema.parse(params);
    annotate({ channelId: id });
    await deleteAlertChannel(alertDepsOn(db), actor, id);
    return adminJson({ deleted: true });
  },
});
