import type { TimeStr } from "inngest";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { createLogger } from "@/lib/logger";
import { dispatchEvent, insertEvent, SKIPPED_BY_SINGLETON } from "@/lib/workflow/store";
import { createTestDb } from "../support/test-db";
import { type Harness, runsOf, startHarness, type TestClient, waitFor, waitForEndedRuns } from "./support";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const START = Date.parse("2030-01-01T10:00:00.000Z");
const at = (seconds: number) => new Date(START + seconds * 1000);

/** The engine's clock, frozen until a test moves it: a run cannot start early by chance. */
function manualClock() {
  let now = START;
  return {
    now: () => new Date(now),
    set: (seconds: number) => {
      now = START + seconds * 1000;
    },
  };
}

type Clock = ReturnType<typeof manualClock>;
type Synced = { eventId: string; productId: unknown; price: unknown };

/** One debounced function that records the event each run received (a run with `hold` waits for `release`). */
function syncOffer(
  synced: Synced[],
  options: {
    debounce: { key?: string; period: TimeStr; timeout?: TimeStr };
    singleton?: { key: string; mode: "skip" | "cancel" };
    hold?: Promise<void>;
    started?: (eventId: string) => void;
  },
) {
  return (client: TestClient) => [
    client.createFunction(
      {
        id: "sync-offer",
        debounce: options.debounce,
        ...(options.singleton && { singleton: options.singleton }),
        triggers: [{ event: "test/price" }],
      },
      async ({ event, step }) => {
        await step.run("sync", async () => {
          options.started?.(event.id ?? "");
          if (event.data.hold) await options.hold;
          synced.push({ eventId: event.id ?? "", productId: event.data.productId, price: event.data.price });
        });
      },
    ),
  ];
}

/** Sends a price event at `seconds` on the engine's clock and waits until the engine dispatched it. */
async function sendAt(clock: Clock, seconds: number, id: string, data: Record<string, unknown>) {
  clock.set(seconds);
  await harness!.client.send({ id, name: "test/price", data });
  await waitFor(
    async () => (await harness!.db.workflowEvent.findUnique({ where: { id } }))?.processedAt != null,
    `event ${id} to be dispatched`,
  );
}

const runs = () => runsOf(harness!.db, "sync-offer");

