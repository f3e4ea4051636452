"use client";

import { Lock } from "lucide-react";
import { errorMessage } from "@/components/api/fetch-json";
import { useCurrentUser } from "@/components/api/current-user";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { AlertChannelsSection } from "./alert-channels-section";
import { G2aApiSection } from "./g2a-api-section";
import { G2aCredentialsSection } from "./g2a-credentials-section";
import { OfferPricingSection } from "./offer-pricing-section";
import { SellingSection } from "./selling-section";
import { UsersSection } from "./users-section";
import { hasRole } from "@/lib/auth/roles";

/** Settings for an admin; anyone else sees why they cannot change them, and whether selling is paused. */
export function SettingsView() {
  const me = useCurrentUser();
  if (me.isPending) {
    return (
      <div role="status" aria-label="Loading settings" className="space-y-4">
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (me.isError)
    return (
      <ErrorState
        title="Your account could not be loaded"
        message={errorMessage(me.error)}
        onRetry={() => void me.refetch()}
      />
    );
  if (!hasRole(me.data.role, "ADMIN")) {
    return (
      <div className="space-y-8">
        <p className="flex items-start gap-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <Lock aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-slate-500" />
          <span>
            <strong>Only an admin can change settings.</strong> You are signed in as {me.data.role}; ask an admin to
            change G2A credentials, the G2A seller API connection, offer pricing, selling, alert channels or users.
          </span>
        </p>
        <SellingSection canChange={false} />
      </div>
    );
  }
  return (
    <div className="space-y-10">
      <G2aCredentialsSection />
      <G2aApiSection />
      <OfferPricingSection />
      <SellingSection canChange />
      <AlertChannelsSection />
      <UsersSection currentUserId={me.data.id} />
    </div>
  );
}
