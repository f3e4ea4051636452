import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, ERROR_STATUS, G2A_ERROR_CODES, toAdminError, toG2aError } from "@/lib/errors";

describe("G2A error envelope", () => {
  it.each(G2A_ERROR_CODES.map((code) => [code, ERROR_STATUS[code]] as const))(
    "answers %s with HTTP %i",
    (code, status) => {
      const envelope = toG2aError(new AppError(code, "something specific"));
      expect(envelope.status).toBe(status);
      expect(envelope.body).toEqual({ code, message: "something specific" });
    },
  );

  it("keeps exactly the two fields G2A documents", () => {
    const envelope = toG2aError(new AppError("VALIDATION_FAILED", "bad", { fieldErrors: { quantity: ["too big"] } }));
    expect(Object.keys(envelope.body).sort()).toEqual(["code", "message"]);
  });

  it("answers 405 with BAD_REQUEST for a wrong method", () => {
    const envelope = toG2aError(new AppError("BAD_REQUEST", "method PATCH is not allowed", { status: 405 }));
    expect(envelope).toMatchObject({ status: 405, body: { code: "BAD_REQUEST" } });
  });

  it("turns a schema violation into 400 BAD_REQUEST naming the field", () => {
    const schema = z.array(z.object({ quantity: z.number().int().max(100) }));
    const parsed = schema.safeParse([{ quantity: 101 }]);
    expect(parsed.success).toBe(false);
    const envelope = toG2aError(parsed.error);
    expect(envelope.status).toBe(400);
    expect(envelope.body.code).toBe("BAD_REQUEST");
    expect(envelope.body.message).toMatch(/^0\.quantity: /);
  });

  it("folds admin-only codes into the G2A list", () => {
    expect(toG2aError(new AppError("FORBIDDEN", "no")).body.code).toBe("BAD_REQUEST");
    expect(toG2aError(new AppError("SERVICE_UNAVAILABLE", "db down")).body).toEqual({
      code: "INTERNAL",
      message: "internal error",
    });
  });

  it("never leaks an unexpected error's details", () => {
    const envelope = toG2aError(new Error("SQLITE_CANTOPEN at /srv/data/app.db with token abc"));
    expect(envelope).toEqual({ status: 500, body: { code: "INTERNAL", message: "internal error" }, expected: false });
  });

  it("keeps messages to one line of at most 200 characters", () => {
    const envelope = toG2aError(new AppError("OUT_OF_STOCK", `line one\nline two ${"x".repeat(400)}`));
    expect(envelope.body.message).not.toContain("\n");
    expect(envelope.body.message.length).toBeLessThanOrEqual(200);
  });
});

describe("admin error envelope", () => {
  it("answers ORDER_ALREADY_FULFILLED with 400 and the owner's message", () => {
    const envelope = toAdminError(new AppError("ORDER_ALREADY_FULFILLED", "Order is already fulfilled"));
    expect(envelope).toMatchObject({
      status: 400,
      body: { code: "ORDER_ALREADY_FULFILLED", message: "Order is already fulfilled" },
    });
  });

  it("lists field errors for a form that failed validation", () => {
    const schema = z.object({ email: z.email(), reason: z.string().min(3) });
    const parsed = schema.safeParse({ email: "nope", reason: "" });
    expect(parsed.success).toBe(false);
    const envelope = toAdminError(parsed.error);
    expect(envelope.status).toBe(400);
    expect(envelope.body.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(envelope.body.fieldErrors ?? {}).sort()).toEqual(["email", "reason"]);
  });

  it("answers 403 FORBIDDEN for a role that lacks the right", () => {
    expect(toAdminError(new AppError("FORBIDDEN", "Only an admin can reveal keys")).status).toBe(403);
  });

  it("hides an unexpected error behind a generic 500", () => {
    const envelope = toAdminError(new TypeError("cannot read properties of undefined"));
    expect(envelope.status).toBe(500);
    expect(envelope.body.code).toBe("INTERNAL");
    expect(envelope.body.message).not.toContain("undefined");
  });
});
