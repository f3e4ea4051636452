import http, { type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Holds } from "./holds";

export interface RunningServer {
  /** Where to send requests, e.g. http://127.0.0.1:4010. */
  url: string;
  port: number;
  /** Stops listening, drops open and held connections, then runs `closed`. */
  close(): Promise<void>;
  /** Writes the sandbox's state file now, synchronously (a process that is exiting has no time for close). */
  saveState(): void;
}

export interface HttpServerOptions {
  port: number;
  host: string;
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  /** The sandbox's configuration error, thrown when the port cannot be listened on. */
  configError: new (message: string) => Error;
  /** Released on close, so that no held connection or delayed answer keeps the process waiting. */
  holds: Holds;
  /** Runs once the server has closed, e.g. to write the state file a last time. */
  closed: () => void;
  /** Writes the state file now. */
  saveState: () => void;
}

function listen(server: Server, options: HttpServerOptions): Promise<number> {
  const { port, host } = options;
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(new options.configError(`Cannot listen on ${host}:${port}: ${error.code ?? error.message}`));
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

/** A bind address as a URL host: a wildcard address is reached on loopback, IPv6 goes in brackets. */
function hostForUrl(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/** Listens on the port (0: a free one) and resolves once it does. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const server = http.createServer(options.handle);
  const port = await listen(server, options);
  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl(options.host)}:${port}`,
    port,
    saveState: options.saveState,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        options.holds.releaseAll();
      }).then(() => options.closed());
      return closing;
    },
  };
}
