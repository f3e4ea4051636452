// Where a V8 CPU profile's time went: by part of the stack (self time), the busiest functions, and
// the time spent under a few frames that mark a piece of the order's path (inclusive time).

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

export type Breakdown = {
  busyMs: number;
  idleMs: number;
  byPart: [string, number][];
  topFunctions: [string, number][];
};

/** The part of the stack a frame belongs to: the engine's own work, Node, a package, or the app. */
function partOf(frame: CallFrame): string {
  const { functionName, url } = frame;
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(program)") return "V8 and native code (program)";
  if (functionName === "(idle)") return "idle";
  if (url.startsWith("node:")) return "Node.js internals";
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (inModules) return `package ${inModules[1]}`;
  if (url.includes("/.next/server/")) return "app bundle (app code and bundled packages)";
  return url === "" ? "native functions" : "other";
}

export function breakdown(profile: CpuProfile): Breakdown {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const parts = new Map<string, number>();
  const functions = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const part = partOf(frame);
    if (part === "idle") {
      idleUs += us;
      continue;
    }
    busyUs += us;
    parts.set(part, (parts.get(part) ?? 0) + us);
    const file = frame.url.split("/").slice(-2).join("/");
    const name = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const sorted = (map: Map<string, number>, count: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]): [string, number] => [name, Math.round(us / 100) / 10]);
  return {
    busyMs: Math.round(busyUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    byPart: sorted(parts, 20),
    topFunctions: sorted(functions, 30),
  };
}

export function printBreakdown(result: Breakdown, orders: number): void {
  const share = (ms: number) => `${((ms / result.busyMs) * 100).toFixed(1)} %`;
  console.log(
    `\nServer CPU: ${result.busyMs} ms busy, ${result.idleMs} ms idle; ${(result.busyMs / orders).toFixed(2)} ms per order (${orders} orders, warm-up included)\n`,
  );
  console.log("By part of the stack (self time):");
  for (const [part, ms] of result.byPart)
    console.log(`  ${share(ms).padStart(7)}  ${String(ms).padStart(8)} ms  ${part}`);
  console.log("\nBusiest functions (self time):");
  for (const [name, ms] of result.topFunctions)
    console.log(`  ${share(ms).padStart(7)}  ${String(ms).padStart(8)} ms  ${name}`);
}
