import { serve } from "inngest/next";
import { NextRequest } from "next/server";
import { functions } from "@/inngest";
import { inngest } from "@/inngest/client";
import { BODY_LIMITS } from "@/lib/http/body";
import { withBodyLimit } from "@/lib/http/body-limit";
import { refuseOtherMethods, secureRoute } from "@/lib/http/secure-route";
import { appServeOptions, registerInProcessServeHandler, workflowMode } from "@/lib/workflow";

export const dynamic = "force-dynamic";

const handlers = serve({ client: inngest, functions, ...appServeOptions() });

// The embedded engine in this server calls the handler directly, with the same signed requests.
if (workflowMode() === "embedded") {
  registerInProcessServeHandler((request) =>
    (request.method === "PUT" ? handlers.PUT : handlers.POST)(new NextRequest(request), undefined),
  );
}

// The SDK reads a whole body before it checks the signature: it only ever sees a bounded one.
export const GET = secureRoute(handlers.GET);
export const POST = secureRoute(
  withBodyLimit(BODY_LIMITS.workflow, (request, context) => handlers.POST(new NextRequest(request), context)),
);
export const PUT = secureRoute(
  withBodyLimit(BODY_LIMITS.workflow, (request, context) => handlers.PUT(new NextRequest(request), context)),
);
export const { PATCH, DELETE, OPTIONS } = refuseOtherMethods(["GET", "POST", "PUT"]);
