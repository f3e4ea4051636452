import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mapDemoProducts, startAppWithSandbox, stopAppWithSandbox, type App } from "../support/app-server";
import type { Sandbox } from "../support/cws-sandbox";
import type { G2aCaller } from "../support/g2a-caller";
import {
  G2A_ORDER_ID,
  PNG_BASE64,
  PNG_BYTES,
  PRODUCTS,
  cleanOrderTables,
  completeOrder,
  expectError,
  expectNoKeysIn,
  failOrder,
  placeOrder,
  reserve,
} from "./support/orders";

let sandbox: Sandbox;
let app: App;
let g2a: G2aCaller;

beforeAll(async () => {
  ({ sandbox, app, g2a } = await startAppWithSandbox({
    workflow: "inngest-unreachable",
    env: { ORDER_SYNC_WAIT_MS: "50", CWS_STOCK_MAX_AGE_SECONDS: "30" },
  }));
});
afterAll(() => stopAppWithSandbox({ app, sandbox }));
beforeEach(async () => {
  await sandbox.control("reset", {});
  await cleanOrderTables(app);
  await mapDemoProducts(app.db, ["NEONDO", "SKYOUT", "TWICO"]);
});

const { NEONDO, SKYOUT, TWICO } = PRODUCTS;
const UNKNOWN_UUID = "2a121cfe-8e7e-4ec2-a189-1738a43cc5e6";

/** The order of §11 in two lines, reserved SKYOUT first, COMPLETED with three text keys. */
async function completedTextOrder(g2aOrderId: number = G2A_ORDER_ID) {
  const placed = await placeOrder(
    g2a,
    [
      { product_id: SKYOUT, quantity: 1 },
      { product_id: NEONDO, quantity: 2 },
    ],
    g2aOrderId,
  );
  const [sky, neon] = (await completeOrder(app, placed.orderId, [
    [{ text: `SKYOUT-${g2aOrderId}-0001` }],
    [{ text: `  NEONDO-${g2aOrderId}-0001\r\n` }, { text: `\tNEONDO-${g2aOrderId}-0002 ` }],
  ])) as [string[], string[]];
  const body = [
    {
      product_id: SKYOUT,
      inventory_size: 1,
      inventory: [{ id: sky[0], kind: "text", value: `SKYOUT-${g2aOrderId}-0001` }],
    },
    {
      product_id: NEONDO,
      inventory_size: 2,
      inventory: [
        { id: neon[0], kind: "text", value: `NEONDO-${g2aOrderId}-0001` },
        { id: neon[1], kind: "text", value: `NEONDO-${g2aOrderId}-0002` },
      ],
    },
  ];
  return { ...placed, sky: sky as [string], neon: neon as [string, string], body };
}

/** An order with an image line and a text line, COMPLETED: one file key, one text key. */
async function completedFileOrder(g2aOrderId: number = G2A_ORDER_ID) {
  const placed = await placeOrder(
    g2a,
    [
      { product_id: TWICO, quantity: 1 },
      { product_id: NEONDO, quantity: 1 },
    ],
    g2aOrderId,
  );
  const [files, texts] = (await completeOrder(app, placed.orderId, [
    [{ file: PNG_BYTES, fileName: "cws-6313677f.png" }],
    [{ text: `NEONDO-${g2aOrderId}-FILE` }],
  ])) as [string[], string[]];
  return { ...placed, fileId: files[0]!, textId: texts[0]! };
}

