/**
 * A plain-HTTP server on 127.0.0.1 for tests of generated clients under `allowInsecureHttp`. It
 * records every request with its raw target and body bytes, and sends the reply the test set
 * last.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the server received it; `url` is the raw request target, never normalised. */
export interface RecordedHttpRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A response the server sends; a JSON body is sent as the exact text given. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/** A running server; `reply` sets the response to every following request. */
export interface LoopbackHttpServer {
  origin: string;
  requests: RecordedHttpRequest[];
  reply(reply: Reply): void;
  /** Sends `body` (JSON text) with status 200 and `Content-Type: application/json`. */
  replyJson(body: string, status?: number): void;
  close(): Promise<void>;
}

/** Starts a server on a free port of 127.0.0.1. Until `reply` is called it responds with status 500. */
export async function startHttpServer(): Promise<LoopbackHttpServer> {
  let current: Reply = { status: 500, body: "no reply set" };
  const requests: RecordedHttpRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks),
      });
      response.writeHead(current.status, current.headers ?? {});
      response.end(current.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    reply: (reply) => {
      current = reply;
    },
    replyJson: (body, status = 200) => {
      current = { status, headers: { "content-type": "application/json" }, body };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
