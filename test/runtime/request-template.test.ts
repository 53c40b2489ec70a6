import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  isRequestValidationError,
  type ApiResponse,
  type OperationSpec,
  type RuntimeConfig,
} from "../../src/runtime/index.js";
import { jsonResponse, sendJson, testConfig } from "./fixtures.js";
import { useSuiteServer } from "./suite-server.js";

/** An operation without parameters, whose request target is worked out once. */
const getStatus: OperationSpec = {
  operationId: "getStatus",
  method: "GET",
  path: "/status",
  parameters: [],
  responses: [jsonResponse("200")],
  auth: true,
};

describe("request templates", () => {
  const suite = useSuiteServer((_request, response) => sendJson(response, 200, { ok: true }));

  function createRuntime(changes: Partial<RuntimeConfig> = {}, env?: Record<string, string>) {
    const config = testConfig(suite.server.origin, changes);
    return suite.createRuntime(config, env === undefined ? {} : { env });
  }

  test("fixed path keeps the base path", async () => {
    const runtime = createRuntime({ baseUrl: `${suite.server.origin}/v1/` });

    await runtime.call(getStatus);
    await runtime.call(getStatus);

    assert.deepEqual(
      suite.server.requests.slice(-2).map((request) => request.url),
      ["/v1/status", "/v1/status"],
    );
  });

  test("fixed path gets the API key in the query on every call", async () => {
    const env: Record<string, string> = { API_KEY: "key-one" };
    const auth: RuntimeConfig["auth"] = {
      scheme: "apiKey",
      in: "query",
      name: "api_key",
      secret: { env: "API_KEY" },
    };
    const runtime = createRuntime({ auth }, env);

    await runtime.call(getStatus);
    env.API_KEY = "key-two";
    await runtime.call(getStatus);

    assert.deepEqual(
      suite.server.requests.slice(-2).map((request) => request.url),
      ["/status?api_key=key-one", "/status?api_key=key-two"],
    );
  });

  test("media type with a line break fails every call", async () => {
    const runtime = createRuntime();
    const injecting: OperationSpec = {
      ...getStatus,
      operationId: "injecting",
      responses: [{ ...jsonResponse("200"), mediaTypes: ["application/json\r\nx-injected: 1"] }],
    };
    const before = suite.server.requests.length;

    for (let call = 0; call < 2; call++) {
      const error = await runtime.call(injecting).catch((caught: unknown) => caught);
      assert.ok(isRequestValidationError(error));
      assert.match(error.message, /header "accept" contains CR, LF or NUL/);
    }
    assert.equal(suite.server.requests.length, before);
  });

  test("header parameter with an invalid name is rejected", async () => {
    const runtime = createRuntime();
    const badName: OperationSpec = {
      ...getStatus,
      operationId: "badName",
      parameters: [
        { name: "X Bad", in: "header", required: true, style: "simple", explode: false },
      ],
    };

    const error = await runtime
      .call(badName, { headers: { "X Bad": "1" } })
      .catch((caught: unknown) => caught);

    assert.ok(isRequestValidationError(error));
    assert.match(error.message, /header name "x bad" is not a valid token/);
  });

  test("response header named __proto__ is dropped", async () => {
    const runtime = createRuntime();
    suite.server.handle((request) => {
      const body = JSON.stringify({ ok: true });
      request.socket.write(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n__proto__: x\r\n" +
          `x-trace: t1\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      );
    });

    const result = await runtime.call<ApiResponse>(getStatus);

    assert.equal(Object.hasOwn(result.headers, "__proto__"), false);
    assert.equal(Object.getPrototypeOf(result.headers), Object.prototype);
    assert.equal(result.headers["x-trace"], "t1");
  });
});
