import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hourlyBuckets, type Overview } from "@/lib/admin/overview";
import type { NotificationPage } from "@/lib/admin/notifications";
import type { ReservationPage } from "@/lib/admin/reservations";
import { hashPassword } from "@/lib/auth/passwords";
import { adminCall, signIn } from "../support/admin-session";
import { mapDemoProducts, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import type { G2aCaller } from "../support/g2a-caller";
import { buy, eventually, orderStatus } from "../fulfillment/support-http";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;
let viewer: string;

beforeAll(async () => {
  ({ sandbox, app, g2a } = await startAppWithSandbox({ env: { ORDER_SYNC_WAIT_MS: "1500" } }));
  await mapDemoProducts(app.db, ["TPWHP", "SKYOUT", "MISTVH"], { minMarginCents: 0n });
  await app.db.user.create({
    data: { email: "viewer@example.com", passwordHash: await hashPassword("viewer-password-1"), role: "VIEWER" },
  });
  viewer = await signIn(app, "viewer@example.com", "viewer-password-1");
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));

const get = async <T>(path: string) => {
  const answer = await adminCall(app, viewer, "GET", path);
  expect(answer.status).toBe(200);
  return answer.body as T;
};

describe("the 24-hour buckets", () => {
  const now = new Date("2026-11-22T10:30:00.000Z");
  const order = (
    iso: string,
    status: "COMPLETED" | "FAILED" | "PENDING",
    sale: bigint | null,
    cost: bigint | null,
  ) => ({ createdAt: new Date(iso), status, saleTotalCents: sale, costTotalCents: cost });

  it("has 24 hours ending with the current one, counting orders and the margin of completed ones", () => {
    const buckets = hourlyBuckets(
      [
        order("2026-11-22T10:05:00.000Z", "COMPLETED", 1500n, 1249n),
        order("2026-11-22T10:29:00.000Z", "FAILED", 1500n, null),
        order("2026-11-21T11:00:00.000Z", "COMPLETED", 1000n, 900n),
        order("2026-11-21T10:59:59.999Z", "COMPLETED", 5000n, 1n), // older than the first hour: left out
        order("2026-11-22T09:10:00.000Z", "PENDING", 700n, null),
      ],
      now,
    );
    expect(buckets).toHaveLength(24);
    expect(buckets[0]).toEqual({
      hour: "2026-11-21T11:00:00.000Z",
      orders: 1,
      completed: 1,
      failed: 0,
      marginCents: "100",
    });
    expect(buckets[22]).toEqual({
      hour: "2026-11-22T09:00:00.000Z",
      orders: 1,
      completed: 0,
      failed: 0,
      marginCents: "0",
    });
    expect(buckets[23]).toEqual({
      hour: "2026-11-22T10:00:00.000Z",
      orders: 2,
      completed: 1,
      failed: 1,
      marginCents: "251",
    });
  });
});

describe("the overview, reservations and notifications APIs", () => {
  it("answers 401 without a session on each", async () => {
    for (const path of ["/api/admin/overview", "/api/admin/reservations", "/api/admin/notifications"]) {
      expect(await adminCall(app, "", "GET", path)).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED" } });
    }
  });

  it("shows orders per status, the failed one needing a retry, the day's margin and the CWS balance", async () => {
    const completed = await buy(g2a, 10000000000021, 2, "15.00");
    await eventually(
      () => orderStatus(app, completed.orderId),
      (order) => order.status === "COMPLETED",
    );
    const { reservationId } = await buy(g2a, 10000000000014, 1);
    const failed = await app.db.order.findUniqueOrThrow({ where: { reservationId } });
    expect(failed.status).toBe("FAILED");
    await app.db.order.update({
      where: { id: failed.id },
      data: { needsAttention: true, attentionReason: "looked odd" },
    });
    await sandbox.control("account", { currentBalance: 123.45 });

    const overview = await get<Overview>("/api/admin/overview");
    expect(overview.ordersByStatus).toMatchObject({ COMPLETED: 1, FAILED: 1, PENDING: 0 });
    expect(overview.needsAttention).toMatchObject({
      total: 1,
      orders: [{ id: failed.id, attentionReason: "looked odd", status: "FAILED" }],
    });
    const sold = await app.db.order.findUniqueOrThrow({ where: { id: completed.orderId } });
    const lastHour = overview.lastDay.at(-1)!;
    expect(lastHour).toMatchObject({
      orders: 2,
      completed: 1,
      failed: 1,
      marginCents: (sold.saleTotalCents! - sold.costTotalCents!).toString(),
    });
    expect(overview.cwsBalance).toMatchObject({ totalToUseCents: "12345", low: false, refreshError: null });
    expect(overview.sellingPaused).toBe(false);
  });

  it("lists active reservations apart from past ones, and finds one by its id", async () => {
    const reservation = await g2a.reserve([
      { product_id: 10000000000023, quantity: 1, additional_data: { unit_price: "30.00" } },
    ]);
    const reservationId = (reservation.body as { reservation_id: string }).reservation_id;
    const active = await get<ReservationPage>("/api/admin/reservations");
    expect(active.items.map((item) => item.id)).toContain(reservationId);
    expect(active.items.find((item) => item.id === reservationId)).toMatchObject({
      status: "ACTIVE",
      order: null,
      items: [{ g2aProductId: "10000000000023", quantity: 1, unitPriceCents: "3000" }],
    });

    const past = await get<ReservationPage>("/api/admin/reservations?state=past");
    expect(past.items.map((item) => item.id)).not.toContain(reservationId);
    expect(past.items.every((item) => item.status !== "ACTIVE")).toBe(true);
    expect(past.items.some((item) => item.status === "CONSUMED" && item.order !== null)).toBe(true);

    await app.db.reservation.update({ where: { id: reservationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const found = await get<ReservationPage>(`/api/admin/reservations?state=past&q=${reservationId.toUpperCase()}`);
    expect(found).toMatchObject({ total: 1, items: [{ id: reservationId, status: "EXPIRED" }] });
  });

  it("lists G2A's notifications newest first, by type and by offer id", async () => {
    const batch = [
      {
        notification_type: "auction_deactivated",
        date: "2026-11-22T09:00:00Z",
        data: { message: "G2A product not found", auction_id: 12345, offer_id: "aca21a59-5b76-4fb8-8329-f5157a53c824" },
      },
      {
        notification_type: "offer_price_changed",
        date: "2026-11-22T09:01:00Z",
        data: { message: "price lowered", offer_id: "bbbbbbbb-5b76-4fb8-8329-f5157a53c824" },
      },
    ];
    expect((await g2a.raw("POST", "/notifications", { body: batch })).status).toBe(204);

    const all = await get<NotificationPage>("/api/admin/notifications");
    expect(all.items.slice(0, 2).map((item) => item.notificationType)).toEqual([
      "offer_price_changed",
      "auction_deactivated",
    ]);
    expect(all.types).toEqual(expect.arrayContaining(["auction_deactivated", "offer_price_changed"]));
    expect(await get<NotificationPage>("/api/admin/notifications?type=auction_deactivated")).toMatchObject({
      total: 1,
      items: [{ auctionId: "12345", message: "G2A product not found" }],
    });
    expect(
      await get<NotificationPage>("/api/admin/notifications?q=bbbbbbbb-5b76-4fb8-8329-f5157a53c824"),
    ).toMatchObject({ total: 1, items: [{ notificationType: "offer_price_changed" }] });

    const overview = await get<Overview>("/api/admin/overview");
    expect(overview.notifications[0]).toMatchObject({
      notificationType: "offer_price_changed",
      message: "price lowered",
    });
  });

  it("refuses a malformed query with the field that is wrong", async () => {
    const answer = await adminCall(app, viewer, "GET", "/api/admin/reservations?state=someday");
    expect(answer).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", fieldErrors: { state: [expect.any(String)] } },
    });
    expect((await adminCall(app, viewer, "GET", "/api/admin/notifications?pageSize=1000")).status).toBe(400);
  });
});
