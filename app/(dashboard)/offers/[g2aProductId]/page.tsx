import type { Metadata } from "next";
import { OfferDetailView } from "@/components/offers/offer-detail";

export const metadata: Metadata = { title: "Offer" };

export default async function OfferPage({ params }: { params: Promise<{ g2aProductId: string }> }) {
  const { g2aProductId } = await params;
  return (
    <div className="mx-auto max-w-7xl">
      <OfferDetailView g2aProductId={g2aProductId} />
    </div>
  );
}
