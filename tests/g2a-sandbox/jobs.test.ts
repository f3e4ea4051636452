import { describe, expect, it } from "vitest";
import { PRODUCTS, sleep, startTestSandbox } from "./support";

describe("GET /v3/jobs/{jobId}", () => {
  it("stays pending for jobDelayMs, then completes, counting every poll", async () => {
    const client = await startTestSandbox({ jobDelayMs: 250 });
    const { jobId } = (await client.createOffer(PRODUCTS.SKYOUT)).body.data;
    for (let i = 0; i < 3; i++) expect((await client.job(jobId)).body.data.status).toBe("pending");
    await sleep(260);
    expect((await client.job(jobId)).body.data.status).toBe("complete");
    const state = await client.state();
    expect(state.jobs).toEqual([
      expect.objectContaining({ jobId, status: "complete", polls: 4, kind: "create", outcome: "normal" }),
    ]);
    expect(state.offers).toHaveLength(1);
  });

  it("completes the offer change without being polled", async () => {
    const client = await startTestSandbox({ jobDelayMs: 20 });
    await client.createOffer(PRODUCTS.SKYOUT);
    await sleep(40);
    expect((await client.api<{ data: unknown[] }>("GET", "/v3/sales/offers")).body.data).toHaveLength(1);
  });

  it("completes on the Nth poll when jobCompleteAfterPolls is set", async () => {
    const client = await startTestSandbox({ jobDelayMs: 0 });
    await client.settings({ jobCompleteAfterPolls: 3 });
    const { jobId } = (await client.createOffer(PRODUCTS.SKYOUT)).body.data;
    await sleep(20);
    expect((await client.job(jobId)).body.data.status).toBe("pending");
    expect((await client.job(jobId)).body.data.status).toBe("pending");
    expect((await client.state()).offers).toEqual([]);
    const third = await client.job(jobId);
    expect(third.body.data.status).toBe("complete");
    expect(third.body.data.elements[0]?.resourceId).toBe((await client.state()).offers[0]?.id);
  });

  it("answers 404 for an unknown job", async () => {
    const client = await startTestSandbox();
    const result = await client.job("5b0f2a8e-0000-4000-8000-000000000000");
    expect(result.status).toBe(404);
    expect(result.body).toEqual({ status: "ERROR", code: "JOB_NOT_FOUND", message: "Job not found" });
  });

  it("can leave the next job pending forever", async () => {
    const client = await startTestSandbox({ jobDelayMs: 0 });
    await client.control("POST", "/jobs/next", { outcome: "never" });
    const { jobId } = (await client.createOffer(PRODUCTS.SKYOUT)).body.data;
    await sleep(30);
    expect((await client.job(jobId)).body.data.status).toBe("pending");
    expect((await client.state()).jobs[0]).toMatchObject({ outcome: "never", status: "pending" });
    // Only the next job is affected.
    const other = (await client.createOffer(PRODUCTS.NEONDO, "5.00")).body.data.jobId;
    expect((await client.completedJob(other)).status).toBe("complete");
  });

  it("can lose the next job: it answers 404, but its work is done", async () => {
    const client = await startTestSandbox({ jobDelayMs: 20 });
    await client.control("POST", "/jobs/next", { outcome: "lost" });
    const { jobId } = (await client.createOffer(PRODUCTS.SKYOUT)).body.data;
    expect((await client.job(jobId)).status).toBe(404);
    await sleep(40);
    expect((await client.job(jobId)).status).toBe(404);
    const offers = (await client.api<{ data: unknown[] }>("GET", "/v3/sales/offers")).body.data;
    expect(offers).toHaveLength(1);
    expect((await client.state()).jobs[0]).toMatchObject({ outcome: "lost", polls: 2 });
  });

  it("can fail the next job with a code, keeping its status complete and changing nothing", async () => {
    const client = await startTestSandbox();
    await client.control("POST", "/jobs/next", { outcome: "fail", code: "SOME_CODE", message: "Something went wrong" });
    const created = await client.completedJob((await client.createOffer(PRODUCTS.SKYOUT)).body.data.jobId);
    expect(created).toMatchObject({
      status: "complete",
      elements: [
        {
          resourceId: null,
          resourceType: "offer",
          status: "complete",
          code: "SOME_CODE",
          message: "Something went wrong",
        },
      ],
    });
    expect((await client.state()).offers).toEqual([]);

    const seeded = await client.seedOffer({ productId: PRODUCTS.NEONDO, price: "5.00" });
    await client.control("POST", "/jobs/next", { outcome: "fail" });
    const updated = await client.completedJob(
      (await client.updateOffer(seeded.id, { inventory: { size: 0 } })).body.data.jobId,
    );
    expect(updated.elements[0]).toMatchObject({ resourceId: seeded.id, code: "JOB_FAILED" });
    expect((await client.offer(seeded.id)).body.data.inventory.size).toBe(5);
  });

  it("refuses an unknown outcome", async () => {
    const client = await startTestSandbox();
    const result = await client.control<{ error: string }>("POST", "/jobs/next", { outcome: "maybe" });
    expect(result.status).toBe(400);
  });

  it("can call a finished job completed or done instead", async () => {
    const client = await startTestSandbox();
    await client.settings({ jobCompleteStatus: "completed" });
    const job = await client.completedJob((await client.createOffer(PRODUCTS.SKYOUT)).body.data.jobId);
    expect(job.status).toBe("completed");
    expect(job.elements[0]?.status).toBe("completed");
  });
});
