import { canonicalJson } from "./canonical-json";

// Key expressions of `singleton`, `concurrency` and `debounce`. Inngest evaluates them as CEL; the
// engine supports the form functions use in practice: a dotted path into the event, such as
// "event.data.orderId" or "event.data.customer.id". Anything else is reported as unsupported and
// the key falls back to one value for the whole function (stricter, never looser).

export type KeyFunction = {
  expression: string;
  supported: boolean;
  evaluate: (event: unknown) => string;
};

const PATH = /^event(\.[A-Za-z_$][\w$]*)+$/;

function keyText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return canonicalJson(value);
}

export function compileKey(expression: string): KeyFunction {
  const trimmed = expression.trim();
  if (!PATH.test(trimmed)) return { expression, supported: false, evaluate: () => "" };
  const segments = trimmed.split(".").slice(1);
  return {
    expression,
    supported: true,
    evaluate: (event) => {
      let current: unknown = event;
      for (const segment of segments) {
        if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return "";
        current = (current as Record<string, unknown>)[segment];
      }
      return keyText(current);
    },
  };
}