describe("GET /order/{id}/inventory: which order", () => {
  it("resolves our order id in any case, the G2A order id with or without leading zeros, and the consumed reservation's id", async () => {
    const { orderId, reservationId, body } = await completedTextOrder();
    for (const ref of [
      orderId,
      orderId.toUpperCase(),
      String(G2A_ORDER_ID),
      `00${G2A_ORDER_ID}`,
      reservationId,
      reservationId.toUpperCase(),
    ]) {
      const answer = await g2a.inventory(ref);
      expect({ ref, status: answer.status }).toEqual({ ref, status: 200 });
      expect(answer.body).toEqual(body);
    }
  });

  it("answers 404 NOT_FOUND to anything else", async () => {
    await completedTextOrder();
    const active = await reserve(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    for (const ref of [
      UNKNOWN_UUID,
      active,
      String(G2A_ORDER_ID + 1),
      "0",
      "12345678901234567",
      `000${G2A_ORDER_ID}`,
      "9007199254740992",
      "order-1",
      "-80201000000192",
    ]) {
      expectError(await g2a.inventory(ref), 404, "NOT_FOUND");
    }
  });
});

describe("GET /order/{id}/inventory: what it answers", () => {
  it("answers 200 with an empty entry per line, in reservation order, while the order is on its way", async () => {
    const { orderId } = await placeOrder(g2a, [
      { product_id: SKYOUT, quantity: 1 },
      { product_id: NEONDO, quantity: 2 },
    ]);
    const empty = [
      { product_id: SKYOUT, inventory_size: 0, inventory: [] },
      { product_id: NEONDO, inventory_size: 0, inventory: [] },
    ];
    for (const status of ["PENDING", "PLACING", "AWAITING_CODES"] as const) {
      await app.db.order.update({ where: { id: orderId }, data: { status } });
      const answer = await g2a.inventory(orderId);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(answer.headers.get("cache-control")).toBe("no-store, no-transform");
      expect(answer.body).toEqual(empty);
    }
  });

  it("delivers nothing while some keys are stored but the order is not COMPLETED", async () => {
    const { orderId } = await placeOrder(g2a, [{ product_id: NEONDO, quantity: 2 }]);
    await completeOrder(app, orderId, [[{ text: "NEONDO-PARTIAL-1" }]], { status: "AWAITING_CODES" });
    expect((await g2a.inventory(orderId)).body).toEqual([{ product_id: NEONDO, inventory_size: 0, inventory: [] }]);
    expect(await app.db.key.count({ where: { firstDeliveredAt: { not: null } } })).toBe(0);
  });

  it("answers 500 FULFILLMENT_FAILED for a FAILED order", async () => {
    const { orderId } = await placeOrder(g2a, [{ product_id: NEONDO, quantity: 1 }]);
    await failOrder(app, orderId);
    const answer = await g2a.inventory(String(G2A_ORDER_ID));
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ code: "FULFILLMENT_FAILED", message: "order could not be fulfilled" });
  });

  it("groups a COMPLETED order's keys per product in reservation order, trimmed, with exactly the fields of Appendix A", async () => {
    const { orderId, body } = await completedTextOrder();
    const answer = await g2a.inventory(orderId);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(body);
    const entries = answer.body as Array<Record<string, unknown> & { inventory: Array<Record<string, unknown>> }>;
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(["inventory", "inventory_size", "product_id"]);
      expect(entry.inventory_size).toBe(entry.inventory.length);
      for (const item of entry.inventory) expect(Object.keys(item).sort()).toEqual(["id", "kind", "value"]);
    }
  });

  it("lists a file key as kind file with an empty value", async () => {
    const { orderId, fileId, textId } = await completedFileOrder();
    expect((await g2a.inventory(orderId)).body).toEqual([
      { product_id: TWICO, inventory_size: 1, inventory: [{ id: fileId, kind: "file", value: "" }] },
      {
        product_id: NEONDO,
        inventory_size: 1,
        inventory: [{ id: textId, kind: "text", value: `NEONDO-${G2A_ORDER_ID}-FILE` }],
      },
    ]);
  });

  it("answers the same ids and values on every read, and records only the first delivery", async () => {
    const { orderId, body } = await completedTextOrder();
    expect(await app.db.key.count({ where: { orderId, firstDeliveredAt: { not: null } } })).toBe(0);
    const first = await g2a.inventory(orderId);
    const delivered = await app.db.key.findMany({ where: { orderId }, orderBy: { id: "asc" } });
    expect(delivered.every((key) => key.firstDeliveredAt !== null)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await g2a.inventory(String(G2A_ORDER_ID));
    expect(second.body).toEqual(first.body);
    expect(second.body).toEqual(body);
    const again = await app.db.key.findMany({ where: { orderId }, orderBy: { id: "asc" } });
    expect(again.map((key) => key.firstDeliveredAt?.getTime())).toEqual(
      delivered.map((key) => key.firstDeliveredAt?.getTime()),
    );
  });
});

