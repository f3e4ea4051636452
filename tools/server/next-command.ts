import path from "node:path";

/** Next.js's command-line entry, relative to the project's root (tools/start.sh names it too). */
const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");

/**
 * The node flags the server runs with, as `npm start` runs it (tools/start.sh) and the tests start it.
 * The heap cap keeps memory steady. The starting room (3/8 of it: 96 MB of 256) spaces out major
 * collections: every request leaves objects V8 frees only in one, and sized from the ~50 MB that
 * survives, the old space would fill and pause the server for 10-20 ms every two seconds under load.
 * More room would mean fewer pauses and more memory; see the README's Performance section.
 */
export function serverNodeFlags(maxHeapMb: number): string[] {
  return [`--max-old-space-size=${maxHeapMb}`, `--initial-old-space-size=${Math.floor((maxHeapMb * 3) / 8)}`];
}

/**
 * The server's environment besides the app's own variables. Two malloc arenas instead of glibc's
 * default of eight per core: the server's threads (libuv's pool, V8's helpers, the checkpoint
 * worker) each kept an arena of their own, about 25 MB of resident memory in all.
 */
export const SERVER_ENVIRONMENT = { MALLOC_ARENA_MAX: "2" } as const;

/** The whole command after `node`, as the tests start the server. */
export function nextServerArgs(root: string, options: { port: number; maxHeapMb: number; host?: string }): string[] {
  const listen = ["-p", String(options.port), ...(options.host ? ["-H", options.host] : [])];
  return [...serverNodeFlags(options.maxHeapMb), path.join(root, NEXT_BIN), "start", ...listen];
}
