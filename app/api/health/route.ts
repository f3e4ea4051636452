import { getDb } from "@/lib/db";
import { checkHealth } from "@/lib/health";
import { NO_STORE, refuseOtherMethods, secureRoute } from "@/lib/http/secure-route";

export const dynamic = "force-dynamic";

export const GET = secureRoute(async () => {
  const report = await checkHealth(getDb);
  return Response.json(report, {
    status: report.db === "ok" ? 200 : 503,
    headers: { "Cache-Control": NO_STORE },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods(["GET"]);
