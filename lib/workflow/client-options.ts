import type { ClientOptions } from "inngest";
import { z } from "zod";
import { logger } from "@/lib/logger";

/** Placeholder event key: the SDK refuses to send without one in cloud mode; the engine ignores it. */
export const EMBEDDED_EVENT_KEY = "embedded-workflow-engine";
/** Never resolved: every request the client makes goes through the fetch below. */
const EMBEDDED_BASE_URL = "http://embedded-workflow-engine.invalid/";

export type EventReceiver = (events: unknown) => Promise<string[]>;

function jsonAnswer(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/**
 * The client's fetch in embedded mode: inngest.send() posts to <base>/e/<event key>; that post is
 * handed to `receive` (which stores the events) and answered as the Inngest event API would.
 * Any other Inngest API call (sync registration, checkpoints) has no server to go to and fails.
 */
function embeddedFetch(receive: EventReceiver): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    if (method !== "POST" || url.pathname !== `/e/${EMBEDDED_EVENT_KEY}`) {
      return jsonAnswer(
        { error: `${url.pathname} is not available: the embedded workflow engine has no Inngest API` },
        404,
      );
    }
    let events: unknown;
    try {
      events = JSON.parse(typeof init?.body === "string" ? init.body : "");
    } catch {
      return jsonAnswer({ error: "the events are not JSON", status: 400 }, 400);
    }
    try {
      return jsonAnswer({ ids: await receive(events), status: 200 }, 200);
    } catch (error) {
      if (error instanceof z.ZodError) {
        return jsonAnswer(
          {
            error: `invalid event: ${error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`,
            status: 400,
          },
          400,
        );
      }
      logger.error(
        { error: error instanceof Error ? error.message : String(error) },
        "workflow events could not be stored",
      );
      return jsonAnswer({ error: "the events could not be stored", status: 500 }, 500);
    }
  };
}

/**
 * Client options for the embedded engine: cloud mode (so the serve handler verifies every request
 * against `signingKey`), a placeholder event key, events delivered to `receive`, and no
 * checkpointing (there is no Inngest API to checkpoint to). The signing key is read lazily, on
 * the first request, so importing the client never touches the data folder (next build does).
 */
export function embeddedClientOptions(options: { signingKey: () => string; receive: EventReceiver }) {
  return {
    isDev: false,
    eventKey: EMBEDDED_EVENT_KEY,
    baseUrl: EMBEDDED_BASE_URL,
    checkpointing: false,
    get signingKey(): string {
      return options.signingKey();
    },
    fetch: embeddedFetch(options.receive),
  } satisfies Partial<ClientOptions>;
}
