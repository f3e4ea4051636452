"use client";

import { useEffect, useRef } from "react";
import { useAlertChannels } from "@/components/alerts/alert-channels-api";
import { errorMessage } from "@/components/api/fetch-json";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import { AlertChannelCard } from "./alert-channel-card";
import { AddAlertChannelButton } from "./alert-channel-form-button";
import { SettingsSection } from "./settings-section";

/** Alert links point here ("/settings#alert-channels"). */
const ANCHOR = "alert-channels";

/**
 * The page renders its sections only once the signed-in user is known, after the browser looked for the
 * anchor: a link to this section scrolls to it once it is there.
 */
function useScrollIntoViewWhenLinked(ready: boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ready && window.location.hash === `#${ANCHOR}`) ref.current?.scrollIntoView();
  }, [ready]);
  return ref;
}

/** Where alerts are sent: the environment's channels and those saved here, their health, a test send, add, edit, remove. */
export function AlertChannelsSection() {
  const channels = useAlertChannels();
  const ref = useScrollIntoViewWhenLinked(!channels.isPending);
  return (
    <div id={ANCHOR} ref={ref} className="scroll-mt-6">
      <SettingsSection
        title="Alert channels"
        description="Where alerts are sent besides the Alerts page: Slack-compatible webhooks, signed webhooks and e-mail. Each takes the alerts of its minimum severity and up; a delivery that fails is retried, and a channel that keeps failing raises an alert of its own."
        action={<AddAlertChannelButton />}
      >
        {channels.isPending ? (
          <TableSkeleton label="Loading alert channels" rows={2} />
        ) : channels.isError ? (
          <ErrorState
            title="The alert channels could not be loaded"
            message={errorMessage(channels.error)}
            onRetry={() => void channels.refetch()}
          />
        ) : channels.data.channels.length === 0 ? (
          <EmptyState
            title="No alert channels yet"
            hint="Alerts show on the Alerts page only. Add a channel to have them sent where on-call staff will see them."
          />
        ) : (
          <ul className="space-y-3">
            {channels.data.channels.map((channel) => (
              <li key={channel.id}>
                <AlertChannelCard channel={channel} />
              </li>
            ))}
          </ul>
        )}
      </SettingsSection>
    </div>
  );
}
