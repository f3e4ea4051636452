/**
 * JSON of a value that may hold bigints (money is BigInt cents in the database): each travels as a
 * decimal string, where JSON.stringify alone would throw.
 */
export function jsonWithBigInts(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
}
