import { cached, fromSqliteDateTime, sqliteDateTime, type SqliteConnection } from "@/lib/db";
import type { CwsPlacementAttempt } from "@/lib/generated/prisma/client";
import type { PlacementOutcome } from "@/lib/generated/prisma/enums";

export type AttemptOutcome = {
  outcome: PlacementOutcome;
  httpStatus?: number | null;
  cwsErrorCode?: string | null;
  message?: string | null;
  retryAfterSeconds?: number | null;
  nextRecoveryAt?: Date;
};

type Cell = string | bigint | number | null;
type Row = Record<string, Cell>;
const toInt = (value: Cell | undefined) => (value === null || value === undefined ? null : Number(value));
const at = (date: Date | null | undefined) => (date ? sqliteDateTime(date) : null);

/** Every write to `CwsPlacementAttempt`, the ledger of purchase attempts: written before sending, completed after. */
export class AttemptStore {
  constructor(private readonly sql: SqliteConnection) {}

  /** Every purchase attempt of the order, earliest first (by generation, then attempt number). */
  list(orderId: string): CwsPlacementAttempt[] {
    const rows = cached(
      this.sql,
      `SELECT * FROM "CwsPlacementAttempt" WHERE orderId = ? ORDER BY generation ASC, attemptNumber ASC`,
    ).all(orderId) as Row[];
    return rows.map((row) => ({
      id: String(row.id),
      orderId: String(row.orderId),
      generation: Number(row.generation),
      attemptNumber: Number(row.attemptNumber),
      requestBody: String(row.requestBody),
      startedAt: new Date(String(row.startedAt)),
      finishedAt: fromSqliteDateTime(row.finishedAt),
      outcome: row.outcome as PlacementOutcome | null,
      httpStatus: toInt(row.httpStatus),
      cwsErrorCode: row.cwsErrorCode as string | null,
      message: row.message as string | null,
      cwsOrderId: row.cwsOrderId as string | null,
      retryAfterSeconds: toInt(row.retryAfterSeconds),
      recoveryChecks: Number(row.recoveryChecks),
      lookupFailures: Number(row.lookupFailures),
      nextRecoveryAt: fromSqliteDateTime(row.nextRecoveryAt),
    }));
  }

  /** Writes an attempt before it is sent: its outcome is unknown until `finish`. */
  start(
    attempt: Pick<CwsPlacementAttempt, "id" | "orderId" | "generation" | "attemptNumber" | "requestBody" | "startedAt">,
  ): CwsPlacementAttempt {
    cached(
      this.sql,
      `INSERT INTO "CwsPlacementAttempt" (id, orderId, generation, attemptNumber, requestBody, startedAt) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      attempt.id,
      attempt.orderId,
      attempt.generation,
      attempt.attemptNumber,
      attempt.requestBody,
      sqliteDateTime(attempt.startedAt),
    );
    return {
      ...attempt,
      finishedAt: null,
      outcome: null,
      httpStatus: null,
      cwsErrorCode: null,
      message: null,
      cwsOrderId: null,
      retryAfterSeconds: null,
      recoveryChecks: 0,
      lookupFailures: 0,
      nextRecoveryAt: null,
    };
  }

  /** Completes an attempt with its outcome. */
  finish(attemptId: string, finishedAt: Date, fields: AttemptOutcome): void {
    cached(
      this.sql,
      `UPDATE "CwsPlacementAttempt" SET outcome = ?, finishedAt = ?, httpStatus = ?, cwsErrorCode = ?, message = ?, retryAfterSeconds = ?, nextRecoveryAt = ? WHERE id = ?`,
    ).run(
      fields.outcome,
      sqliteDateTime(finishedAt),
      fields.httpStatus ?? null,
      fields.cwsErrorCode ?? null,
      fields.message ?? null,
      fields.retryAfterSeconds ?? null,
      at(fields.nextRecoveryAt),
      attemptId,
    );
  }

  /** The attempt created (or was found to have created) this CWS order. */
  adopt(
    attemptId: string,
    adopted: { outcome: "CREATED" | "RECOVERED"; cwsOrderId: string; httpStatus: number | null },
    finishedAt: Date,
  ): void {
    cached(
      this.sql,
      `UPDATE "CwsPlacementAttempt" SET outcome = ?, cwsOrderId = ?, finishedAt = ?, httpStatus = ? WHERE id = ?`,
    ).run(adopted.outcome, adopted.cwsOrderId, sqliteDateTime(finishedAt), adopted.httpStatus, attemptId);
  }

  /** CWS's order history could not be read: the search is tried again at `nextAt`. */
  recordLookupFailure(attemptId: string, nextAt: Date): void {
    cached(
      this.sql,
      `UPDATE "CwsPlacementAttempt" SET lookupFailures = lookupFailures + 1, nextRecoveryAt = ? WHERE id = ?`,
    ).run(sqliteDateTime(nextAt), attemptId);
  }

  /** The first history search found nothing: a second one follows at `nextAt`. */
  recordFirstMiss(attemptId: string, nextAt: Date): void {
    cached(this.sql, `UPDATE "CwsPlacementAttempt" SET recoveryChecks = 1, nextRecoveryAt = ? WHERE id = ?`).run(
      sqliteDateTime(nextAt),
      attemptId,
    );
  }

  /** Two searches found nothing: the attempt did not create an order. */
  markNotFound(attemptId: string, finishedAt: Date): void {
    cached(
      this.sql,
      `UPDATE "CwsPlacementAttempt" SET outcome = 'NOT_FOUND', recoveryChecks = 2, finishedAt = ? WHERE id = ?`,
    ).run(sqliteDateTime(finishedAt), attemptId);
  }
}