describe("debounce: { key, period, timeout }", () => {
  it("starts one run, a period after the last event of a burst, with that last event", async () => {
    const synced: Synced[] = [];
    const clock = manualClock();
    harness = await startHarness(syncOffer(synced, { debounce: { key: "event.data.productId", period: "10s" } }), {
      now: clock.now,
    });

    await sendAt(clock, 0, "price-1", { productId: "p1", price: 10 });
    expect(await runs()).toMatchObject([{ status: "QUEUED", eventId: "price-1", debounceKey: "p1", wakeAt: at(10) }]);
    await sendAt(clock, 2, "price-2", { productId: "p1", price: 11 });
    await sendAt(clock, 4, "price-3", { productId: "p1", price: 12 });
    // A repeated event id is the same event: it neither replaces the event nor pushes the run back.
    clock.set(5);
    await harness.client.send({ id: "price-1", name: "test/price", data: { productId: "p1", price: 99 } });
    await harness.engine.tick();

    const [waiting, ...others] = await runs();
    expect(others).toEqual([]);
    expect(waiting).toMatchObject({ status: "QUEUED", eventId: "price-3", debounceKey: "p1", startedAt: null });
    expect(waiting?.wakeAt).toEqual(at(14));

    clock.set(13.999);
    await harness.engine.tick();
    await harness.engine.tick();
    expect((await runs())[0]).toMatchObject({ status: "QUEUED", startedAt: null });
    expect(synced).toEqual([]);

    clock.set(14);
    const [run, ...more] = await waitForEndedRuns(harness.db, "sync-offer");
    expect(more).toEqual([]);
    expect(run).toMatchObject({ id: waiting?.id, status: "COMPLETED", eventId: "price-3", debounceKey: null });
    expect(run?.startedAt).toEqual(at(14));
    expect(synced).toEqual([{ eventId: "price-3", productId: "p1", price: 12 }]);
  });

  it("debounces each key value on its own", async () => {
    const synced: Synced[] = [];
    const clock = manualClock();
    harness = await startHarness(syncOffer(synced, { debounce: { key: "event.data.productId", period: "10s" } }), {
      now: clock.now,
    });

    await sendAt(clock, 0, "a-1", { productId: "A", price: 1 });
    await sendAt(clock, 1, "b-1", { productId: "B", price: 2 });
    await sendAt(clock, 3, "a-2", { productId: "A", price: 3 });
    expect((await runs()).map((run) => [run.debounceKey, run.eventId, run.wakeAt])).toEqual([
      ["A", "a-2", at(13)],
      ["B", "b-1", at(11)],
    ]);

    clock.set(11);
    await waitFor(async () => (await runs()).some((run) => run.status === "COMPLETED"), "the run of B");
    expect((await runs()).map((run) => [run.eventId, run.status])).toEqual([
      ["a-2", "QUEUED"],
      ["b-1", "COMPLETED"],
    ]);

    clock.set(13);
    await waitForEndedRuns(harness.db, "sync-offer", 2);
    expect(synced).toEqual([
      { eventId: "b-1", productId: "B", price: 2 },
      { eventId: "a-2", productId: "A", price: 3 },
    ]);
  });

  it("starts at the latest `timeout` after the first event, however many events follow, one group without a key", async () => {
    const synced: Synced[] = [];
    const clock = manualClock();
    harness = await startHarness(syncOffer(synced, { debounce: { period: "10s", timeout: "15s" } }), {
      now: clock.now,
    });

    await sendAt(clock, 0, "t-1", { productId: "p1", price: 1 });
    await sendAt(clock, 6, "t-2", { productId: "p2", price: 2 });
    expect((await runs()).map((run) => run.wakeAt)).toEqual([at(15)]);
    await sendAt(clock, 12, "t-3", { productId: "p3", price: 3 });
    expect(await runs()).toMatchObject([{ status: "QUEUED", eventId: "t-3", debounceKey: "", wakeAt: at(15) }]);

    clock.set(14.999);
    await harness.engine.tick();
    expect(synced).toEqual([]);

    clock.set(15);
    const ended = await waitForEndedRuns(harness.db, "sync-offer");
    expect(ended.map((run) => [run.eventId, run.status, run.startedAt])).toEqual([["t-3", "COMPLETED", at(15)]]);
    expect(synced).toEqual([{ eventId: "t-3", productId: "p3", price: 3 }]);
  });

  it("gives an event that comes after the run started to a new waiting run", async () => {
    const synced: Synced[] = [];
    const clock = manualClock();
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const started: string[] = [];
    harness = await startHarness(
      syncOffer(synced, {
        debounce: { key: "event.data.productId", period: "10s" },
        hold,
        started: (eventId) => started.push(eventId),
      }),
      { now: clock.now },
    );
    try {
      await sendAt(clock, 0, "first", { productId: "p1", price: 1, hold: true });
      clock.set(10);
      await waitFor(() => started.includes("first"), "the first run to start");

      await sendAt(clock, 11, "second", { productId: "p1", price: 2 });
      await sendAt(clock, 12, "third", { productId: "p1", price: 3 });
      expect((await runs()).map((run) => [run.eventId, run.status, run.debounceKey, run.wakeAt])).toEqual([
        ["first", "RUNNING", null, at(10)],
        ["third", "QUEUED", "p1", at(22)],
      ]);
    } finally {
      release();
    }
    await waitFor(async () => (await runs())[0]?.status === "COMPLETED", "the first run to finish");

    clock.set(22);
    const ended = await waitForEndedRuns(harness.db, "sync-offer", 2);
    expect(ended.map((run) => [run.eventId, run.status])).toEqual([
      ["first", "COMPLETED"],
      ["third", "COMPLETED"],
    ]);
    expect(synced.map((entry) => entry.eventId)).toEqual(["first", "third"]);
  });

  it("keeps one waiting run per key across two engines on one database, and starts it once", async () => {
    const synced: Synced[] = [];
    const clock = manualClock();
    harness = await startHarness(syncOffer(synced, { debounce: { key: "event.data.productId", period: "10s" } }), {
      now: clock.now,
    });
    await harness.engine.stop();
    // Another app instance: its own connection to the same file. Neither engine polls by itself here.
    const otherDb = createDb(harness.file);
    const engines = [harness.db, otherDb].map((db) => {
      const lines: string[] = [];
      const logger = createLogger({
        level: "info",
        destination: { write: (line: string) => void lines.push((JSON.parse(line) as { msg: string }).msg) },
      });
      return { engine: harness!.newEngine({ db, logger, pollIntervalMs: 60_000 }), lines };
    });
    const dispatched = (lines: string[]) => lines.filter((msg) => /^workflow run (queued|debounced)/.test(msg)).length;
    try {
      for (const { engine } of engines) engine.start();
      await Promise.all(engines.map(({ engine }) => engine.tick()));

      // Events written to the database only (as a CLI writes them), each picked up by the engine told to look.
      for (let index = 0; index < 6; index += 1) {
        clock.set(index);
        const id = `burst-${index}`;
        const payload = { id, name: "test/price", data: { productId: "p1", price: index }, ts: at(index).getTime() };
        await insertEvent(harness.db, { id, name: "test/price", payload }, new Date());
        const { engine } = engines[index % 2]!;
        await engine.tick();
        // A new run wakes its engine for one more pass: let it happen now, not beside the other engine's.
        await new Promise((resolve) => setImmediate(resolve));
        await engine.tick();
      }
      expect(engines.map(({ lines }) => dispatched(lines))).toEqual([3, 3]);
      expect(await runs()).toMatchObject([{ status: "QUEUED", eventId: "burst-5", debounceKey: "p1", wakeAt: at(15) }]);

      clock.set(15);
      await Promise.all(engines.map(({ engine }) => engine.tick()));
      const ended = await waitForEndedRuns(harness.db, "sync-offer");
      expect(ended.map((run) => [run.eventId, run.status])).toEqual([["burst-5", "COMPLETED"]]);
      expect(synced).toEqual([{ eventId: "burst-5", productId: "p1", price: 5 }]);
    } finally {
      await engines[1]!.engine.stop();
      await otherDb.$disconnect();
    }
  });

  it("creates one waiting run when two instances dispatch events of one key at the same moment", async () => {
    const testDb = createTestDb();
    const otherDb = createDb(testDb.file);
    try {
      const plan = { functionId: "app-sync-offer", debounce: { key: "p1", periodMs: 10_000, timeoutMs: undefined } };
      const events = Array.from({ length: 8 }, (_, index) => {
        const id = `race-${index}`;
        return { id, name: "test/price", payload: { id, name: "test/price", data: { productId: "p1" } } };
      });
      for (const event of events) await insertEvent(testDb.db, event, at(0));

      const results = await Promise.all(
        events.map((event, index) => dispatchEvent(index % 2 === 0 ? testDb.db : otherDb, event, [plan], at(0))),
      );
      expect(results.map((result) => result?.created.length ?? 0).reduce((sum, count) => sum + count)).toBe(1);
      expect(results.map((result) => result?.debounced.length ?? 0).reduce((sum, count) => sum + count)).toBe(7);
      expect(await testDb.db.workflowRun.count()).toBe(1);
    } finally {
      await otherDb.$disconnect();
      await testDb.close();
    }
  });

  it("applies singleton when a debounced run starts, not when its event arrives", async () => {
    const synced: Synced[] = [];
    const clock = manualClock();
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const started: string[] = [];
    harness = await startHarness(
      syncOffer(synced, {
        debounce: { key: "event.data.productId", period: "10s" },
        singleton: { key: "event.data.productId", mode: "skip" },
        hold,
        started: (eventId) => started.push(eventId),
      }),
      { now: clock.now },
    );
    try {
      await sendAt(clock, 0, "first", { productId: "p1", price: 1, hold: true });
      clock.set(10);
      await waitFor(() => started.includes("first"), "the first run to start");
      // In skip mode a singleton applied at the event would drop this event while the first run is active.
      await sendAt(clock, 11, "second", { productId: "p1", price: 2 });
      expect((await runs()).map((run) => [run.eventId, run.status])).toEqual([
        ["first", "RUNNING"],
        ["second", "QUEUED"],
      ]);

      clock.set(21);
      await waitFor(async () => (await runs())[1]?.status === "CANCELLED", "the second run to be skipped");
      expect((await runs())[1]).toMatchObject({ lastError: SKIPPED_BY_SINGLETON, startedAt: null, debounceKey: null });
    } finally {
      release();
    }
    const ended = await waitForEndedRuns(harness.db, "sync-offer", 2);
    expect(ended.map((run) => [run.eventId, run.status])).toEqual([
      ["first", "COMPLETED"],
      ["second", "CANCELLED"],
    ]);
    expect(synced.map((entry) => entry.eventId)).toEqual(["first"]);
  });
});
