import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import {
  VendorRuntime,
  isCircuitOpenError,
  isHttpStatusError,
  isResponseValidationError,
  type ApiResponse,
  type RuntimeConfig,
} from "../../src/runtime/index.js";
import {
  createTestCertificates,
  startHttpsServer,
  type TestCertificates,
  type TestServer,
} from "../support/https-server.js";
import { collectEvents, getPet, sendJson, testBreaker, testConfig, testEnv } from "./fixtures.js";

describe("circuit breaker", () => {
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

  function createRuntime(onEvent?: ReturnType<typeof collectEvents>["onEvent"]): VendorRuntime {
    const base = testConfig(server.origin);
    const changes: Partial<RuntimeConfig> = {
      circuitBreaker: testBreaker({ failureThreshold: 2, halfOpenAfterMs: 300 }),
      retries: { ...base.retries, maxAttempts: 2 },
    };
    const runtime = new VendorRuntime(testConfig(server.origin, changes), {
      ca: certificates.caPem,
      env: testEnv,
      onEvent,
    });
    runtimes.push(runtime);
    return runtime;
  }

  test("opens, fails fast, half-opens and closes", async () => {
    const { events, onEvent } = collectEvents();
    const runtime = createRuntime(onEvent);
    server.handle((_request, response) => sendJson(response, 503, { message: "down" }));
    const before = server.requests.length;

    for (let call = 0; call < 2; call++) {
      const error = await runtime
        .call(getPet, { path: { id: 1 } })
        .catch((caught: unknown) => caught);
      assert.ok(isHttpStatusError(error));
    }
    assert.equal(runtime.health().breaker, "open");
    assert.equal(server.requests.length - before, 4);

    const rejected = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);
    assert.ok(isCircuitOpenError(rejected));
    assert.equal(rejected.attempts, 0);
    assert.equal(server.requests.length - before, 4);

    await sleep(350);
    server.handle((_request, response) => sendJson(response, 200, { id: 1, name: "Rex" }));
    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    assert.equal(result.status, 200);
    assert.equal(runtime.health().breaker, "closed");
    const states = events.flatMap((event) => (event.type === "breaker" ? [event.state] : []));
    assert.deepEqual(states, ["open", "half_open", "closed"]);
  });

  test("failed probe reopens the breaker", async () => {
    const runtime = createRuntime();
    server.handle((_request, response) => sendJson(response, 503, { message: "down" }));
    for (let call = 0; call < 2; call++) {
      await runtime.call(getPet, { path: { id: 1 } }).catch(() => undefined);
    }

    await sleep(350);
    const probe = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isHttpStatusError(probe));
    assert.equal(runtime.health().breaker, "open");
  });

  test("validation failures do not open it", async () => {
    const runtime = createRuntime();
    server.handle((_request, response) => sendJson(response, 200, { id: "not a number" }));

    for (let call = 0; call < 3; call++) {
      const error = await runtime
        .call(getPet, { path: { id: 1 } })
        .catch((caught: unknown) => caught);
      assert.ok(isResponseValidationError(error));
    }

    assert.equal(runtime.health().breaker, "closed");
  });

  test("404 responses do not open it", async () => {
    const runtime = createRuntime();
    server.handle((_request, response) => sendJson(response, 404, { message: "missing" }));

    for (let call = 0; call < 3; call++) {
      await runtime.call(getPet, { path: { id: 1 } }).catch(() => undefined);
    }

    assert.equal(runtime.health().breaker, "closed");
  });
});
