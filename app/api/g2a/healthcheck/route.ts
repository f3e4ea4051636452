import { pingDb } from "@/lib/db";
import { g2aNoContent, g2aRoute } from "@/lib/g2a/http";

export const dynamic = "force-dynamic";

// "Healthy" means we can answer G2A: one trivial query, no CWS call, the pause switch ignored (§8).
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = g2aRoute({
  GET: async ({ db }) => {
    await pingDb(db);
    return g2aNoContent();
  },
});
