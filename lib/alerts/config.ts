import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { getKeyVault, type KeyVault } from "@/lib/crypto";
import { getDb, type Db } from "@/lib/db";
import { parseRawEnv, type RawEnv } from "@/lib/env";
import { logger, type Logger } from "@/lib/logger";
import { environmentChannels, type EnvironmentChannel } from "./channel-list";

/** The knobs of alerting, from the environment. */
export type AlertConfig = {
  /** Where the dashboard is reached: alert links start with it. */
  dashboardUrl: string;
  /** Waits between a delivery's attempts; after the last one fails, the delivery is given up. */
  retryDelaysMs: number[];
  /** An open alert that repeats is sent again at most this often; 0: never. */
  repeatNotifyMs: number;
  cwsDownMs: number;
  workflowStalledMs: number;
  /** Each attempt's budget. */
  sendTimeoutMs: number;
  /** Channels the environment configures. */
  environmentChannels: EnvironmentChannel[];
};

/** From the variables alone: raising an alert never needs the data folder's generated secrets. */
export function alertConfigFrom(env: RawEnv): AlertConfig {
  return {
    dashboardUrl: (env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    retryDelaysMs: env.ALERT_DELIVERY_RETRY_SECONDS.map((seconds) => seconds * 1000),
    repeatNotifyMs: env.ALERT_REPEAT_NOTIFY_MINUTES * 60_000,
    cwsDownMs: env.CWS_DOWN_ALERT_MINUTES * 60_000,
    workflowStalledMs: env.WORKFLOW_STALLED_ALERT_MINUTES * 60_000,
    sendTimeoutMs: 10_000,
    environmentChannels: environmentChannels(env),
  };
}

/** What raising, resolving and delivering alerts work with; tests build their own. */
export type AlertDeps = {
  db: Db;
  config: AlertConfig;
  /** Opens the secrets of channels saved in Settings (only delivering needs it). */
  vault: () => KeyVault;
  log: Logger;
  now: () => Date;
  /** Names this process in delivery claims. */
  owner: string;
};

let config: AlertConfig | undefined;
const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** The process's alerting on a given database (the fulfilment and offer code hand theirs in). */
export function alertDepsOn(db: Db): AlertDeps {
  config ??= alertConfigFrom(parseRawEnv());
  return { db, config, vault: getKeyVault, log: logger.child({ component: "alerts" }), now: () => new Date(), owner };
}

export function getAlertDeps(): AlertDeps {
  return alertDepsOn(getDb());
}
