import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { NO_STORE, refuseOtherMethods, secureRoute } from "@/lib/http/secure-route";
import { scrapeMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

export const GET = secureRoute(async (request: Request) => {
  const answer = await scrapeMetrics(getDb(), getEnv().METRICS_TOKEN, request);
  return new Response(answer.body, {
    status: answer.status,
    headers: {
      "Content-Type": answer.contentType,
      "Cache-Control": NO_STORE,
      ...(answer.status === 401 ? { "WWW-Authenticate": "Bearer" } : {}),
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods(["GET"]);
