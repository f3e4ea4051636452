import { isRecord } from "./json";

// Readers check one value of a JSON document (a control body, the settings in a state file) and return
// it. The first problem is thrown as a ReadError that says where it is and what was expected there.

class ReadError extends Error {}

export type Reader = (value: unknown, where: string) => unknown;

export function fail(where: string, expectation: string): never {
  throw new ReadError(`${where} must be ${expectation}`);
}

export const numberIn =
  (min: number, max: number, integer: boolean): Reader =>
  (value, where) => {
    const valid = typeof value === "number" && Number.isFinite(value) && value >= min && value <= max;
    if (!valid || (integer && !Number.isInteger(value)))
      fail(where, `${integer ? "an integer" : "a number"} from ${min} to ${max}`);
    return value;
  };

export const orNull =
  (reader: Reader): Reader =>
  (value, where) =>
    value === null ? null : reader(value, where);

export const oneOf =
  (...choices: readonly string[]): Reader =>
  (value, where) =>
    typeof value === "string" && choices.includes(value)
      ? value
      : fail(where, `one of ${choices.map((choice) => `"${choice}"`).join(", ")}`);

export const readBoolean: Reader = (value, where) =>
  typeof value === "boolean" ? value : fail(where, "true or false");

/** An object with exactly these fields (an absent one is read as undefined), each read by its reader. */
export function readObject(value: unknown, where: string, fields: Record<string, Reader>): Record<string, unknown> {
  if (!isRecord(value)) fail(where, "an object");
  for (const key of Object.keys(value))
    if (!Object.hasOwn(fields, key)) throw new ReadError(`${where}.${key} is not a known setting`);
  const read: Record<string, unknown> = {};
  for (const [key, reader] of Object.entries(fields)) read[key] = reader(value[key], `${where}.${key}`);
  return read;
}

export const objectOf =
  (fields: Record<string, Reader>): Reader =>
  (value, where) =>
    readObject(value, where, fields);

/** readObject, with the first problem returned instead of thrown. */
export function readDocument(
  value: unknown,
  where: string,
  fields: Record<string, Reader>,
): { ok: true; value: Record<string, unknown> } | { ok: false; problem: string } {
  try {
    return { ok: true, value: readObject(value, where, fields) };
  } catch (error) {
    if (error instanceof ReadError) return { ok: false, problem: error.message };
    throw error;
  }
}
