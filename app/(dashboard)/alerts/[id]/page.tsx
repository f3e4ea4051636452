import type { Metadata } from "next";
import { AlertDetailView } from "@/components/alerts/alert-detail";

export const metadata: Metadata = { title: "Alert" };

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="mx-auto max-w-6xl">
      <AlertDetailView alertId={id} />
    </div>
  );
}
