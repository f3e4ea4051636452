import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreatedOffer, OfferDetail, OfferPage, OfferRow, OfferSyncResult } from "@/lib/admin/offer-schema";
import { adminCall, signInStaff, type StaffCookies } from "../support/admin-session";
import { startAppWithSandboxes, stopAppWithSandboxes, type App } from "../support/app-server";
import { CWS_PRODUCTS, type Sandbox as CwsSandbox } from "../support/cws-sandbox";
import { eventually } from "../fulfillment/support-http";
import { PRODUCTS, type Sandbox, type SandboxOffer } from "../g2a-api/support";

// The Offers page's admin API: reading for every role, each action for its role, ids checked, and
// every action audited. The app talks to a local CWS sandbox and a local G2A sandbox whose jobs
// complete at once.

/** The product every action is taken on, and one left without an offer. */
const SOLD = { g2aProductId: PRODUCTS.A, cwsProductId: CWS_PRODUCTS.TWTCO };
const UNSOLD = { g2aProductId: PRODUCTS.B, cwsProductId: CWS_PRODUCTS.TWICO };
const UNMAPPED = "99999999999999";
const ACTIONS = ["create", "sync", "pause", "resume", "acknowledge"] as const;

let cws: CwsSandbox;
let g2a: Sandbox;
let app: App;
let cookies: StaffCookies;

beforeAll(async () => {
  ({ cws, g2a, app } = await startAppWithSandboxes());
  cookies = await signInStaff(app);
  for (const mapping of [SOLD, UNSOLD]) {
    const created = await adminCall(app, cookies.admin, "POST", "/api/admin/mappings", {
      ...mapping,
      minMarginEur: "0.00",
    });
    expect(created.status).toBe(201);
  }
});
afterAll(() => stopAppWithSandboxes({ app, cws, g2a }));

const offerPath = (id: string, action?: string) => `/api/admin/offers/${id}${action ? `/${action}` : ""}`;
const as = (cookie: string, method: string, path: string, body?: unknown) => adminCall(app, cookie, method, path, body);
const detail = async (id = SOLD.g2aProductId) => {
  const answer = await as(cookies.viewer, "GET", offerPath(id));
  expect(answer.status).toBe(200);
  return answer.body as OfferDetail;
};
const sandboxOffer = async (productId: string): Promise<SandboxOffer | undefined> =>
  (await g2a.state()).offers.find((offer) => offer.product.id === productId);
const auditActions = async () =>
  (await app.db.auditLog.findMany({ where: { targetType: "g2aOffer" }, orderBy: { id: "asc" } })).map(
    (line) => `${line.action} ${line.targetId} by ${line.actorEmail}`,
  );

/** "Sync now" until the answer satisfies `check` (another sync may hold the offer for a moment). */
const syncUntil = (cookie: string, check: (result: OfferSyncResult) => boolean) =>
  eventually(
    async () => {
      const answer = await as(cookie, "POST", offerPath(SOLD.g2aProductId, "sync"));
      expect(answer.status).toBe(200);
      return answer.body as OfferSyncResult;
    },
    check,
    20_000,
    300,
  );

describe("reading offers", () => {
  it("lists every mapping's offer to a VIEWER, with the problem counts, a problem filter and a search", async () => {
    const all = await as(cookies.viewer, "GET", "/api/admin/offers");
    expect(all.status).toBe(200);
    const page = all.body as OfferPage;
    expect(page).toMatchObject({ page: 1, pageSize: 25, total: 2 });
    expect(page.items.map((row) => [row.g2aProductId, row.status, row.offerId])).toEqual([
      [SOLD.g2aProductId, "no_offer", null],
      [UNSOLD.g2aProductId, "no_offer", null],
    ]);
    expect(page.items[0]!.problems).toContain("no_offer");
    expect(page.counts).toMatchObject({ no_offer: 2, paused_by_g2a: 0 });

    const noOffer = (await as(cookies.viewer, "GET", "/api/admin/offers?problem=no_offer")).body as OfferPage;
    expect(noOffer.total).toBe(2);
    const pausedByG2a = (await as(cookies.viewer, "GET", "/api/admin/offers?problem=paused_by_g2a")).body as OfferPage;
    expect(pausedByG2a).toMatchObject({ total: 0, items: [] });
    const found = (await as(cookies.viewer, "GET", `/api/admin/offers?q=${UNSOLD.cwsProductId}`)).body as OfferPage;
    expect(found.items.map((row) => row.g2aProductId)).toEqual([UNSOLD.g2aProductId]);
    const paged = (await as(cookies.viewer, "GET", "/api/admin/offers?page=2&pageSize=1")).body as OfferPage;
    expect(paged).toMatchObject({ page: 2, pageSize: 1, total: 2, items: [{ g2aProductId: UNSOLD.g2aProductId }] });
  });

  it("answers 400 with the field for a problem it does not know", async () => {
    expect(await as(cookies.viewer, "GET", "/api/admin/offers?problem=expensive")).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", fieldErrors: { problem: expect.any(Array) } },
    });
  });

  it("answers one offer and its decision history to a VIEWER, the product id read in its canonical form", async () => {
    const answer = await as(cookies.viewer, "GET", offerPath(`00${SOLD.g2aProductId}`));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      offer: { g2aProductId: SOLD.g2aProductId, cwsProductId: SOLD.cwsProductId, status: "no_offer" },
      decisions: expect.any(Array),
    });
  });

  it("answers 401 to nobody signed in", async () => {
    expect((await as("", "GET", "/api/admin/offers")).status).toBe(401);
    expect((await as("", "GET", offerPath(SOLD.g2aProductId))).status).toBe(401);
  });
});

