import type { G2aApiConnectionView } from "@/lib/admin/g2a-api-connection";
import { StatusPill } from "./status-pill";

export type G2aApiSource = NonNullable<G2aApiConnectionView["inUse"]>["source"];

const SOURCES: Record<G2aApiSource, { label: string; tone: "good" | "info" }> = {
  settings: { label: "Saved in Settings", tone: "good" },
  environment: { label: "From the environment", tone: "good" },
  sandbox: { label: "Local G2A sandbox", tone: "info" },
};

/** Where the connection in use comes from, or that there is none. */
export function G2aApiSourcePill({ source }: { source: G2aApiSource | null }) {
  if (!source) return <StatusPill tone="warning">Not configured</StatusPill>;
  return <StatusPill tone={SOURCES[source].tone}>{SOURCES[source].label}</StatusPill>;
}
