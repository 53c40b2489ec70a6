/**
 * A loopback HTTPS server for tests. Certificates are made with the openssl CLI in a temporary
 * folder: a test CA, a server certificate for 127.0.0.1 signed by it, and a second CA that signed
 * nothing, for tests that need a CA the server's certificate does not chain to.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SecureContextOptions } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";

const openssl = "/usr/bin/openssl";

/** PEM files of one test run; `remove()` deletes the temporary folder. */
export interface TestCertificates {
  caPem: string;
  /** A CA that did not sign the server certificate. */
  otherCaPem: string;
  serverKeyPem: string;
  serverCertPem: string;
  remove(): void;
}

/** A request as the server received it; `url` is the raw request target, never normalised. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type RequestHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  recorded: RecordedRequest,
) => void;

/** A running server; `handle` replaces the handler for the next requests. */
export interface TestServer {
  origin: string;
  requests: RecordedRequest[];
  handle(handler: RequestHandler): void;
  close(): Promise<void>;
}

/** Creates the CAs and the server certificate; takes well under a second with EC keys. */
export function createTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), "vendorguard-tls-"));
  const file = (name: string) => join(dir, name);
  createCa(file("ca.key"), file("ca.pem"), "vendorguard test CA");
  createCa(file("other-ca.key"), file("other-ca.pem"), "vendorguard untrusted CA");

  writeFileSync(
    file("server.ext"),
    [
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature",
      "extendedKeyUsage=serverAuth",
      "",
    ].join("\n"),
  );
  run(
    ["req", "-new", ...ecKey(), "-nodes", "-keyout", file("server.key")].concat([
      "-out",
      file("server.csr"),
      "-subj",
      "/CN=127.0.0.1",
    ]),
  );
  run(
    ["x509", "-req", "-in", file("server.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key")]
      .concat(["-set_serial", "0x1a2b3c", "-days", "2", "-out", file("server.pem")])
      .concat(["-extfile", file("server.ext")]),
  );

  return {
    caPem: readFileSync(file("ca.pem"), "utf8"),
    otherCaPem: readFileSync(file("other-ca.pem"), "utf8"),
    serverKeyPem: readFileSync(file("server.key"), "utf8"),
    serverCertPem: readFileSync(file("server.pem"), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function createCa(keyFile: string, certFile: string, commonName: string): void {
  run(
    ["req", "-x509", "-new", ...ecKey(), "-nodes", "-keyout", keyFile, "-out", certFile]
      .concat(["-days", "2", "-subj", `/CN=${commonName}`])
      .concat(["-addext", "basicConstraints=critical,CA:TRUE"])
      .concat(["-addext", "keyUsage=critical,keyCertSign,cRLSign"]),
  );
}

function ecKey(): string[] {
  return ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
}

function run(args: string[]): void {
  execFileSync(openssl, args, { stdio: ["ignore", "ignore", "pipe"] });
}

/**
 * Starts an HTTPS server on 127.0.0.1 on a free port, with extra TLS settings if given. Every
 * request is recorded with its body before the handler runs. `close()` also destroys open
 * connections, so a handler that never responds cannot keep the test process alive.
 */
export async function startHttpsServer(
  certificates: TestCertificates,
  handler: RequestHandler = (_request, response) => response.end(),
  tlsOptions: SecureContextOptions = {},
): Promise<TestServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(
    { ...tlsOptions, key: certificates.serverKeyPem, cert: certificates.serverCertPem },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const recorded: RecordedRequest = {
          method: request.method ?? "",
          url: request.url ?? "",
          headers: request.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        };
        requests.push(recorded);
        current(request, response, recorded);
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `https://127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