describe("product ids in the path", () => {
  it.each(["abc", "0", "12345678901234567", "1e5", "-5"])("answers 400 VALIDATION_FAILED for %s", async (id) => {
    for (const [cookie, method, action] of [
      [cookies.viewer, "GET", undefined],
      [cookies.admin, "POST", "create"],
      [cookies.operator, "POST", "sync"],
      [cookies.operator, "POST", "pause"],
      [cookies.admin, "POST", "acknowledge"],
    ] as const) {
      const answer = await as(cookie, method, offerPath(id, action), action === "acknowledge" ? {} : undefined);
      expect(answer, `${method} ${action ?? "detail"}`).toMatchObject({
        status: 400,
        body: { code: "VALIDATION_FAILED", fieldErrors: { g2aProductId: expect.any(Array) } },
      });
    }
  });

  it("answers 404 NOT_FOUND for a product nobody mapped, and does nothing", async () => {
    for (const [cookie, method, action] of [
      [cookies.viewer, "GET", undefined],
      [cookies.admin, "POST", "create"],
      [cookies.operator, "POST", "sync"],
      [cookies.operator, "POST", "pause"],
      [cookies.operator, "POST", "resume"],
      [cookies.admin, "POST", "acknowledge"],
    ] as const) {
      const answer = await as(cookie, method, offerPath(UNMAPPED, action), action === "acknowledge" ? {} : undefined);
      expect(answer, `${method} ${action ?? "detail"}`).toMatchObject({
        status: 404,
        body: { code: "NOT_FOUND", message: `Product ${UNMAPPED} is not mapped` },
      });
    }
    expect(await auditActions()).toEqual([]);
    expect((await g2a.state()).offers).toEqual([]);
  });
});

describe("who may act", () => {
  it("refuses every action to a VIEWER with 403, and creating and acknowledging to an OPERATOR", async () => {
    for (const action of ACTIONS) {
      expect(await as(cookies.viewer, "POST", offerPath(SOLD.g2aProductId, action), {}), action).toMatchObject({
        status: 403,
        body: { code: "FORBIDDEN" },
      });
    }
    for (const action of ["create", "acknowledge"] as const) {
      expect(await as(cookies.operator, "POST", offerPath(SOLD.g2aProductId, action), {}), action).toMatchObject({
        status: 403,
        body: { code: "FORBIDDEN", message: "This needs the ADMIN role or higher; you are signed in as OPERATOR" },
      });
    }
    expect(await auditActions()).toEqual([]);
    expect((await g2a.state()).offers).toEqual([]);
    expect((await detail()).offer.status).toBe("no_offer");
  });
});