describe("GET /order/{id}/inventory/{itemId}: a file key", () => {
  it("answers the stored bytes as standard base64, named after our item id, typed from the bytes", async () => {
    const { orderId, fileId } = await completedFileOrder();
    for (const ref of [orderId, String(G2A_ORDER_ID)]) {
      const answer = await g2a.raw("GET", `/order/${ref}/inventory/${fileId}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(answer.body).toEqual({ data: PNG_BASE64, fileName: `${fileId}.png`, mimeType: "image/png" });
    }
    expect((await app.db.key.findUniqueOrThrow({ where: { id: fileId } })).firstDeliveredAt).not.toBeNull();
  });

  it("types a file from its bytes, else from the supplier's extension, and never uses the supplier's name", async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);
    const unknown = Buffer.from("not a known format");
    const cases = [
      { file: jpeg, fileName: "6313677f-code.png", mimeType: "image/jpeg", ext: "jpg" },
      { file: Buffer.from("%PDF-1.7\n"), fileName: "code", mimeType: "application/pdf", ext: "pdf" },
      { file: unknown, fileName: "code.jpeg", mimeType: "image/jpeg", ext: "jpg" },
      { file: unknown, fileName: "code.tar.gz", mimeType: "application/octet-stream", ext: "gz" },
      { file: unknown, fileName: "code.toolong", mimeType: "application/octet-stream", ext: "bin" },
      { file: unknown, fileName: "6313677f-code", mimeType: "application/octet-stream", ext: "bin" },
    ];
    const { orderId } = await placeOrder(g2a, [{ product_id: TWICO, quantity: cases.length }]);
    const [ids] = (await completeOrder(app, orderId, [cases.map(({ file, fileName }) => ({ file, fileName }))])) as [
      string[],
    ];
    for (const [i, expected] of cases.entries()) {
      const answer = await g2a.raw("GET", `/order/${orderId}/inventory/${ids[i]}`);
      expect({ fileName: expected.fileName, body: answer.body }).toEqual({
        fileName: expected.fileName,
        body: {
          data: expected.file.toString("base64"),
          fileName: `${ids[i]}.${expected.ext}`,
          mimeType: expected.mimeType,
        },
      });
    }
  });

  it("answers 404 NOT_FOUND to a text item, another order's item, an unknown item and an unknown order", async () => {
    const { orderId, textId } = await completedFileOrder();
    const other = await completedFileOrder(G2A_ORDER_ID + 1);
    for (const path of [
      `/order/${orderId}/inventory/${textId}`,
      `/order/${orderId}/inventory/${other.fileId}`,
      `/order/${orderId}/inventory/${UNKNOWN_UUID}`,
      `/order/${orderId}/inventory/not-a-uuid`,
      `/order/${UNKNOWN_UUID}/inventory/${other.fileId}`,
    ]) {
      expectError(await g2a.raw("GET", path), 404, "NOT_FOUND");
    }
  });

  it("answers 404 NOT_FOUND once the item is returned", async () => {
    const { orderId, fileId } = await completedFileOrder();
    expect((await g2a.raw("DELETE", `/order/${orderId}/inventory?id[]=${fileId}`)).status).toBe(204);
    expectError(await g2a.raw("GET", `/order/${orderId}/inventory/${fileId}`), 404, "NOT_FOUND");
  });

  it("answers 404 NOT_FOUND while the order is not COMPLETED, even with the file stored", async () => {
    const { orderId, fileId } = await completedFileOrder();
    for (const status of ["AWAITING_CODES", "FAILED"] as const) {
      await app.db.order.update({ where: { id: orderId }, data: { status } });
      expectError(await g2a.raw("GET", `/order/${orderId}/inventory/${fileId}`), 404, "NOT_FOUND");
    }
  });
});

describe("GET /order/{id}/inventory/{itemId}/account", () => {
  it("answers 404 NOT_FOUND for every item, after the bearer check", async () => {
    const { orderId, fileId, textId } = await completedFileOrder();
    for (const itemId of [fileId, textId, UNKNOWN_UUID]) {
      expectError(await g2a.raw("GET", `/order/${orderId}/inventory/${itemId}/account`), 404, "NOT_FOUND");
    }
    expectError(
      await g2a.raw("GET", `/order/${orderId}/inventory/${fileId}/account`, { auth: false }),
      401,
      "UNAUTHORIZED",
    );
  });
});

describe("DELETE /order/{id}/inventory: returns", () => {
  it("returns keys named in every query form, answers 204 with no body, and leaves them out of the inventory", async () => {
    const { orderId, sky, neon } = await completedTextOrder();
    const query = `id[]=${neon[0]}&id=${sky[0]}&id[0]=${neon[0]},&id[]=`;
    const answer = await g2a.raw("DELETE", `/order/${orderId}/inventory?${query}`);
    expect(answer.status).toBe(204);
    expect(answer.text).toBe("");

    expect((await g2a.inventory(orderId)).body).toEqual([
      { product_id: SKYOUT, inventory_size: 0, inventory: [] },
      {
        product_id: NEONDO,
        inventory_size: 1,
        inventory: [{ id: neon[1], kind: "text", value: `NEONDO-${G2A_ORDER_ID}-0002` }],
      },
    ]);
    const keys = await app.db.key.findMany({ where: { orderId } });
    expect(
      keys
        .filter((key) => key.status === "RETURNED")
        .map((key) => key.id)
        .sort(),
    ).toEqual([neon[0], sky[0]].sort());
    expect(keys.every((key) => (key.status === "RETURNED") === (key.returnedAt !== null))).toBe(true);
    expect((await app.db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("COMPLETED");
    expect(await app.db.orderEvent.count({ where: { orderId, type: "KEYS_RETURNED" } })).toBe(1);
  });

  it("accepts comma-separated ids in one value and the G2A order id in the path", async () => {
    const { neon } = await completedTextOrder();
    expect((await g2a.raw("DELETE", `/order/${G2A_ORDER_ID}/inventory?id[1]=${neon[0]},${neon[1]}`)).status).toBe(204);
    expect(await app.db.key.count({ where: { id: { in: neon }, status: "RETURNED" } })).toBe(2);
  });

  it("is idempotent: returning again changes nothing", async () => {
    const { orderId, neon } = await completedTextOrder();
    expect((await g2a.raw("DELETE", `/order/${orderId}/inventory?id[]=${neon[0]}`)).status).toBe(204);
    const before = await app.db.key.findUniqueOrThrow({ where: { id: neon[0] } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await g2a.raw("DELETE", `/order/${orderId}/inventory?id[]=${neon[0]}`);
    expect(again.status).toBe(204);
    expect(again.text).toBe("");
    expect(await app.db.key.findUniqueOrThrow({ where: { id: neon[0] } })).toEqual(before);
    expect(await app.db.orderEvent.count({ where: { orderId, type: "KEYS_RETURNED" } })).toBe(1);
  });

  it("answers 404 NOT_FOUND and changes nothing when any id is not an item of this order", async () => {
    const { orderId, neon } = await completedTextOrder();
    const other = await completedTextOrder(G2A_ORDER_ID + 1);
    for (const stranger of [other.neon[0], UNKNOWN_UUID, "not-a-uuid"]) {
      expectError(
        await g2a.raw("DELETE", `/order/${orderId}/inventory?id[]=${neon[0]}&id[]=${stranger}`),
        404,
        "NOT_FOUND",
      );
    }
    expect(await app.db.key.count({ where: { status: "RETURNED" } })).toBe(0);
    expect(await app.db.orderEvent.count({ where: { type: "KEYS_RETURNED" } })).toBe(0);
  });

  it("answers 404 NOT_FOUND for an order that is not COMPLETED, which has no items yet", async () => {
    const { orderId } = await placeOrder(g2a, [{ product_id: NEONDO, quantity: 2 }]);
    const [[stored]] = (await completeOrder(app, orderId, [[{ text: "NEONDO-NOT-YET-1" }]], {
      status: "AWAITING_CODES",
    })) as [[string]];
    expectError(await g2a.raw("DELETE", `/order/${orderId}/inventory?id[]=${stored}`), 404, "NOT_FOUND");
    expect(await app.db.key.count({ where: { status: "RETURNED" } })).toBe(0);
  });

  it("answers 400 BAD_REQUEST when no id is given", async () => {
    const { orderId } = await completedTextOrder();
    for (const query of ["", "?id[]=", "?id=,,&id[0]=", "?ids[]=x", "?foo=bar"]) {
      expectError(await g2a.raw("DELETE", `/order/${orderId}/inventory${query}`), 400, "BAD_REQUEST");
    }
  });

  it("takes up to 500 distinct ids in one return, and answers 400 BAD_REQUEST above that, never 500", async () => {
    const { orderId, neon } = await completedTextOrder();
    // Short ids: a URL holds about 370 UUIDs before Node refuses its size (431).
    const strangers = (count: number) => Array.from({ length: count }, (_, i) => `id[]=k${i}`).join("&");
    expectError(
      await g2a.raw("DELETE", `/order/${orderId}/inventory?id[]=${neon[0]}&${strangers(499)}`),
      404,
      "NOT_FOUND",
    );
    for (const count of [500, 999, 1200]) {
      const answer = await g2a.raw("DELETE", `/order/${orderId}/inventory?id[]=${neon[0]}&${strangers(count)}`);
      expectError(answer, 400, "BAD_REQUEST");
      expect((answer.body as { message: string }).message).toContain("at most 500 item ids");
    }
    expect(await app.db.key.count({ where: { status: "RETURNED" } })).toBe(0);
  });

  it("answers 404 NOT_FOUND for an unknown order", async () => {
    expectError(await g2a.raw("DELETE", `/order/${UNKNOWN_UUID}/inventory?id[]=${UNKNOWN_UUID}`), 404, "NOT_FOUND");
    expectError(await g2a.raw("DELETE", `/order/${G2A_ORDER_ID}/inventory?id[]=${UNKNOWN_UUID}`), 404, "NOT_FOUND");
  });
});

describe("logs", () => {
  it("never show a key or file data", async () => {
    const { orderId, fileId } = await completedFileOrder();
    await g2a.inventory(orderId);
    await g2a.raw("GET", `/order/${orderId}/inventory/${fileId}`);
    expectNoKeysIn(app.output());
  });
});
