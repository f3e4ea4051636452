export interface RouteDefinition {
  method: string;
  /** Segments in braces, such as `{orderId}`, match one non-empty path segment. */
  pattern: string;
}

export type RouteMatch<R extends RouteDefinition> =
  | { kind: "found"; route: R; params: Record<string, string> }
  | { kind: "wrongMethod"; pattern: string; allowed: string[] }
  | { kind: "none" };

function matchPattern(pattern: string, pathname: string): Record<string, string> | null {
  const expected = pattern.split("/");
  const actual = pathname.split("/");
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of expected.entries()) {
    const segment = actual[index] ?? "";
    if (part.startsWith("{") && part.endsWith("}")) {
      if (segment === "") return null;
      try {
        params[part.slice(1, -1)] = decodeURIComponent(segment);
      } catch {
        return null;
      }
    } else if (part !== segment) {
      return null;
    }
  }
  return params;
}

export function matchRoute<R extends RouteDefinition>(
  routes: readonly R[],
  method: string,
  pathname: string,
): RouteMatch<R> {
  const allowed: string[] = [];
  let knownPattern: string | null = null;
  for (const route of routes) {
    const params = matchPattern(route.pattern, pathname);
    if (!params) continue;
    if (route.method === method) return { kind: "found", route, params };
    allowed.push(route.method);
    knownPattern ??= route.pattern;
  }
  return knownPattern === null ? { kind: "none" } : { kind: "wrongMethod", pattern: knownPattern, allowed };
}
