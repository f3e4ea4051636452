export const ORDER_STATUSES = ["PENDING", "PLACING", "AWAITING_CODES", "COMPLETED", "FAILED"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Orders still on their way: their pages refresh by themselves. */
export const IN_PROGRESS_STATUSES: ReadonlySet<OrderStatus> = new Set(["PENDING", "PLACING", "AWAITING_CODES"]);

export type OrderSummary = {
  id: string;
  g2aOrderId: string;
  status: OrderStatus;
  needsAttention: boolean;
  attentionReason: string | null;
  cwsOrderId: string | null;
  cwsOrderIdentifier: string | null;
  saleTotalCents: string | null;
  costTotalCents: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  units: number;
};

export type OrderPage = { items: OrderSummary[]; page: number; pageSize: number; total: number };

export type OrderKey = {
  id: string;
  kind: "TEXT" | "FILE";
  status: string;
  masked: string;
  storedAt: string;
  firstDeliveredAt: string | null;
  returnedAt: string | null;
};

export type OrderItem = {
  id: string;
  g2aProductId: string;
  cwsProductId: string;
  quantity: number;
  unitPriceCents: string | null;
  unitCostCents: string | null;
  costIsFinal: boolean;
  marginCents: string | null;
  keys: OrderKey[];
};

export type OrderTimelineEvent = {
  id: number;
  type: string;
  message: string;
  actor: string | null;
  details: unknown;
  at: string;
};

export type PlacementAttempt = {
  generation: number;
  attemptNumber: number;
  outcome: string | null;
  httpStatus: number | null;
  cwsErrorCode: string | null;
  message: string | null;
  cwsOrderId: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export type WorkflowRun = {
  id: string;
  status: string;
  attempt: number;
  lastError: string | null;
  startedAt: string;
  endedAt: string | null;
};

export type OrderDetail = {
  id: string;
  g2aOrderId: string;
  reservationId: string;
  status: OrderStatus;
  needsAttention: boolean;
  attentionReason: string | null;
  lastError: string | null;
  cws: {
    orderId: string | null;
    identifier: string | null;
    status: string | null;
    orderedAt: string | null;
    archivedOrderIds: string[];
  };
  saleTotalCents: string | null;
  costTotalCents: string | null;
  createdAt: string;
  completedAt: string | null;
  failedAt: string | null;
  workflow: { runId: string | null; phase: string | null; run: WorkflowRun | null };
  items: OrderItem[];
  timeline: OrderTimelineEvent[];
  /** The staff actions the signed-in user may take on this order, as the server decides them. */
  actions: Record<StaffAction, ActionVerdict>;
  attempts: PlacementAttempt[];
};

export type StaffAction = "retryFulfillment" | "markFailed" | "buyAgain" | "revealKey";
export type ActionVerdict = { allowed: true } | { allowed: false; code: string; reason: string };

export type StaffActionResult = { success: true; orderId: string; jobId?: string; message?: string };
export type RevealedKey = { keyId: string; kind: "TEXT" | "FILE"; value: string; mimeType: string | null };
