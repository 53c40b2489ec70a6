import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  VendorRuntime,
  isHttpStatusError,
  isNetworkError,
  isTimeoutError,
  type ApiResponse,
  type RuntimeConfig,
} from "../../src/runtime/index.js";
import { parseRetryAfter } from "../../src/runtime/retry-after.js";
import {
  createTestCertificates,
  startHttpsServer,
  type TestCertificates,
  type TestServer,
} from "../support/https-server.js";
import { collectEvents, createPet, getPet, sendJson, testConfig, testEnv } from "./fixtures.js";

describe("retries and deadlines", () => {
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

  function createRuntime(
    changes: Partial<RuntimeConfig> = {},
    onEvent?: ReturnType<typeof collectEvents>["onEvent"],
  ) {
    const runtime = new VendorRuntime(testConfig(server.origin, changes), {
      ca: certificates.caPem,
      env: testEnv,
      onEvent,
    });
    runtimes.push(runtime);
    return runtime;
  }

  /** Responds to the first `failures` requests with `status`, then with a Pet. */
  function failThenSucceed(
    failures: number,
    status: number,
    headers: Record<string, string> = {},
    successStatus = 200,
  ) {
    let seen = 0;
    server.handle((_request, response) => {
      seen += 1;
      if (seen <= failures) {
        sendJson(response, status, { message: "unavailable" }, headers);
      } else {
        sendJson(response, successStatus, { id: 1, name: "Rex" });
      }
    });
  }

  test("503 then 200 is retried", async () => {
    const { events, onEvent } = collectEvents();
    const runtime = createRuntime({}, onEvent);
    const before = server.requests.length;
    failThenSucceed(1, 503);

    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    assert.equal(result.status, 200);
    assert.equal(server.requests.length - before, 2);
    const retry = events.find((event) => event.type === "retry");
    assert.equal(retry?.type === "retry" ? retry.reason : undefined, "http_status:503");
  });

  test("gives up after maxAttempts", async () => {
    const runtime = createRuntime();
    const before = server.requests.length;
    failThenSucceed(10, 503);

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isHttpStatusError(error));
    assert.equal(error.attempts, 3);
    assert.equal(server.requests.length - before, 3);
  });

  test("Retry-After in seconds is honoured", async () => {
    const { events, onEvent } = collectEvents();
    const runtime = createRuntime({}, onEvent);
    const stamps: number[] = [];
    let seen = 0;
    server.handle((_request, response) => {
      stamps.push(performance.now());
      seen += 1;
      if (seen === 1) {
        sendJson(response, 429, { message: "slow down" }, { "retry-after": "1" });
      } else {
        sendJson(response, 200, { id: 1, name: "Rex" });
      }
    });

    await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    const retry = events.find((event) => event.type === "retry");
    assert.equal(retry?.type === "retry" ? retry.delayMs : undefined, 1000);
    assert.ok(
      stamps[1]! - stamps[0]! >= 900,
      `second attempt came ${stamps[1]! - stamps[0]!} ms later`,
    );
  });

  test("Retry-After above the cap fails the call", async () => {
    const runtime = createRuntime();
    const before = server.requests.length;
    failThenSucceed(1, 503, { "retry-after": "60" });

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isHttpStatusError(error));
    assert.equal(error.retryAfterMs, 60_000);
    assert.equal(server.requests.length - before, 1);
  });

  test("no backoff sleeps past the call deadline", async () => {
    const timeouts = { connectMs: 500, headersMs: 500, bodyMs: 500, attemptMs: 500, callMs: 600 };
    const runtime = createRuntime({ timeouts });
    const before = server.requests.length;
    failThenSucceed(1, 503, { "retry-after": "1" });
    const startedAt = performance.now();

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isHttpStatusError(error));
    assert.equal(server.requests.length - before, 1);
    assert.ok(performance.now() - startedAt < 600);
  });

  test("POST is not retried without an idempotency key", async () => {
    const runtime = createRuntime();
    const before = server.requests.length;
    failThenSucceed(1, 503);

    const error = await runtime
      .call(createPet, { body: { name: "Rex" } })
      .catch((caught: unknown) => caught);

    assert.ok(isHttpStatusError(error));
    assert.equal(server.requests.length - before, 1);
  });

  test("POST with an idempotency key is retried with the same key", async () => {
    const runtime = createRuntime({
      operations: { createPet: { idempotencyKeyHeader: "Idempotency-Key" } },
    });
    const before = server.requests.length;
    failThenSucceed(2, 503, {}, 201);

    const result = await runtime.call<ApiResponse>(createPet, { body: { name: "Rex" } });
    failThenSucceed(0, 503, {}, 201);
    await runtime.call<ApiResponse>(createPet, { body: { name: "Max" } });

    assert.equal(result.status, 201);
    const keys = server.requests.slice(before).map((request) => request.headers["idempotency-key"]);
    assert.equal(keys.length, 4);
    assert.match(String(keys[0]), /^[0-9a-f-]{36}$/);
    assert.equal(keys[1], keys[0]);
    assert.equal(keys[2], keys[0]);
    assert.notEqual(keys[3], keys[0]);
    assert.deepEqual(
      server.requests.slice(before, before + 3).map((request) => request.body),
      Array(3).fill('{"name":"Rex"}'),
    );
  });

  test("dropped connection is retried", async () => {
    const runtime = createRuntime();
    let seen = 0;
    server.handle((request, response) => {
      seen += 1;
      if (seen === 1) {
        request.socket.destroy();
        return;
      }
      sendJson(response, 200, { id: 1, name: "Rex" });
    });

    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    assert.equal(result.status, 200);
    assert.equal(seen, 2);
  });

  test("dropped connection fails without retries", async () => {
    const runtime = createRuntime({
      retries: { ...testConfig("https://x").retries, maxAttempts: 1 },
    });
    server.handle((request) => request.socket.destroy());

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isNetworkError(error));
  });

  test("server that never answers times out", async () => {
    const timeouts = {
      connectMs: 1_000,
      headersMs: 1_000,
      bodyMs: 1_000,
      attemptMs: 300,
      callMs: 2_000,
    };
    const runtime = createRuntime({ timeouts });
    const before = server.requests.length;
    server.handle(() => {});

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isTimeoutError(error));
    assert.equal(error.phase, "attempt");
    assert.equal(error.attempts, 3);
    assert.equal(server.requests.length - before, 3);
  });

  test("call deadline ends a hanging call", async () => {
    const timeouts = {
      connectMs: 1_000,
      headersMs: 1_000,
      bodyMs: 1_000,
      attemptMs: 1_000,
      callMs: 300,
    };
    const runtime = createRuntime({ timeouts });
    server.handle(() => {});

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isTimeoutError(error));
    assert.equal(error.phase, "call");
  });

  test("headers timeout of undici is a retryable timeout", async () => {
    // undici checks headersTimeout on a timer that can fire up to about a second late, so the
    // attempt limit is kept well above that.
    const timeouts = {
      connectMs: 1_000,
      headersMs: 200,
      bodyMs: 1_000,
      attemptMs: 2_500,
      callMs: 6_000,
    };
    const runtime = createRuntime({
      timeouts,
      retries: { ...testConfig("https://x").retries, maxAttempts: 2 },
    });
    const before = server.requests.length;
    server.handle(() => {});

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isTimeoutError(error));
    assert.equal(error.phase, "headers");
    assert.equal(server.requests.length - before, 2);
  });

  test("caller abort rejects with its reason", async () => {
    const runtime = createRuntime();
    server.handle(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const error = await runtime
      .call(getPet, { path: { id: 1 } }, { signal: controller.signal })
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof Error);
    assert.equal(error.name, "AbortError");
  });

  test("caller abort cuts a backoff delay short", async () => {
    const runtime = createRuntime();
    failThenSucceed(1, 503, { "retry-after": "1" });
    const controller = new AbortController();
    const startedAt = performance.now();
    setTimeout(() => controller.abort(), 150);

    const error = await runtime
      .call(getPet, { path: { id: 1 } }, { signal: controller.signal })
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof Error);
    assert.equal(error.name, "AbortError");
    assert.ok(performance.now() - startedAt < 900);
  });

  test("aborted signal sends nothing", async () => {
    const runtime = createRuntime();
    const before = server.requests.length;

    const error = await runtime
      .call(getPet, { path: { id: 1 } }, { signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof Error);
    assert.equal(error.name, "AbortError");
    assert.equal(server.requests.length, before);
  });
});

describe("Retry-After parsing", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");

  test("seconds", () => {
    assert.equal(parseRetryAfter("3", now), 3000);
  });

  test("HTTP-date", () => {
    assert.equal(parseRetryAfter("Wed, 01 Jan 2025 00:00:05 GMT", now), 5000);
  });

  test("past HTTP-date is zero", () => {
    assert.equal(parseRetryAfter("Tue, 31 Dec 2024 23:59:00 GMT", now), 0);
  });

  test("invalid values", () => {
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter("-1", now), undefined);
    assert.equal(parseRetryAfter("soon", now), undefined);
  });
});
