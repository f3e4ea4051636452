import { z } from "zod";
import { AppError, type FieldErrors } from "./app-error";
import { G2A_ERROR_CODES, type ErrorCode, type G2aErrorCode } from "./codes";

export type G2aErrorBody = { code: G2aErrorCode; message: string };
export type AdminErrorBody = { code: ErrorCode; message: string; fieldErrors?: FieldErrors };
export type ErrorEnvelope<Body> = { status: number; body: Body; expected: boolean; retryAfterSeconds?: number };

const G2A_MESSAGE_LIMIT = 200;
const g2aCodes: ReadonlySet<string> = new Set(G2A_ERROR_CODES);

function pathOf(issue: z.core.$ZodIssue): string {
  return issue.path.length === 0 ? "body" : issue.path.map(String).join(".");
}

/** Turns a zod failure into field errors keyed by the dotted path that failed. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    (fields[pathOf(issue)] ??= []).push(issue.message);
  }
  return fields;
}

function firstIssueMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request";
  return issue.path.length === 0 ? issue.message : `${pathOf(issue)}: ${issue.message}`;
}

function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, " ").trim();
  return flat.length > G2A_MESSAGE_LIMIT ? `${flat.slice(0, G2A_MESSAGE_LIMIT - 1)}…` : flat;
}

/**
 * The G2A envelope `{code, message}` (g2a-merchant-contract.md §3.3).
 * Codes outside G2A's list are folded into BAD_REQUEST (4xx) or INTERNAL (5xx); unknown errors never leak details.
 */
export function toG2aError(error: unknown): ErrorEnvelope<G2aErrorBody> {
  if (error instanceof z.ZodError) {
    return { status: 400, body: { code: "BAD_REQUEST", message: oneLine(firstIssueMessage(error)) }, expected: true };
  }
  if (error instanceof AppError) {
    const clientFault = error.status < 500;
    const code: G2aErrorCode = g2aCodes.has(error.code)
      ? (error.code as G2aErrorCode)
      : clientFault
        ? "BAD_REQUEST"
        : "INTERNAL";
    const message = code === "INTERNAL" && error.code !== "INTERNAL" ? "internal error" : error.message;
    return {
      status: error.status,
      body: { code, message: oneLine(message) },
      expected: clientFault || code === "FULFILLMENT_FAILED",
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  return { status: 500, body: { code: "INTERNAL", message: "internal error" }, expected: false };
}

/** The admin API envelope `{code, message, fieldErrors?}`. */
export function toAdminError(error: unknown): ErrorEnvelope<AdminErrorBody> {
  if (error instanceof z.ZodError) {
    return {
      status: 400,
      body: { code: "VALIDATION_FAILED", message: "Some fields are not valid", fieldErrors: fieldErrorsOf(error) },
      expected: true,
    };
  }
  if (error instanceof AppError) {
    const body: AdminErrorBody = { code: error.code, message: error.message };
    if (error.fieldErrors) body.fieldErrors = error.fieldErrors;
    return { status: error.status, body, expected: error.status < 500, retryAfterSeconds: error.retryAfterSeconds };
  }
  return {
    status: 500,
    body: { code: "INTERNAL", message: "Something went wrong on our side; it has been logged." },
    expected: false,
  };
}