describe("acting on an offer", () => {
  it("syncs an offer that does not exist yet: says what would be listed, and G2A gets nothing", async () => {
    const result = await syncUntil(cookies.operator, (answer) => answer.outcome !== "busy");
    expect(result.outcome).toBe("unlinked");
    expect(result.message).toMatch(/^No offer on G2A yet: €\d+\.\d\d \(.+\), stock \d+ would be listed/);
    expect((await g2a.state()).offers).toEqual([]);
  });

  it("creates the offer on G2A (ADMIN), and the next sync links it, listed at the target price, at or above the floor", async () => {
    const created = await as(cookies.admin, "POST", offerPath(SOLD.g2aProductId, "create"));
    expect(created.status).toBe(200);
    const answer = created.body as CreatedOffer;
    expect(answer).toMatchObject({ outcome: "started", offerId: null, jobId: expect.any(String) });
    expect(answer.message).toMatch(/^Asked G2A to create the offer at €/);
    expect((await detail()).offer.status).toBe("creating");
    expect(await as(cookies.admin, "POST", offerPath(SOLD.g2aProductId, "create"))).toMatchObject({
      status: 409,
      body: { code: "CONFLICT" },
    });

    await syncUntil(cookies.operator, (result) => result.outcome !== "busy" && result.outcome !== "waiting");
    const { offer, decisions } = await detail();
    expect(offer).toMatchObject({ status: "active", offerId: expect.any(String), pendingJobId: null });
    expect(Number(offer.listedPrice)).toBeGreaterThanOrEqual(Number(offer.floor));
    expect(offer.listedPrice).toBe(offer.targetPrice);
    expect(offer.declaredStock).toBeGreaterThan(0);
    // Linked by G2A's finished job, or by finding the new offer in our offer list first.
    const actions = decisions.map((decision) => decision.action);
    expect(actions).toContain("create");
    expect(actions.filter((action) => action === "settle" || action === "link").length).toBeGreaterThan(0);

    const listed = await sandboxOffer(SOLD.g2aProductId);
    expect(listed).toMatchObject({ id: offer.offerId, active: true, inventory: { size: offer.declaredStock } });
    expect(Number(listed!.price)).toBe(Number(offer.listedPrice));
    const mapping = await app.db.productMapping.findUnique({ where: { g2aProductId: SOLD.g2aProductId } });
    expect(mapping?.g2aOfferId).toBe(offer.offerId);
  });

  it("pauses the offer (OPERATOR): G2A gets stock 0 and inactive; resuming lists it again", async () => {
    const paused = await as(cookies.operator, "POST", offerPath(SOLD.g2aProductId, "pause"));
    expect(paused.status).toBe(200);
    expect(paused.body as OfferRow).toMatchObject({
      status: "paused_by_staff",
      pausedByStaffBy: "oncall@example.com",
      pausedByStaffAt: expect.any(String),
    });
    await eventually(
      async () => {
        await as(cookies.operator, "POST", offerPath(SOLD.g2aProductId, "sync"));
        return sandboxOffer(SOLD.g2aProductId);
      },
      (offer) => offer?.active === false && offer.inventory.size === 0,
      20_000,
      300,
    );
    expect((await detail()).offer.stopReason).toBe("paused by staff");

    const resumed = await as(cookies.operator, "POST", offerPath(SOLD.g2aProductId, "resume"));
    expect(resumed.status).toBe(200);
    expect(resumed.body as OfferRow).toMatchObject({ pausedByStaffAt: null, pausedByStaffBy: null });
    await eventually(
      async () => {
        await as(cookies.operator, "POST", offerPath(SOLD.g2aProductId, "sync"));
        return sandboxOffer(SOLD.g2aProductId);
      },
      (offer) => offer?.active === true && offer.inventory.size > 0,
      20_000,
      300,
    );
  });

  it("refuses to acknowledge a deactivation G2A never made (409), and a note over 500 characters (400)", async () => {
    expect(await as(cookies.admin, "POST", offerPath(SOLD.g2aProductId, "acknowledge"), {})).toMatchObject({
      status: 409,
      body: { code: "CONFLICT", message: "G2A has not deactivated this offer; there is nothing to acknowledge" },
    });
    expect(
      await as(cookies.admin, "POST", offerPath(SOLD.g2aProductId, "acknowledge"), { note: "x".repeat(501) }),
    ).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED", fieldErrors: { note: expect.any(Array) } } });
  });

  it("keeps an offer G2A deactivated off until an admin acknowledges it, with the note audited", async () => {
    const { offer } = await detail();
    const pushed = await g2a.control<{ notification: { status: number | null } }>(
      `offers/${offer.offerId}/deactivate`,
      {
        message: "Some of the requested items do not exist",
        merchant: { baseUrl: app.g2aUrl, ...app.credentials },
      },
    );
    expect(pushed.notification.status).toBeGreaterThanOrEqual(200);
    expect(pushed.notification.status).toBeLessThan(300);
    const deactivated = await eventually(
      () => detail(),
      ({ offer: row }) => row.status === "paused_by_g2a",
    );
    expect(deactivated.offer).toMatchObject({
      pausedByG2aMessage: "Some of the requested items do not exist",
      problems: expect.arrayContaining(["paused_by_g2a"]),
    });
    const listed = (await as(cookies.viewer, "GET", "/api/admin/offers?problem=paused_by_g2a")).body as OfferPage;
    expect(listed.items.map((row) => row.g2aProductId)).toEqual([SOLD.g2aProductId]);

    const acknowledged = await as(cookies.admin, "POST", offerPath(SOLD.g2aProductId, "acknowledge"), {
      note: "  the listing was fixed  ",
    });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body as OfferRow).toMatchObject({ pausedByG2aAt: null, pausedByG2aMessage: null });
    const line = await app.db.auditLog.findFirst({ where: { action: "offer.acknowledge_g2a_pause" } });
    expect(line).toMatchObject({ actorEmail: "admin@example.com", reason: "the listing was fixed" });
  });

  it("writes one audit line per action, naming the product and who acted", async () => {
    const lines = await auditActions();
    const id = SOLD.g2aProductId;
    for (const expected of [
      `offer.sync ${id} by oncall@example.com`,
      `offer.create ${id} by admin@example.com`,
      `offer.pause ${id} by oncall@example.com`,
      `offer.resume ${id} by oncall@example.com`,
      `offer.acknowledge_g2a_pause ${id} by admin@example.com`,
    ])
      expect(lines).toContain(expected);
    // The refused create (409) and acknowledgement (409, 400) left no line.
    expect(lines.filter((line) => line.startsWith("offer.create"))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith("offer.acknowledge"))).toHaveLength(1);
  });
});
