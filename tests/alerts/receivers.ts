import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { SIGNATURE_HEADER, verifySignature, type SignatureCheck } from "@/lib/alerts/channels";

// Real receivers on 127.0.0.1, each on a port of its own: what alert channels deliver to in tests.

/** One request as the HTTP receiver got it. */
export type ReceivedRequest = {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown;
  /** The X-Signature check with the receiver's secret; null when the receiver has none. */
  signature: SignatureCheck | null;
  /** The status the receiver answered; null while it holds the request unanswered. */
  answeredWith: number | null;
};

export type HttpAnswer = { body?: string; headers?: Record<string, string> };

export type HttpReceiver = {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Answers the next requests with `status` (200 "ok" until told otherwise). */
  answerWith(status: number, answer?: HttpAnswer): void;
  /** Takes the next requests and never answers them: the sender's timeout has to end the wait. */
  hang(): void;
  /** Stops listening: connections to the port are refused until `up()`. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function listen(server: http.Server | SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const listener = server instanceof SMTPServer ? server.server : server;
    listener.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      listener.off("error", reject);
      resolve((listener.address() as AddressInfo).port);
    });
  });
}

/**
 * An HTTP receiver recording every request. With `secret`, it verifies X-Signature against the
 * raw body like a real receiver would, at `nowSeconds` (its own clock, so a test can age a
 * captured request), and refuses a bad or stale signature with 401 and the reason.
 */
export async function startHttpReceiver(
  options: { secret?: string; toleranceSeconds?: number; nowSeconds?: () => number } = {},
): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  let answer: { status: number; body: string; headers: Record<string, string> } | "hang" = {
    status: 200,
    body: "ok",
    headers: {},
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      const signature =
        options.secret === undefined
          ? null
          : verifySignature(options.secret, request.headers[SIGNATURE_HEADER.toLowerCase()]?.toString(), raw, {
              nowSeconds: options.nowSeconds?.() ?? Date.now() / 1000,
              toleranceSeconds: options.toleranceSeconds,
            });
      const received: ReceivedRequest = {
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: raw.toString("utf8"),
        json: parseJson(raw.toString("utf8")),
        signature,
        answeredWith: null,
      };
      requests.push(received);
      if (signature && !signature.ok) {
        received.answeredWith = 401;
        response
          .writeHead(401, { "Content-Type": "application/json" })
          .end(JSON.stringify({ error: signature.reason }));
        return;
      }
      if (answer === "hang") return;
      received.answeredWith = answer.status;
      response.writeHead(answer.status, { "Content-Type": "text/plain", ...answer.headers }).end(answer.body);
    });
  });
  const port = await listen(server, 0);
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    answerWith(status, reply = {}) {
      answer = { status, body: reply.body ?? "", headers: reply.headers ?? {} };
    },
    hang() {
      answer = "hang";
    },
    down: stop,
    up: async () => {
      await listen(server, port);
    },
    close: async () => {
      if (server.listening) await stop();
    },
  };
}

/** One e-mail as the SMTP receiver got it. */
export type ReceivedMail = {
  /** The envelope's sender and recipients (MAIL FROM, RCPT TO). */
  envelopeFrom: string;
  envelopeTo: string[];
  /** The user that logged in, or null. */
  user: string | null;
  /** The message as sent, headers and encoded body. */
  raw: string;
  /** Header names in lower case, folded lines joined, encoded words decoded. */
  headers: Record<string, string>;
  /** The body decoded from its Content-Transfer-Encoding, with "\n" line ends. */
  text: string;
};

export type SmtpReceiver = {
  host: "127.0.0.1";
  port: number;
  messages: ReceivedMail[];
  /** RCPT TO for `address` is answered `code` from now on (550: no such mailbox). */
  refuseRecipient(address: string, code?: number): void;
  /** Stops listening: connections to the port are refused until `up()`. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
};

/** =?UTF-8?B?…?= and =?UTF-8?Q?…?= header words, as nodemailer writes non-ASCII headers. */
function decodeEncodedWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_word, encoding: string, text: string) =>
    encoding.toLowerCase() === "b"
      ? Buffer.from(text, "base64").toString("utf8")
      : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

function decodeQuotedPrintable(text: string): string {
  const parts = text.replace(/=\r?\n/g, "").split(/(=[0-9A-F]{2})/i);
  const bytes = parts.map((part) =>
    /^=[0-9A-F]{2}$/i.test(part) ? Buffer.from([parseInt(part.slice(1), 16)]) : Buffer.from(part, "utf8"),
  );
  return Buffer.concat(bytes).toString("utf8");
}

export function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = decodeEncodedWords(line.slice(colon + 1).trim());
  }
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const decoded =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : body;
  return { headers, text: decoded.replace(/\r\n/g, "\n") };
}

/**
 * An SMTP receiver without TLS (STARTTLS not offered), for the "none" security setting. With
 * `user`, it asks for a login and accepts only that user and password.
 */
export async function startSmtpReceiver(options: { user?: string; password?: string } = {}): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const refused = new Map<string, number>();
  const requiresLogin = options.user !== undefined;
  const address = (entry: SMTPServerAddress | false) => (entry ? entry.address : "");
  const create = () => {
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ["STARTTLS"],
      authOptional: !requiresLogin,
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 1000,
      onAuth(auth, _session, callback) {
        if (requiresLogin && auth.username === options.user && auth.password === options.password) {
          callback(null, { user: auth.username });
        } else {
          callback(new Error("Invalid username or password"));
        }
      },
      onRcptTo(recipient, _session, callback) {
        const code = refused.get(recipient.address);
        if (code === undefined) return callback();
        callback(Object.assign(new Error(`No mailbox here by that name`), { responseCode: code }));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          messages.push({
            envelopeFrom: address(session.envelope.mailFrom),
            envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
            user: typeof session.user === "string" ? session.user : null,
            raw,
            ...parseMail(raw),
          });
          callback();
        });
      },
    });
    // A client dropping its connection is reported here; unheard, the event would end the test run.
    server.on("error", () => {});
    return server;
  };
  let server = create();
  const port = await listen(server, 0);
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    host: "127.0.0.1",
    port,
    messages,
    refuseRecipient(recipient, code = 550) {
      refused.set(recipient, code);
    },
    down: stop,
    up: async () => {
      server = create();
      await listen(server, port);
    },
    close: async () => {
      if (server.server.listening) await stop();
    },
  };
}
