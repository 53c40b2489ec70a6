/**
 * The loopback HTTPS server of the runtime overhead benchmark. It serves fixed JSON bodies by
 * path and keeps what identifies the last request on the wire, so the benchmark can check that
 * the runtime and the bare request send the same bytes.
 */
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import type { TestCertificates } from "../test/support/https-server.js";

/** The request line, headers in wire order and TLS parameters of one request. */
export interface WireRequest {
  method: string | undefined;
  url: string | undefined;
  httpVersion: string;
  rawHeaders: string[];
  tlsVersion: string | null;
  cipher: string;
}

/** A running benchmark server. */
export interface BenchServer {
  origin: string;
  /** Returns the last request received; throws when there was none. */
  lastRequest(): WireRequest;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1; unknown paths get `{}`. */
export async function startBenchServer(
  certificates: TestCertificates,
  bodies: Map<string, Buffer>,
): Promise<BenchServer> {
  let last: WireRequest | undefined;
  const server = createServer(
    { key: certificates.serverKeyPem, cert: certificates.serverCertPem },
    (request, response) => {
      const socket = request.socket as TLSSocket;
      last = {
        method: request.method,
        url: request.url,
        httpVersion: request.httpVersion,
        rawHeaders: request.rawHeaders,
        tlsVersion: socket.getProtocol(),
        cipher: socket.getCipher().name,
      };
      const body = bodies.get(request.url ?? "") ?? Buffer.from("{}");
      response.writeHead(200, {
        "content-type": "application/json",
        "content-length": body.byteLength,
      });
      response.end(body);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lastRequest() {
      if (last === undefined) {
        throw new Error("the benchmark server has received no request");
      }
      return last;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
