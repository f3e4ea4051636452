import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/lib/logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: createLogger({ level: "info", destination }), lines };
}

describe("logger", () => {
  it("writes one JSON object per line with a level and time", () => {
    const { logger, lines } = capture();
    logger.info({ orderId: "o-1" }, "order created");
    expect(lines[0]).toMatchObject({ level: "info", msg: "order created", orderId: "o-1" });
    expect(typeof lines[0]?.time).toBe("string");
  });

  it("redacts secrets, tokens and key material wherever they appear", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        client_secret: "s3cr3t",
        headers: { authorization: "Bearer abc" },
        cws: { access_token: "tok", code: "NEONDO-7KQ2" },
        item: { value: "KEY-VALUE" },
        file: { data: "iVBORw0KGgo=" },
      },
      "request",
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ["s3cr3t", "Bearer abc", 'tok"', "NEONDO-7KQ2", "KEY-VALUE", "iVBORw0KGgo="]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("[redacted]");
  });

  it("carries the request id on every line of a request logger", () => {
    const { logger, lines } = capture();
    const child = logger.child({ requestId: "req-42" });
    child.info("one");
    child.warn("two");
    expect(lines.map((line) => line.requestId)).toEqual(["req-42", "req-42"]);
  });
});
