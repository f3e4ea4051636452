import type { InventoryLine } from "@/lib/fulfillment/inventory";
import type { ReservationResult } from "@/lib/fulfillment/reservations";
import { g2aIdToJson } from "./ids";

// The exact response bodies of the contract (Appendix A): no other field is ever sent.

export function reservationBody(result: ReservationResult) {
  return {
    reservation_id: result.reservationId,
    stock: result.stock.map((entry) => ({
      product_id: g2aIdToJson(entry.g2aProductId),
      inventory_size: entry.inventorySize,
    })),
  };
}

export function inventoryBody(lines: readonly InventoryLine[]) {
  return lines.map((line) => ({
    product_id: g2aIdToJson(line.g2aProductId),
    inventory_size: line.items.length,
    inventory: line.items.map((item) => ({ id: item.id, kind: item.kind, value: item.value })),
  }));
}

export function orderBody(orderId: string, lines: readonly InventoryLine[]) {
  return { order_id: orderId, stock: inventoryBody(lines) };
}
