"use client";

import { ApiError, errorMessage } from "@/components/api/fetch-json";
import { DetailLoadError, DetailLoading, DetailNotFound, DetailPage, DetailSection } from "@/components/ui/detail-page";
import { useOffer } from "./api";
import { OfferActions } from "./offer-actions";
import { OfferDecisionsTable } from "./offer-decisions-table";
import { OfferFigures } from "./offer-figures";
import { OfferState } from "./offer-state";

const back = { href: "/offers", label: "All offers" };

/** A refusal that means there is no such offer: not a product id, or a product nobody mapped. */
function isMissing(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === "NOT_FOUND" || error.code === "VALIDATION_FAILED");
}

/** One mapping's G2A offer: its numbers, its pauses, the staff actions, and the sync's decision history. */
export function OfferDetailView({ g2aProductId }: { g2aProductId: string }) {
  const query = useOffer(g2aProductId);

  if (query.isPending) return <DetailLoading label="Loading the offer" />;
  if (query.isError)
    return isMissing(query.error) ? (
      <DetailNotFound back={back} title="Offer not found">
        {query.error.code === "NOT_FOUND"
          ? `G2A product ${g2aProductId} has no product mapping, so it has no offer.`
          : `"${g2aProductId}" is not a G2A product id.`}
      </DetailNotFound>
    ) : (
      <DetailLoadError
        back={back}
        title="The offer could not be loaded"
        message={errorMessage(query.error)}
        onRetry={() => void query.refetch()}
      />
    );

  const { offer, decisions } = query.data;
  return (
    <DetailPage
      back={back}
      title={`Offer for G2A product ${offer.g2aProductId}`}
      status={<OfferState offer={offer} />}
      actions={<OfferActions offer={offer} />}
    >
      <OfferFigures offer={offer} />
      <DetailSection title="Decision history">
        <OfferDecisionsTable decisions={decisions} />
      </DetailSection>
    </DetailPage>
  );
}
