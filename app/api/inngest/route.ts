import { serve } from "inngest/next";
import { functions } from "@/inngest";
import { inngest } from "@/inngest/client";
import { appServeOptions } from "@/lib/workflow";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT } = serve({ client: inngest, functions, ...appServeOptions() });
