import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import {
  isNetworkError,
  isResponseTooLargeError,
  type ApiResponse,
  type OperationSpec,
  type RuntimeConfig,
} from "../../src/runtime/index.js";
import { jsonResponse, testConfig } from "./fixtures.js";
import { useSuiteServer } from "./suite-server.js";

/** An operation without parameters, so its request target is fixed, and without a schema. */
const getDocument: OperationSpec = {
  operationId: "getDocument",
  method: "GET",
  path: "/document",
  parameters: [],
  responses: [jsonResponse("200")],
  auth: true,
};

const getText: OperationSpec = {
  ...getDocument,
  operationId: "getText",
  responses: [{ status: "200", kind: "text", mediaTypes: ["text/plain"] }],
};

const limit = 1024;

/** Returns a JSON body of exactly `bytes` bytes. */
function jsonOfLength(bytes: number): string {
  const empty = JSON.stringify({ pad: "" });
  return JSON.stringify({ pad: "x".repeat(bytes - empty.length) });
}

describe("response body limits", () => {
  const suite = useSuiteServer();

  function createRuntime(changes: Partial<RuntimeConfig> = {}) {
    const retries = { ...testConfig("https://x").retries, maxAttempts: 1 };
    const config = testConfig(suite.server.origin, {
      maxResponseBytes: limit,
      retries,
      ...changes,
    });
    return suite.createRuntime(config);
  }

  /** Responds with `body`, the given Content-Length and `headers`, written as raw HTTP/1.1. */
  function respondRaw(body: string | Buffer, contentLength: number, headers = "") {
    suite.server.handle((request) => {
      const head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n" +
        `content-length: ${contentLength}\r\n${headers}\r\n`;
      request.socket.write(Buffer.concat([Buffer.from(head), Buffer.from(body)]));
    });
  }

  test("body at the limit with Content-Length", async () => {
    const runtime = createRuntime();
    const body = jsonOfLength(limit);
    respondRaw(body, Buffer.byteLength(body));

    const result = await runtime.call<ApiResponse<200, { pad: string }>>(getDocument);

    assert.equal(JSON.stringify(result.data), body);
  });

  test("body one byte over the limit with Content-Length", async () => {
    const runtime = createRuntime();
    const body = jsonOfLength(limit + 1);
    respondRaw(body, Buffer.byteLength(body));

    const error = await runtime.call(getDocument).catch((caught: unknown) => caught);

    assert.ok(isResponseTooLargeError(error));
    assert.equal(error.maxBytes, limit);
  });

  test("text body over the limit with Content-Length", async () => {
    const runtime = createRuntime();
    suite.server.handle((_request, response) => {
      const body = "x".repeat(limit + 1);
      response.writeHead(200, { "content-type": "text/plain", "content-length": body.length });
      response.end(body);
    });

    const error = await runtime.call(getText).catch((caught: unknown) => caught);

    assert.ok(isResponseTooLargeError(error));
  });

  test("Content-Length below the body reads only the declared bytes", async () => {
    const runtime = createRuntime();
    const declared = JSON.stringify({ id: 1 });
    respondRaw(declared + "x".repeat(4 * limit), Buffer.byteLength(declared));

    const result = await runtime.call<ApiResponse>(getDocument);

    assert.deepEqual(result.data, { id: 1 });
  });

  test("Content-Length above the body fails when the connection closes", async () => {
    const runtime = createRuntime();
    suite.server.handle((request) => {
      const head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 900\r\n\r\n";
      request.socket.end(head + JSON.stringify({ id: 1 }));
    });

    const error = await runtime.call(getDocument).catch((caught: unknown) => caught);

    assert.ok(isNetworkError(error));
  });

  test("gzip body with Content-Length is limited by its decoded size", async () => {
    const runtime = createRuntime();
    const compressed = gzipSync(jsonOfLength(64 * limit));
    assert.ok(compressed.byteLength < limit, `compressed size ${compressed.byteLength}`);
    respondRaw(compressed, compressed.byteLength, "content-encoding: gzip\r\n");

    const error = await runtime.call(getDocument).catch((caught: unknown) => caught);

    assert.ok(isResponseTooLargeError(error));
  });

  test("gzip body with Content-Length within the limit is decoded", async () => {
    const runtime = createRuntime();
    const body = jsonOfLength(limit);
    const compressed = gzipSync(body);
    respondRaw(compressed, compressed.byteLength, "content-encoding: gzip\r\n");

    const result = await runtime.call<ApiResponse>(getDocument);

    assert.equal(JSON.stringify(result.data), body);
  });

  test("chunked body within the limit is read", async () => {
    const runtime = createRuntime();
    const body = jsonOfLength(limit);
    suite.server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write(body.slice(0, 100));
      response.end(body.slice(100));
    });

    const result = await runtime.call<ApiResponse>(getDocument);

    assert.equal(JSON.stringify(result.data), body);
  });
});
