import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startG2aSandbox } from "@/tools/g2a-sandbox/server";
import { manyProducts, PRODUCTS, startTestSandbox } from "./support";

function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "g2a-sandbox-"));
}

describe("state file", () => {
  it("keeps products, offers, jobs, tokens, competitors and settings across a restart, but not faults", async () => {
    const dir = temporaryDirectory();
    const stateFile = path.join(dir, "nested", "g2a-sandbox.json");
    try {
      const first = await startTestSandbox({ stateFile });
      const token = await first.token();
      const offerId = await first.createdOfferId(PRODUCTS.SKYOUT, "15.00");
      const pending = (await first.updateOffer(offerId, { inventory: { size: 1 } })).body.data.jobId;
      await first.control("POST", "/products", { products: manyProducts(1) });
      await first.control("POST", "/competitors", {
        productId: PRODUCTS.SKYOUT,
        offers: [{ id: "rival", price: "9.99", sellerName: "Rival" }],
      });
      await first.settings({ updateMode: "spec", simulationValues: "number" });
      await first.faults([{ route: "*", status: 500, count: -1 }]);
      await first.sandbox.close();
      expect(fs.readdirSync(path.dirname(stateFile))).toEqual(["g2a-sandbox.json"]);
      expect(fs.statSync(stateFile).mode & 0o777).toBe(0o600);

      const second = await startTestSandbox({ stateFile });
      const authorization = { headers: { Authorization: `Bearer ${token}` } };
      const offer = await second.request<{ data: { price: string } }>(
        "GET",
        `/v3/sales/offers/${offerId}`,
        authorization,
      );
      expect(offer.status).toBe(200);
      expect(offer.body.data.price).toBe("15.00");
      // The job was still pending when the first sandbox stopped; the second one completes it at its time.
      await expect
        .poll(
          async () =>
            (await second.request<{ data: { status: string } }>("GET", `/v3/jobs/${pending}`, authorization)).body.data
              .status,
          { timeout: 5_000 },
        )
        .toBe("complete");
      const state = await second.state();
      expect(state.offers[0]?.inventory.size).toBe(1);
      expect(state.settings).toMatchObject({ updateMode: "spec", simulationValues: "number" });
      expect(state.products.map((product) => product.id)).toContain(manyProducts(1)[0]?.id);
      expect(state.competitors[PRODUCTS.SKYOUT]?.map((competitor) => competitor.id)).toEqual(["rival"]);
      expect(state.faults).toEqual([]);
      // The job may have been asked for more than once while it completed.
      expect([...new Set(state.requests.map((entry) => entry.path))]).toEqual([
        `/v3/sales/offers/${offerId}`,
        `/v3/jobs/${pending}`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start from a file that is not a sandbox state", async () => {
    const dir = temporaryDirectory();
    const stateFile = path.join(dir, "state.json");
    fs.writeFileSync(stateFile, JSON.stringify({ version: 99 }));
    try {
      await expect(startG2aSandbox({ port: 0, stateFile })).rejects.toThrow(/not a version 1 G2A sandbox state/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start with an invalid catalogue, naming the problem", async () => {
    const dir = temporaryDirectory();
    const catalogueFile = path.join(dir, "catalogue.json");
    fs.writeFileSync(catalogueFile, JSON.stringify([{ id: "i123", name: "X", priceLimit: { min: 1, max: 2 } }]));
    try {
      await expect(startG2aSandbox({ port: 0, catalogueFile })).rejects.toThrow(/\[0\]\.id must be a string of digits/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
