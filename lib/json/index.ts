/** A bigint as JSON carries it (money is BigInt cents in the database): a decimal string; anything else as it is. */
export function withoutBigInt(value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** JSON of a value that may hold bigints, where JSON.stringify alone would throw. */
export function jsonWithBigInts(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => withoutBigInt(item));
}
