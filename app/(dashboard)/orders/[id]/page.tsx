import type { Metadata } from "next";
import { OrderDetailView } from "@/components/orders/order-detail";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="mx-auto max-w-6xl">
      <OrderDetailView orderId={id} />
    </div>
  );
}
