import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import {
  VendorRuntime,
  isHostNotAllowedError,
  isNetworkError,
  isRedirectBlockedError,
  isResponseTooLargeError,
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
import { getPet, sendJson, testConfig, testEnv } from "./fixtures.js";

describe("transport", () => {
  let certificates: TestCertificates;
  let server: TestServer;
  const runtimes: VendorRuntime[] = [];

  before(async () => {
    certificates = createTestCertificates();
    server = await startHttpsServer(certificates);
  });

  after(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.close()));
    await server.close();
    certificates.remove();
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

  function redirectTo(location: string, status = 302) {
    server.handle((request, response) => {
      if (request.url?.startsWith("/pets/")) {
        response.writeHead(status, { location });
        response.end();
      } else {
        sendJson(response, 200, { id: 2, name: "Moved" });
      }
    });
  }

  async function callError(runtime: VendorRuntime): Promise<unknown> {
    return runtime.call(getPet, { path: { id: 1 } }).catch((caught: unknown) => caught);
  }

  test("302 is not followed by default", async () => {
    const runtime = createRuntime();
    const before = server.requests.length;
    redirectTo("https://attacker.example/steal");

    const error = await callError(runtime);

    assert.ok(isRedirectBlockedError(error));
    assert.equal(error.targetHost, "attacker.example");
    assert.match(error.message, /attacker\.example/);
    assert.equal(server.requests.length - before, 1);
  });

  test("sameOrigin follows a same-origin redirect", async () => {
    const runtime = createRuntime({ redirects: { mode: "sameOrigin", max: 2 } });
    redirectTo("/moved", 307);

    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    assert.deepEqual(result.data, { id: 2, name: "Moved" });
    assert.equal(server.requests.at(-1)?.url, "/moved");
    assert.equal(server.requests.at(-1)?.headers.authorization, `Bearer ${testEnv.TEST_TOKEN}`);
  });

  test("sameOrigin blocks another host", async () => {
    const runtime = createRuntime({ redirects: { mode: "sameOrigin", max: 2 } });
    redirectTo("https://localhost:1/elsewhere");

    const error = await callError(runtime);

    assert.ok(isRedirectBlockedError(error));
    assert.equal(error.targetHost, "localhost:1");
  });

  test("sameOrigin blocks a downgrade to http", async () => {
    const runtime = createRuntime({ redirects: { mode: "sameOrigin", max: 2 } });
    redirectTo(server.origin.replace("https:", "http:") + "/moved");

    const error = await callError(runtime);

    assert.ok(isRedirectBlockedError(error));
  });

  test("sameOrigin stops after max redirects", async () => {
    const runtime = createRuntime({ redirects: { mode: "sameOrigin", max: 2 } });
    const before = server.requests.length;
    server.handle((_request, response) => {
      response.writeHead(302, { location: "/pets/1" });
      response.end();
    });

    const error = await callError(runtime);

    assert.ok(isRedirectBlockedError(error));
    assert.equal(server.requests.length - before, 3);
  });

  test("body over the limit with Content-Length", async () => {
    const runtime = createRuntime({ maxResponseBytes: 1024 });
    server.handle((_request, response) => {
      const body = JSON.stringify({ id: 1, name: "x".repeat(4096) });
      response.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      });
      response.end(body);
    });

    const error = await callError(runtime);

    assert.ok(isResponseTooLargeError(error));
    assert.equal(error.maxBytes, 1024);
  });

  test("body over the limit without Content-Length", async () => {
    const runtime = createRuntime({ maxResponseBytes: 1024 });
    let chunksWritten = 0;
    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      const writeChunk = () => {
        if (response.destroyed || chunksWritten >= 1000) {
          response.end();
          return;
        }
        chunksWritten += 1;
        response.write("x".repeat(512), () => setImmediate(writeChunk));
      };
      writeChunk();
    });

    const error = await callError(runtime);

    assert.ok(isResponseTooLargeError(error));
    assert.ok(chunksWritten < 1000, `server wrote ${chunksWritten} chunks`);
  });

  test("gzip bomb is cut off", async () => {
    const runtime = createRuntime({ maxResponseBytes: 64 * 1024 });
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024, 0x20));
    const before = process.memoryUsage().arrayBuffers;
    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      response.end(bomb);
    });

    const error = await callError(runtime);

    assert.ok(isResponseTooLargeError(error));
    assert.ok(bomb.byteLength < 64 * 1024, `compressed size ${bomb.byteLength}`);
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024);
  });

  test("gzip body is decoded", async () => {
    const runtime = createRuntime();
    server.handle((request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      response.end(gzipSync(JSON.stringify({ id: 3, name: request.headers["accept-encoding"] })));
    });

    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 3 } });

    assert.deepEqual(result.data, { id: 3, name: "gzip, deflate, br" });
  });

  test("untrusted certificate is a TlsError", async () => {
    const runtime = createRuntime({}, { ca: certificates.otherCaPem });
    const before = server.requests.length;
    server.handle((_request, response) => sendJson(response, 200, { id: 1, name: "Rex" }));

    const error = await callError(runtime);

    assert.ok(isTlsError(error));
    assert.equal(server.requests.length, before);
  });

  test("NODE_TLS_REJECT_UNAUTHORIZED=0 does not disable verification", async () => {
    const runtime = createRuntime({}, { ca: certificates.otherCaPem });
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    const emitWarning = process.emitWarning;
    // Node warns about the variable on the first TLS connection; the warning is expected here.
    process.emitWarning = () => {};
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
    try {
      const error = await callError(runtime);
      assert.ok(isTlsError(error));
    } finally {
      restoreEnv("NODE_TLS_REJECT_UNAUTHORIZED", previous);
      process.emitWarning = emitWarning;
    }
  });

  test("server below minVersion is a TlsError", async () => {
    const legacy = await startHttpsServer(certificates, undefined, { maxVersion: "TLSv1.2" });
    const runtime = new VendorRuntime(
      testConfig(legacy.origin, { tls: { minVersion: "TLSv1.3", ca: [] } }),
      { ca: certificates.caPem, env: testEnv },
    );
    try {
      const error = await runtime
        .call(getPet, { path: { id: 1 } })
        .catch((caught: unknown) => caught);

      assert.ok(isTlsError(error));
      assert.equal(legacy.requests.length, 0);
    } finally {
      await runtime.close();
      await legacy.close();
    }
  });

  test("CA from an environment variable is trusted", async () => {
    const runtime = createRuntime(
      { tls: { minVersion: "TLSv1.2", ca: [{ env: "TEST_CA" }] } },
      { ca: [], env: { ...testEnv, TEST_CA: certificates.caPem } },
    );
    server.handle((_request, response) => sendJson(response, 200, { id: 1, name: "Rex" }));

    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    assert.equal(result.status, 200);
  });

  test("call after close is a NetworkError", async () => {
    const runtime = createRuntime();
    await runtime.close();

    const error = await callError(runtime);

    assert.ok(isNetworkError(error));
  });

  test("plain http is refused without allowInsecureHttp", async () => {
    const runtime = createRuntime({ baseUrl: server.origin.replace("https:", "http:") });

    const error = await callError(runtime);

    assert.ok(isHostNotAllowedError(error));
    assert.match(error.message, /plain http/);
  });

  test("plain http to a non-loopback host is refused", async () => {
    const runtime = createRuntime({ baseUrl: "http://vendor.invalid", allowInsecureHttp: true });

    const error = await callError(runtime);

    assert.ok(isHostNotAllowedError(error));
    assert.match(error.message, /loopback/);
  });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) {
    delete process.env[name];
  } else {
    process.env[name] = value;
  }
}
