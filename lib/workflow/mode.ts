/** Who drives the Inngest functions: the Inngest platform, or the engine inside this server. */
export type WorkflowMode = "embedded" | "inngest";

/** Any of these configures an Inngest server (Cloud, self-hosted or the dev server). */
const PLATFORM_VARIABLES = ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_BASE_URL", "INNGEST_DEV"] as const;

/**
 * Reads the raw environment, as the Inngest SDK does: empty values count as unset, and
 * INNGEST_DEV=0 (or false) explicitly means "no dev server", as the SDK reads it.
 */
export function workflowMode(source: Record<string, string | undefined> = process.env): WorkflowMode {
  const configured = PLATFORM_VARIABLES.some((name) => {
    const value = source[name]?.trim();
    if (!value) return false;
    return !(name === "INNGEST_DEV" && /^(0|false)$/i.test(value));
  });
  return configured ? "inngest" : "embedded";
}
