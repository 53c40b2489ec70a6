import assert from "node:assert/strict";
import { inspect } from "node:util";
import { after, before, describe, test } from "node:test";
import {
  VendorRuntime,
  isConfigurationError,
  isRequestValidationError,
  isVendorError,
  type ApiResponse,
  type ClientOptions,
  type OperationSpec,
  type RuntimeConfig,
} from "../../src/runtime/index.js";
import {
  createTestCertificates,
  startHttpsServer,
  type TestCertificates,
  type TestServer,
} from "../support/https-server.js";
import { getPet, jsonResponse, Pet, sendJson, testConfig, testEnv } from "./fixtures.js";

const getFile: OperationSpec = {
  operationId: "getFile",
  method: "GET",
  path: "/files/{name}",
  parameters: [
    { name: "name", in: "path", required: true, style: "simple", explode: false },
    { name: "X-Note", in: "header", required: false, style: "simple", explode: false },
  ],
  responses: [jsonResponse("200", Pet)],
  auth: true,
};

describe("request safety", () => {
  let certificates: TestCertificates;
  let server: TestServer;
  const runtimes: VendorRuntime[] = [];

  before(async () => {
    certificates = createTestCertificates();
    server = await startHttpsServer(certificates, (_request, response) =>
      sendJson(response, 200, { id: 1, name: "Rex" }),
    );
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

  async function requestPathFor(runtime: VendorRuntime, name: string): Promise<string | undefined> {
    await runtime.call<ApiResponse>(getFile, { path: { name } });
    return server.requests.at(-1)?.url;
  }

  test("path values cannot leave their segment", async () => {
    const runtime = createRuntime();
    const cases: Array<[string, string]> = [
      ["a/b?c#d e%", "/files/a%2Fb%3Fc%23d%20e%25"],
      ["..", "/files/%2E%2E"],
      [".", "/files/%2E"],
      ["../../etc/passwd", "/files/..%2F..%2Fetc%2Fpasswd"],
      ["%2e%2e", "/files/%252e%252e"],
      ["café ☕", "/files/caf%C3%A9%20%E2%98%95"],
    ];
    for (const [name, expected] of cases) {
      assert.equal(await requestPathFor(runtime, name), expected, `value ${JSON.stringify(name)}`);
    }
  });

  test("dot segments cannot climb above the base path", async () => {
    const runtime = createRuntime({ baseUrl: `${server.origin}/api/v1` });
    const twoLevels: OperationSpec = {
      ...getFile,
      operationId: "twoLevels",
      path: "/{a}/{b}",
      parameters: [
        { name: "a", in: "path", required: true, style: "simple", explode: false },
        { name: "b", in: "path", required: true, style: "simple", explode: false },
      ],
    };
    const before = server.requests.length;

    const error = await runtime
      .call(twoLevels, { path: { a: "..", b: ".." } })
      .catch((caught: unknown) => caught);

    assert.ok(isRequestValidationError(error));
    assert.equal(server.requests.length, before);
  });

  test("CR or LF in a header value is rejected before sending", async () => {
    const runtime = createRuntime();
    const before = server.requests.length;

    for (const note of ["a\r\nX-Injected: 1", "a\nb", "a\rb"]) {
      const error = await runtime
        .call(getFile, { path: { name: "x" }, headers: { "X-Note": note } })
        .catch((caught: unknown) => caught);
      assert.ok(isRequestValidationError(error));
      assert.match(error.message, /x-note/);
      assert.equal(error.attempts, 0);
    }
    assert.equal(server.requests.length, before);
  });

  test("secret with a line break is rejected without its value", async () => {
    const runtime = createRuntime({}, { env: { TEST_TOKEN: "abc\r\ninjected" } });

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isRequestValidationError(error));
    assert.doesNotMatch(error.message, /injected/);
  });

  test("bearer secret never appears in errors", async () => {
    const secret = testEnv.TEST_TOKEN;
    const errors: unknown[] = [];
    const once = { ...testConfig("https://x").retries, maxAttempts: 1 };
    // Only the call that must time out gets short limits: on a loaded machine a TLS handshake
    // alone can take longer than 300 ms, which would turn the other calls into timeouts too.
    const runtime = createRuntime({ retries: once });
    const impatient = createRuntime({
      timeouts: { connectMs: 5_000, headersMs: 500, bodyMs: 500, attemptMs: 300, callMs: 1_000 },
      retries: once,
    });
    const untrusted = createRuntime({}, { ca: certificates.otherCaPem });
    const collect = (promise: Promise<unknown>) =>
      promise.then(
        () => assert.fail("call succeeded"),
        (e) => errors.push(e),
      );

    server.handle((request, response) =>
      sendJson(response, 500, { echo: request.headers.authorization }),
    );
    await collect(runtime.call(getPet, { path: { id: 1 } }));
    server.handle((request, response) =>
      sendJson(response, 200, { id: request.headers.authorization }),
    );
    await collect(runtime.call(getPet, { path: { id: 1 } }));
    server.handle(() => {});
    await collect(impatient.call(getPet, { path: { id: 1 } }));
    server.handle((request) => request.socket.destroy());
    await collect(runtime.call(getPet, { path: { id: 1 } }));
    await collect(runtime.call(getFile, { path: { name: "x" }, headers: { "X-Note": "a\nb" } }));
    await collect(untrusted.call(getPet, { path: { id: 1 } }));

    assert.deepEqual(
      errors.map((error) => (isVendorError(error) ? error.code : String(error))),
      ["http_status", "validation", "timeout", "network", "invalid_request", "tls"],
    );
    for (const error of errors) {
      const texts = [
        (error as Error).message,
        String((error as Error).stack),
        JSON.stringify(error),
        inspect(error, { depth: Infinity, showHidden: true }),
      ];
      for (const text of texts) {
        assert.ok(!text.includes(secret), `secret leaked by ${(error as Error).name}`);
      }
    }
  });

  test("API key in the query stays out of error URLs", async () => {
    const runtime = createRuntime({
      auth: { scheme: "apiKey", in: "query", name: "api_key", secret: { env: "TEST_TOKEN" } },
    });
    server.handle((_request, response) => sendJson(response, 503, { message: "down" }));

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isVendorError(error));
    assert.equal(server.requests.at(-1)?.url, `/pets/1?api_key=${testEnv.TEST_TOKEN}`);
    assert.equal(error.url, `${server.origin}/pets/1`);
    assert.ok(!inspect(error).includes(testEnv.TEST_TOKEN));
    server.handle((_request, response) => sendJson(response, 200, { id: 1, name: "Rex" }));
  });

  test("API key in a header or cookie, and basic auth", async () => {
    const header = createRuntime({
      auth: { scheme: "apiKey", in: "header", name: "X-Api-Key", secret: { env: "TEST_TOKEN" } },
    });
    const cookie = createRuntime({
      auth: { scheme: "apiKey", in: "cookie", name: "session", secret: { env: "TEST_TOKEN" } },
    });
    const basic = createRuntime(
      {
        auth: { scheme: "basic", username: { env: "TEST_USER" }, password: { env: "TEST_TOKEN" } },
      },
      { env: { ...testEnv, TEST_USER: "ann" } },
    );

    await header.call(getPet, { path: { id: 1 } });
    const headerRequest = server.requests.at(-1);
    await cookie.call(getPet, { path: { id: 1 } });
    const cookieRequest = server.requests.at(-1);
    await basic.call(getPet, { path: { id: 1 } });
    const basicRequest = server.requests.at(-1);

    assert.equal(headerRequest?.headers["x-api-key"], testEnv.TEST_TOKEN);
    assert.equal(cookieRequest?.headers.cookie, `session=${testEnv.TEST_TOKEN}`);
    const encoded = Buffer.from(`ann:${testEnv.TEST_TOKEN}`).toString("base64");
    assert.equal(basicRequest?.headers.authorization, `Basic ${encoded}`);
  });

  test("operation without security sends no credentials", async () => {
    const runtime = createRuntime();
    const publicPet: OperationSpec = { ...getPet, operationId: "publicPet", auth: false };

    await runtime.call(publicPet, { path: { id: 1 } });

    assert.equal(server.requests.at(-1)?.headers.authorization, undefined);
  });

  test("secrets are read on every call", async () => {
    let version = 0;
    const runtime = createRuntime(
      { auth: { scheme: "bearer", secret: { provider: "vault" } } },
      { secrets: { vault: async () => `token-${++version}` } },
    );

    await runtime.call(getPet, { path: { id: 1 } });
    const first = server.requests.at(-1)?.headers.authorization;
    await runtime.call(getPet, { path: { id: 1 } });
    const second = server.requests.at(-1)?.headers.authorization;

    assert.equal(first, "Bearer token-1");
    assert.equal(second, "Bearer token-2");
  });

  test("missing secret is a ConfigurationError naming the variable", async () => {
    const runtime = createRuntime({}, { env: {} });
    const before = server.requests.length;

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isConfigurationError(error));
    assert.match(error.message, /TEST_TOKEN/);
    assert.equal(server.requests.length, before);
  });

  test("throwing event listener does not break a call", async () => {
    const runtime = createRuntime(
      {},
      {
        onEvent: () => {
          throw new Error("listener bug");
        },
      },
    );

    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    assert.equal(result.status, 200);
  });
});
