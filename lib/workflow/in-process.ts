// The serve handler as a function of this process: the route module registers it when it loads,
// and the embedded engine, running in the same server, calls it without a loopback socket. The
// request and answer are the same signed ones the SDK's HTTP protocol carries. Next.js loads the
// route and instrumentation.ts into separate module instances: globalThis is what they share.

/** The serve handler's POST, taking a Web request and answering a Web response. */
export type ServeHandler = (request: Request) => Promise<Response>;

const holder = globalThis as typeof globalThis & { __workflowServeHandler?: ServeHandler };

export function registerInProcessServeHandler(handler: ServeHandler): void {
  holder.__workflowServeHandler = handler;
}

/** The handler registered in this process, once its route has loaded. */
export function inProcessServeHandler(): ServeHandler | undefined {
  return holder.__workflowServeHandler;
}
