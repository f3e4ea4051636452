import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Request latencies: 5 ms to 10 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Time to keys: 50 ms (an instant product bought in the request) to a day (a late delivery). */
const KEYS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 1800, 3600, 21600, 86400];

/** The metrics this process records as things happen; the database's totals are read at each scrape. */
export type Metrics = {
  registry: Registry;
  g2aRequests: Counter<"route" | "method" | "status">;
  g2aRequestSeconds: Histogram<"route" | "method">;
  cwsCalls: Counter<"route" | "outcome">;
  cwsCallSeconds: Histogram<"route">;
  orderKeysSeconds: Histogram;
  workflowStepSeconds: Histogram<"function">;
  /** The process's memory and CPU, read at each scrape. */
  process: { rss: Gauge; heapUsed: Gauge; cpuSeconds: Counter; startTime: Gauge };
  /** Set from the database at each scrape (collectors.ts). */
  scraped: {
    orders: Gauge<"status">;
    purchaseAttempts: Gauge<"outcome">;
    workflowRuns: Gauge<"state">;
    offers: Gauge<"state">;
    openAlerts: Gauge<"severity">;
    cwsBalance: Gauge;
    backupAge: Gauge;
  };
};

/**
 * The few process figures worth graphing, read when scraped. prom-client's default metrics are not
 * used: their garbage-collection observer runs on every collection and cost about 15 % of the
 * reservations' throughput under load (B1).
 */
function processMetrics(registers: Registry[]): Metrics["process"] {
  const startTime = new Gauge({ name: "process_start_time_seconds", help: "When the process started", registers });
  startTime.set(Math.round(Date.now() / 1000 - process.uptime()));
  return {
    rss: new Gauge({
      name: "process_resident_memory_bytes",
      help: "Resident memory of the server process",
      registers,
      collect() {
        this.set(process.memoryUsage.rss());
      },
    }),
    heapUsed: new Gauge({
      name: "nodejs_heap_used_bytes",
      help: "JavaScript heap in use",
      registers,
      collect() {
        this.set(process.memoryUsage().heapUsed);
      },
    }),
    cpuSeconds: new Counter({
      name: "process_cpu_seconds_total",
      help: "CPU time the server process has used (user and system)",
      registers,
      collect() {
        const { user, system } = process.cpuUsage();
        this.reset();
        this.inc((user + system) / 1e6);
      },
    }),
    startTime,
  };
}

function createMetrics(): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "g2a-dropship" });
  const registers = [registry];
  const gauge = <Label extends string>(name: string, help: string, labelNames: readonly Label[] = []) =>
    new Gauge<Label>({ name, help, labelNames, registers });
  return {
    registry,
    g2aRequests: new Counter({
      name: "g2a_requests_total",
      help: "Requests from G2A by route, method and answer status",
      labelNames: ["route", "method", "status"],
      registers,
    }),
    g2aRequestSeconds: new Histogram({
      name: "g2a_request_duration_seconds",
      help: "Time to answer G2A, by route and method",
      labelNames: ["route", "method"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    cwsCalls: new Counter({
      name: "cws_calls_total",
      help: "Calls to CodesWholesale by route and outcome (2xx, 4xx, 429, 5xx, timeout, network, token_failure, auth_rejected)",
      labelNames: ["route", "outcome"],
      registers,
    }),
    cwsCallSeconds: new Histogram({
      name: "cws_call_duration_seconds",
      help: "Duration of calls to CodesWholesale by route",
      labelNames: ["route"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    orderKeysSeconds: new Histogram({
      name: "order_keys_seconds",
      help: "Time from POST /order storing the order to its last key stored (the order COMPLETED)",
      buckets: KEYS_BUCKETS,
      registers,
    }),
    workflowStepSeconds: new Histogram({
      name: "workflow_step_duration_seconds",
      help: "Duration of one call of a workflow function by the embedded engine, by function",
      labelNames: ["function"],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    process: processMetrics(registers),
    scraped: {
      orders: gauge("orders", "Orders by status", ["status"]),
      purchaseAttempts: gauge("purchase_attempts", "Purchase attempts ever made, by outcome", ["outcome"]),
      workflowRuns: gauge("workflow_runs", "Embedded engine runs: due (waiting to start), running, failed", ["state"]),
      offers: gauge("g2a_offers", "G2A offers of the product mappings, by state", ["state"]),
      openAlerts: gauge("alerts_open", "Alerts not resolved, by severity", ["severity"]),
      cwsBalance: gauge("cws_balance_eur", "CWS balance left to spend, as last read, in EUR"),
      backupAge: gauge("backup_age_seconds", "Age of the newest database backup (-1 when there is none)"),
    },
  };
}

/** The process's metrics, one set however many bundles load this module. */
export function metrics(): Metrics {
  const holder = globalThis as { __appMetrics?: Metrics };
  holder.__appMetrics ??= createMetrics();
  return holder.__appMetrics;
}
