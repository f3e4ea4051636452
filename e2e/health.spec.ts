import { expect, test } from "@playwright/test";

test("the health endpoint answers 200 with the database up", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", db: "ok" });
  expect(typeof body.version).toBe("string");
});
