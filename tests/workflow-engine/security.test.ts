import http from "node:http";
import type { AddressInfo } from "node:net";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { canonicalJson } from "@/lib/workflow/canonical-json";
import { generateSigningKey, signPayload } from "@/lib/workflow/signing";
import { type Harness, quietLogger, runsOf, startHarness, waitFor, waitForEndedRuns } from "./support";

let harness: Harness | undefined;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const callBody = {
  event: { id: "evil-1", name: "test/secure", data: {}, ts: Date.now() },
  events: [{ id: "evil-1", name: "test/secure", data: {}, ts: Date.now() }],
  steps: {},
  ctx: {
    run_id: "forged-run",
    attempt: 0,
    max_attempts: 1,
    disable_immediate_execution: false,
    use_api: false,
    stack: { stack: [], current: 0 },
  },
};

function post(url: string, signature: string | undefined, body = canonicalJson(callBody)) {
  const target = new URL(url);
  target.searchParams.set("fnId", "wf-test-secure");
  target.searchParams.set("stepId", "step");
  return fetch(target, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature ? { "x-inngest-signature": signature } : {}) },
    body,
  });
}

describe("the serve handler in embedded mode", () => {
  it("refuses unsigned, wrongly signed and stale requests and runs nothing", async () => {
    let executions = 0;
    harness = await startHarness((client) => [
      client.createFunction({ id: "secure", triggers: [{ event: "test/secure" }] }, async () => {
        executions += 1;
        return "ran";
      }),
    ]);
    await harness.engine.stop();
    const payload = canonicalJson(callBody);

    expect((await post(harness.url, undefined)).status).toBe(401);
    expect((await post(harness.url, signPayload(payload, generateSigningKey(), new Date()))).status).toBe(401);
    expect(
      (await post(harness.url, signPayload(payload, harness.signingKey, new Date(Date.now() - 10 * 60_000)))).status,
    ).toBe(401);
    expect(
      (
        await post(
          harness.url,
          signPayload(payload, harness.signingKey, new Date()),
          payload.replace("evil-1", "evil-2"),
        )
      ).status,
    ).toBe(401);
    const unsignedSync = await fetch(harness.url, {
      method: "PUT",
      headers: { "x-inngest-sync-kind": "in_band" },
      body: JSON.stringify({ url: harness.url }),
    });
    expect(unsignedSync.status).toBe(401);
    expect(executions).toBe(0);

    // The same request signed with the app's key runs: the refusals above are the signature's doing.
    const signed = await post(harness.url, signPayload(payload, harness.signingKey, new Date()));
    expect(signed.status).toBe(200);
    expect(executions).toBe(1);
  });

  it("makes the app's /api/inngest route refuse unsigned requests", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wf-route-"));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    vi.stubEnv("LOG_LEVEL", "silent");
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", `file:${path.join(dataDir, "app.db")}`);
    for (const name of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_BASE_URL", "INNGEST_DEV"])
      vi.stubEnv(name, "");
    cleanups.push(() => {
      vi.unstubAllEnvs();
    });
    vi.resetModules();
    const { inngest } = await import("@/inngest/client");
    const route = await import("@/app/api/inngest/route");
    const url = "http://127.0.0.1/api/inngest?fnId=g2a-dropship-anything&stepId=step";
    const request = (signature?: string) =>
      new NextRequest(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(signature ? { "x-inngest-signature": signature } : {}) },
        body: canonicalJson(callBody),
      });

    expect(inngest.mode).toBe("cloud");
    expect((await route.POST(request(), undefined)).status).toBe(401);
    expect(
      (await route.POST(request(signPayload(canonicalJson(callBody), generateSigningKey(), new Date())), undefined))
        .status,
    ).toBe(401);
    expect((await route.GET(new NextRequest("http://127.0.0.1/api/inngest"), undefined)).status).toBe(401);
    // The key the engine signs with is generated into the data folder, readable by the owner only.
    expect(fs.statSync(path.join(dataDir, "secrets", "WORKFLOW_SIGNING_KEY")).mode & 0o777).toBe(0o600);
  });
});

describe("the engine", () => {
  it("trusts no answer that the serve handler did not sign, and runs nothing meanwhile", async () => {
    const impostor = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          app_id: "wf-test",
          functions: [{ id: "wf-test-secure", triggers: [{ event: "test/secure" }], steps: {} }],
        }),
      );
    });
    await new Promise<void>((resolve) => impostor.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => impostor.close(() => resolve())));
    const impostorUrl = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}/api/inngest`;

    harness = await startHarness(() => []);
    await harness.engine.stop();
    const engine = harness.newEngine({ serveUrl: impostorUrl, logger: quietLogger });
    engine.start();
    await harness.client.send({ id: "secure-1", name: "test/secure", data: {} });
    await waitFor(() => engine.state().endpoint === "unavailable", "the engine to refuse the impostor");
    expect(engine.state().functions).toBe(0);
    expect(await runsOf(harness.db, "secure")).toEqual([]);
  });

  it("signs its calls so the real serve handler accepts them", async () => {
    harness = await startHarness((client) => [
      client.createFunction({ id: "secure", triggers: [{ event: "test/secure" }] }, async () => "ran"),
    ]);
    await harness.client.send({ id: "secure-2", name: "test/secure", data: {} });
    const [run] = await waitForEndedRuns(harness.db, "secure");
    expect(run?.status).toBe("COMPLETED");
    expect(harness.engine.state().endpoint).toBe("ok");
  });
});
