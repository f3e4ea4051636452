"use client";

import { Pause, Play, Plus, RefreshCw } from "lucide-react";
import type { ComponentProps } from "react";
import { useCurrentUser } from "@/components/api/current-user";
import { hasRole } from "@/lib/auth/roles";
import type { OfferRow } from "@/lib/admin/offer-schema";
import { useCreateOffer, useSetOfferPaused, useSyncOffer } from "./api";
import { AcknowledgePauseButton } from "./acknowledge-pause-button";
import { formatEuros } from "./format";
import { OfferActionButton } from "./offer-action-button";

const icon = "h-4 w-4";

/** An action's words and look; the mutation is the caller's. */
type OfferActionCopy = Omit<ComponentProps<typeof OfferActionButton>, "mutation">;

const SYNC_NOW: OfferActionCopy = {
  label: "Sync now",
  pendingLabel: "Syncing…",
  icon: <RefreshCw aria-hidden className={icon} />,
  tone: "secondary",
};

/** Pausing and resuming by staff, keyed by the state the action sets (paused or not). */
const SET_PAUSED: Record<"pause" | "resume", OfferActionCopy> = {
  pause: {
    label: "Pause offer",
    pendingLabel: "Pausing…",
    icon: <Pause aria-hidden className={icon} />,
    tone: "warning",
    confirm: {
      title: "Pause this offer?",
      description:
        "G2A gets stock 0 and the offer switched off on its next sync, and it stays off until someone resumes it. Recorded in the audit log.",
    },
  },
  resume: {
    label: "Resume offer",
    pendingLabel: "Resuming…",
    icon: <Play aria-hidden className={icon} />,
    tone: "primary",
    confirm: {
      title: "Resume this offer?",
      description:
        "The sync lists the offer again, at the price and stock the rules give, as soon as it can sell. Recorded in the audit log.",
    },
  },
};

function createCopy(offer: OfferRow): OfferActionCopy {
  const target =
    offer.targetPrice !== null
      ? `at ${formatEuros(offer.targetPrice)} with stock ${offer.targetStock ?? "—"}, as the pricing rules give now`
      : "at the price and stock the pricing rules give now";
  return {
    label: "Create offer on G2A",
    pendingLabel: "Creating…",
    icon: <Plus aria-hidden className={icon} />,
    tone: "primary",
    confirm: {
      title: "Create an offer on G2A?",
      description: `G2A product ${offer.g2aProductId} goes on sale ${target}. G2A names the new offer shortly and the sync links it. Recorded in the audit log.`,
    },
  };
}

function CreateOfferButton({ offer }: { offer: OfferRow }) {
  return <OfferActionButton {...createCopy(offer)} mutation={useCreateOffer(offer.g2aProductId)} />;
}

function SyncNowButton({ offer }: { offer: OfferRow }) {
  return <OfferActionButton {...SYNC_NOW} mutation={useSyncOffer(offer.g2aProductId)} />;
}

function SetPausedButton({ offer, action }: { offer: OfferRow; action: keyof typeof SET_PAUSED }) {
  return (
    <OfferActionButton {...SET_PAUSED[action]} mutation={useSetOfferPaused(offer.g2aProductId, action === "pause")} />
  );
}

/**
 * The actions the signed-in user's role allows on this offer in its state: OPERATOR syncs, pauses and
 * resumes; ADMIN also creates the offer and acknowledges G2A's deactivation. Nothing for a VIEWER.
 */
export function OfferActions({ offer }: { offer: OfferRow }) {
  const role = useCurrentUser().data?.role;
  if (!role || !hasRole(role, "OPERATOR")) return null;
  const admin = hasRole(role, "ADMIN");
  const pauseAction = offer.pausedByStaffAt ? "resume" : "pause";
  return (
    <div className="flex flex-wrap items-start gap-2">
      {admin && offer.status === "no_offer" && <CreateOfferButton offer={offer} />}
      <SyncNowButton offer={offer} />
      {/* Keyed so that pausing and resuming each start afresh, as the page flips from one to the other. */}
      <SetPausedButton key={pauseAction} offer={offer} action={pauseAction} />
      {admin && offer.pausedByG2aAt && <AcknowledgePauseButton offer={offer} />}
    </div>
  );
}
