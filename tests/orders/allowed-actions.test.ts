import { describe, expect, it } from "vitest";
import { staffActions, type OrderFacts } from "@/lib/orders/allowed-actions";

const order = (facts: Partial<OrderFacts>): OrderFacts => ({
  status: "PENDING",
  needsAttention: false,
  cwsOrderId: null,
  cwsOrderStatus: null,
  attempts: [],
  keyCount: 0,
  ...facts,
});
const allowedOf = (facts: Partial<OrderFacts>, role: "ADMIN" | "OPERATOR" | "VIEWER") =>
  Object.entries(staffActions(order(facts), role))
    .filter(([, verdict]) => verdict.allowed)
    .map(([action]) => action);

describe("the staff actions an order allows", () => {
  it("offers Retry on a stuck or failed order to on-call staff, and nothing to a viewer", () => {
    for (const status of ["PENDING", "PLACING", "AWAITING_CODES", "FAILED"] as const)
      expect(allowedOf({ status }, "OPERATOR")).toEqual(["retryFulfillment"]);
    expect(staffActions(order({}), "VIEWER").retryFulfillment).toEqual({
      allowed: false,
      code: "FORBIDDEN",
      reason: "This needs the OPERATOR role or higher; you are signed in as VIEWER",
    });
  });

  it("sends a failed order whose CWS order CWS cancelled to an admin's Buy again, never to Retry", () => {
    const cancelled = { status: "FAILED" as const, cwsOrderId: "cws-1", cwsOrderStatus: "Cancelled" };
    expect(allowedOf(cancelled, "ADMIN")).toEqual(["buyAgain"]);
    expect(staffActions(order(cancelled), "ADMIN").retryFulfillment).toMatchObject({
      allowed: false,
      code: "INVALID_STATE",
    });
    expect(staffActions(order(cancelled), "OPERATOR").buyAgain).toMatchObject({ allowed: false, code: "FORBIDDEN" });
  });

  it("offers Mark failed to an admin only when the run stopped on an unknown outcome", () => {
    const unknown = {
      status: "PLACING" as const,
      needsAttention: true,
      attempts: [{ outcome: "NOT_FOUND" as const }, { outcome: "UNKNOWN" as const }],
    };
    expect(allowedOf(unknown, "ADMIN")).toEqual(["retryFulfillment", "markFailed"]);
    expect(allowedOf(unknown, "OPERATOR")).toEqual(["retryFulfillment"]);
    // Still searching (not flagged), refused by CWS, or bought: not for Mark failed.
    expect(allowedOf({ ...unknown, needsAttention: false }, "ADMIN")).toEqual(["retryFulfillment"]);
    expect(allowedOf({ ...unknown, attempts: [{ outcome: "REFUSED" }] }, "ADMIN")).toEqual(["retryFulfillment"]);
    expect(allowedOf({ ...unknown, cwsOrderId: "cws-1" }, "ADMIN")).toEqual(["retryFulfillment"]);
  });

  it("offers nothing on a completed order but the admin's key reveal", () => {
    const completed = { status: "COMPLETED" as const, cwsOrderId: "cws-1", cwsOrderStatus: "Completed", keyCount: 2 };
    expect(allowedOf(completed, "ADMIN")).toEqual(["revealKey"]);
    expect(allowedOf(completed, "OPERATOR")).toEqual([]);
    expect(staffActions(order(completed), "ADMIN").retryFulfillment).toEqual({
      allowed: false,
      code: "ORDER_ALREADY_FULFILLED",
      reason: "Order is already fulfilled",
    });
  });
});
