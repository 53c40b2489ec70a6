import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import type { SecureContextOptions, TLSSocket } from "node:tls";
import { after, before, describe, test } from "node:test";
import {
  VendorRuntime,
  isConfigurationError,
  isNetworkError,
  isTlsError,
  type ApiResponse,
  type ClientOptions,
  type RuntimeConfig,
} from "../../src/runtime/index.js";
import {
  createTestCertificates,
  startHttpsServer,
  type TestCertificates,
  type TestServer,
} from "../support/https-server.js";
import { createClientCertificates, type ClientCertificates } from "./client-certificates.js";
import { getPet, sendJson, testConfig, testEnv } from "./fixtures.js";

/**
 * Server TLS options that ask for a client certificate signed by `clientCaPem`. startHttpsServer
 * types its options as SecureContextOptions but passes every key on to https.createServer, which
 * also reads requestCert and rejectUnauthorized.
 */
function clientCertificateOptions(
  clientCaPem: string,
  required: boolean,
  extra: SecureContextOptions = {},
): SecureContextOptions {
  const options = { ...extra, requestCert: true, rejectUnauthorized: required, ca: [clientCaPem] };
  return options as SecureContextOptions;
}

/** Returns the common name of the certificate the client presented, or "(none)". */
function peerName(request: IncomingMessage): string {
  const peer = (request.socket as TLSSocket).getPeerCertificate();
  return typeof peer.subject?.CN === "string" ? peer.subject.CN : "(none)";
}

describe("mutual TLS", () => {
  let certificates: TestCertificates;
  let client: ClientCertificates;
  let server: TestServer;
  let otherServer: TestServer;
  let legacyServer: TestServer;
  const runtimes: VendorRuntime[] = [];

  before(async () => {
    certificates = createTestCertificates();
    client = createClientCertificates();
    const echoPeer = (request: IncomingMessage, response: import("node:http").ServerResponse) =>
      sendJson(response, 200, { id: 1, name: peerName(request) });
    const caPem = client.clientCaPem;
    server = await startHttpsServer(certificates, echoPeer, clientCertificateOptions(caPem, true));
    // Asks for a certificate without requiring one, so it can record whether one was sent.
    otherServer = await startHttpsServer(
      certificates,
      echoPeer,
      clientCertificateOptions(caPem, false),
    );
    legacyServer = await startHttpsServer(
      certificates,
      echoPeer,
      clientCertificateOptions(caPem, true, { maxVersion: "TLSv1.2" }),
    );
  });

  after(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.close()));
    await server.close();
    await otherServer.close();
    await legacyServer.close();
    certificates.remove();
    client.remove();
  });

  function createRuntime(changes: Partial<RuntimeConfig> = {}, options: ClientOptions = {}) {
    const runtime = new VendorRuntime(testConfig(server.origin, changes), {
      ca: certificates.caPem,
      env: testEnv,
      ...options,
    });
    runtimes.push(runtime);
    return runtime;
  }

  function withClientCertificate(
    clientCertificate: NonNullable<RuntimeConfig["tls"]["clientCertificate"]>,
  ): Partial<RuntimeConfig> {
    return { tls: { minVersion: "TLSv1.2", ca: [], clientCertificate } };
  }

  test("certificate from files is accepted", async () => {
    const runtime = createRuntime(
      withClientCertificate({ cert: { file: client.certFile }, key: { file: client.keyFile } }),
    );

    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    assert.deepEqual(result.data, { id: 1, name: "vendorguard test client" });
  });

  test("certificate from env with a provider key", async () => {
    let keyReads = 0;
    const runtime = createRuntime(
      withClientCertificate({ cert: { env: "CLIENT_CERT" }, key: { provider: "clientKey" } }),
      {
        env: { ...testEnv, CLIENT_CERT: client.certPem },
        secrets: {
          clientKey: async () => {
            keyReads += 1;
            return client.keyPem;
          },
        },
      },
    );

    const first = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });
    const second = await runtime.call<ApiResponse>(getPet, { path: { id: 2 } });

    assert.deepEqual(first.data, { id: 1, name: "vendorguard test client" });
    assert.equal(second.status, 200);
    assert.equal(keyReads, 1);
  });

  test("no certificate over TLS 1.3 is a NetworkError", async () => {
    const runtime = createRuntime({ retries: { ...testConfig("").retries, maxAttempts: 1 } });
    const before = server.requests.length;

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    // In TLS 1.3 the server checks the client certificate after the client has finished its
    // part of the handshake, and a Node.js server then closes the socket without an alert, so
    // the client can only see a closed connection.
    assert.ok(isNetworkError(error), `got ${String(error)}`);
    assert.equal(server.requests.length, before);
  });

  test("no certificate over TLS 1.2 is a TlsError", async () => {
    const runtime = new VendorRuntime(
      testConfig(legacyServer.origin, { retries: { ...testConfig("").retries, maxAttempts: 1 } }),
      { ca: certificates.caPem, env: testEnv },
    );
    runtimes.push(runtime);

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isTlsError(error), `got ${String(error)}`);
    assert.match(error.message, /ALERT_HANDSHAKE_FAILURE/);
    assert.equal(legacyServer.requests.length, 0);
  });

  test("certificate accepted over TLS 1.2", async () => {
    const runtime = new VendorRuntime(
      testConfig(legacyServer.origin, {
        tls: {
          minVersion: "TLSv1.2",
          ca: [],
          clientCertificate: { cert: { file: client.certFile }, key: { file: client.keyFile } },
        },
      }),
      { ca: certificates.caPem, env: testEnv },
    );
    runtimes.push(runtime);

    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    assert.deepEqual(result.data, { id: 1, name: "vendorguard test client" });
  });

  test("key of another certificate is a ConfigurationError", async () => {
    const runtime = createRuntime(
      withClientCertificate({ cert: { file: client.certFile }, key: { env: "CLIENT_KEY" } }),
      { env: { ...testEnv, CLIENT_KEY: client.otherKeyPem } },
    );
    const before = server.requests.length;

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isConfigurationError(error), `got ${String(error)}`);
    assert.match(error.message, /client certificate is unusable/);
    assert.doesNotMatch(error.message, /PRIVATE KEY/);
    assert.equal(server.requests.length, before);
  });

  test("env key without PEM fails at construction", () => {
    const config = testConfig(
      server.origin,
      withClientCertificate({ cert: { file: client.certFile }, key: { env: "CLIENT_KEY" } }),
    );

    assert.throws(
      () => new VendorRuntime(config, { env: { ...testEnv, CLIENT_KEY: "not a key" } }),
      (error: unknown) =>
        isConfigurationError(error) &&
        /environment variable CLIENT_KEY holds no PEM private key/.test(error.message),
    );
  });

  test("certificate not presented to other hosts", async () => {
    const otherHost = new URL(otherServer.origin).host;
    const runtime = createRuntime({
      ...withClientCertificate({ cert: { file: client.certFile }, key: { file: client.keyFile } }),
      allowedHosts: [otherHost],
    });

    const pinned = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });
    const other = await runtime.callUrl<ApiResponse>(getPet, `${otherServer.origin}/pets/1`);

    assert.deepEqual(pinned.data, { id: 1, name: "vendorguard test client" });
    assert.deepEqual(other.data, { id: 1, name: "(none)" });
  });
});
