// A route key is "METHOD /pattern": fault rules, rate limits and request counters name routes by it.

/** The key that stands for every route. */
export const ALL_ROUTES = "*";

/** A type guard for one API's list of route keys. */
export function routeKeyGuard<K extends string>(keys: readonly K[]): (value: string) => value is K {
  return (value): value is K => (keys as readonly string[]).includes(value);
}

/** The method and path pattern a route key names. */
export function splitRouteKey(key: string): { method: string; pattern: string } {
  const [method = "", pattern = ""] = key.split(" ");
  return { method, pattern };
}
