import { backupDatabaseCron } from "./functions/backup-database";
import { deliverAlert } from "./functions/deliver-alert";
import { checkCwsBalanceCron } from "./functions/check-cws-balance";
import { expireReservationsCron } from "./functions/expire-reservations";
import { flagStuckOrdersCron } from "./functions/flag-stuck-orders";
import { fulfillOrder } from "./functions/fulfill-order";
import { pollAwaitingOrdersCron } from "./functions/poll-awaiting-orders";
import { purgeExpiredCredentialsCron } from "./functions/purge-expired-credentials";
import { resendPendingOrdersCron } from "./functions/resend-pending-orders";
import { syncCwsCatalogueCron } from "./functions/sync-cws-catalogue";
import { retireG2aOffer, syncG2aOffer, syncG2aOffersCron } from "./functions/sync-g2a-offers";

/** Every function app/api/inngest serves, whichever engine runs them. */
export const functions = [
  fulfillOrder,
  expireReservationsCron,
  pollAwaitingOrdersCron,
  resendPendingOrdersCron,
  flagStuckOrdersCron,
  checkCwsBalanceCron,
  syncCwsCatalogueCron,
  purgeExpiredCredentialsCron,
  syncG2aOffersCron,
  syncG2aOffer,
  retireG2aOffer,
  deliverAlert,
  backupDatabaseCron,
];
