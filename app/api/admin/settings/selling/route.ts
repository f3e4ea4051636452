import { adminJson, adminRoute } from "@/lib/admin/http";
import { getSelling, setSelling } from "@/lib/admin/settings";
import { sellingSchema } from "@/lib/admin/settings-schema";

export const dynamic = "force-dynamic";

// Everyone sees whether selling is paused; only an admin turns the switch.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ db }) => adminJson(await getSelling(db)),
  PUT: async ({ db, json, actor }) => adminJson(await setSelling(db, actor, await json(sellingSchema))),
});
