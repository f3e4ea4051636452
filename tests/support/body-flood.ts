import net from "node:net";

// Sends oversized request bodies the way an attacker would, over raw sockets: the headers, then
// 1 MiB writes (each after the last drained) until the body is sent or the server closes; the
// connection is kept alive, as real clients keep it, so an answer is read before it closes. Runs as
// a child process so the test measuring the server is not slowed by the sending.
// argv[2]: JSON { port, total, requests: [{ method, path, headers, chunked, parallel }] }
// stdout: JSON [{ path, chunked, statuses: (number | "closed" | null)[] }]: the status answered,
// "closed" when the server hung up before the whole body was sent without an answer the client
// could read (a refusal: the client may lose an answer to the reset of a connection it still writes
// to), null when it never answered a body sent in full.

type FloodRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  chunked: boolean;
  parallel: number;
};
type FloodPlan = { port: number; total: number; requests: FloodRequest[] };

const CHUNK = Buffer.alloc(1024 * 1024, 0x20);

type Outcome = number | "closed" | null;

/** One request; resolves with what the server did (see above). */
function send(plan: FloodPlan, request: FloodRequest): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect(plan.port, "127.0.0.1");
    let answer = "";
    let closed = false;
    let sentAll = false;
    const finish = () => {
      closed = true;
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      resolve(match ? Number(match[1]) : sentAll ? null : "closed");
    };
    socket.on("data", (data: Buffer) => {
      if (answer.length < 512) answer += data.toString("latin1");
    });
    socket.on("error", () => undefined);
    socket.on("close", finish);
    socket.on("connect", async () => {
      const framing = request.chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(plan.total) };
      const head = { Host: `127.0.0.1:${plan.port}`, ...request.headers, ...framing };
      socket.write(
        `${request.method} ${request.path} HTTP/1.1\r\n${Object.entries(head)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join("")}\r\n`,
      );
      for (let sent = 0; sent < plan.total && !closed && !socket.destroyed; sent += CHUNK.length) {
        const frame = request.chunked
          ? [Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from("\r\n")]
          : [CHUNK];
        let drained = true;
        for (const part of frame) drained = socket.write(part) && drained;
        if (!drained)
          await new Promise<void>((resume) => {
            const done = () => {
              socket.off("drain", done).off("close", done);
              resume();
            };
            socket.on("drain", done).on("close", done);
          });
      }
      if (!closed && !socket.destroyed && request.chunked) socket.write("0\r\n\r\n");
      sentAll = !closed && !socket.destroyed;
      // The whole body is sent: wait for the answer, then hang up.
      const deadline = Date.now() + 30_000;
      while (!closed && !/^HTTP\/1\.1 \d{3}/.test(answer) && Date.now() < deadline)
        await new Promise((resume) => setTimeout(resume, 20));
      socket.destroy();
    });
  });
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? "{}") as FloodPlan;
  const results = await Promise.all(
    plan.requests.map(async (request) => ({
      path: request.path,
      chunked: request.chunked,
      statuses: await Promise.all(Array.from({ length: request.parallel }, () => send(plan, request))),
    })),
  );
  process.stdout.write(JSON.stringify(results));
}

void main();
