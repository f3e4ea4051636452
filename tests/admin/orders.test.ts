import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getOrderDetail, listOrders, orderListQuerySchema, revealKey } from "@/lib/admin/orders";
import type { Actor } from "@/lib/audit";
import type { FulfillmentDeps } from "@/lib/fulfillment/deps";
import { startSandbox, type Sandbox } from "../support/cws-sandbox";
import type { TestDb } from "../support/test-db";
import { freshDbAndDeps, createPaidOrder, drive } from "../fulfillment/support";

let sandbox: Sandbox;
let testDb: TestDb;
let deps: FulfillmentDeps;

const admin: Actor = { id: "a", email: "admin@example.com", role: "ADMIN", ip: "10.1.2.3" };
const operator: Actor = { id: "o", email: "oncall@example.com", role: "OPERATOR" };

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => ({ testDb, deps } = await freshDbAndDeps(sandbox)));
afterEach(() => testDb.close());

const query = (raw: Record<string, string>) => orderListQuerySchema.parse(raw);

describe("orders for the dashboard", () => {
  it("pages newest first and filters by status", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]));
    await drive(deps, ids[0]!);
    const firstPage = await listOrders(deps.db, query({ pageSize: "2" }));
    expect(firstPage.total).toBe(3);
    expect(firstPage.items).toHaveLength(2);
    const pending = await listOrders(deps.db, query({ status: "PENDING" }));
    expect(pending.items.map((order) => order.id).sort()).toEqual([ids[1], ids[2]].sort());
    const completed = await listOrders(deps.db, query({ status: "COMPLETED" }));
    expect(completed.items).toMatchObject([{ id: ids[0], units: 1, costTotalCents: "1249" }]);
  });

  it("finds an order by our id, the G2A order id or the CWS order id, exactly", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await drive(deps, orderId);
    const order = await deps.db.order.findUniqueOrThrow({ where: { id: orderId } });
    for (const q of [
      orderId.toUpperCase(),
      order.g2aOrderId,
      `00${order.g2aOrderId}`,
      order.cwsOrderId!,
      order.cwsOrderIdentifier!,
    ]) {
      expect((await listOrders(deps.db, query({ q }))).items.map((row) => row.id)).toEqual([orderId]);
    }
    expect((await listOrders(deps.db, query({ q: "80201" }))).total).toBe(0);
  });

  it("rejects a bad filter with the field that failed", () => {
    const parsed = orderListQuerySchema.safeParse({ status: "SHIPPED", from: "yesterday", page: "0" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["from", "page", "status"]);
  });

  it("shows an order with prices, margin, masked keys, timeline and attempts", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 2, unitPriceCents: 1500n }]);
    await drive(deps, orderId);
    const detail = await getOrderDetail(deps.db, orderId, "ADMIN");
    expect(detail.status).toBe("COMPLETED");
    expect(detail.items[0]).toMatchObject({
      quantity: 2,
      unitPriceCents: "1500",
      unitCostCents: "1249",
      marginCents: "251",
      costIsFinal: true,
    });
    expect(detail.items[0]?.keys).toHaveLength(2);
    expect(JSON.stringify(detail)).not.toMatch(/SKYOUT-[A-Z0-9]{4}/);
    expect(detail.timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(["PLACEMENT_ATTEMPT", "KEYS_STORED", "COMPLETED"]),
    );
    expect(detail.attempts).toMatchObject([{ outcome: "CREATED", attemptNumber: 1 }]);
    await expect(getOrderDetail(deps.db, "nope", "ADMIN")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets an admin reveal one key, recording who, why and from where, never the value", async () => {
    const orderId = await createPaidOrder(deps, [{ product: "SKYOUT", quantity: 1 }]);
    await drive(deps, orderId);
    const keyId = (await getOrderDetail(deps.db, orderId, "ADMIN")).items[0]!.keys[0]!.id;
    await expect(revealKey(deps.db, deps.vault, keyId, "buyer says it does not work", operator)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const revealed = await revealKey(deps.db, deps.vault, keyId, "buyer says it does not work", admin);
    expect(revealed.value).toMatch(/^SKYOUT-/);
    const audit = await deps.db.auditLog.findFirstOrThrow({ where: { action: "key.reveal" } });
    expect(audit).toMatchObject({
      actorEmail: "admin@example.com",
      targetId: keyId,
      ip: "10.1.2.3",
      reason: "buyer says it does not work",
    });
    const timeline = await deps.db.orderEvent.findMany({ where: { orderId, type: "KEY_REVEALED" } });
    expect(timeline).toHaveLength(1);
    expect(JSON.stringify([audit, timeline])).not.toContain(revealed.value);
  });
});
