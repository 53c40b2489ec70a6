import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import {
  VendorRuntime,
  isHttpStatusError,
  type RetryBudgetConfig,
  type RuntimeEvent,
} from "../../src/runtime/index.js";
import {
  createTestCertificates,
  startHttpsServer,
  type TestCertificates,
  type TestServer,
} from "../support/https-server.js";
import { collectEvents, getPet, sendJson, testBreaker, testConfig, testEnv } from "./fixtures.js";

describe("retry budget", () => {
  let certificates: TestCertificates;
  let server: TestServer;
  const runtimes: VendorRuntime[] = [];

  before(async () => {
    certificates = createTestCertificates();
    server = await startHttpsServer(certificates, (_request, response) =>
      sendJson(response, 503, { message: "down" }),
    );
  });

  after(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.close()));
    await server.close();
    certificates.remove();
  });

  /** Creates a runtime with 3 attempts, 1 ms delays and `budget`, whose breaker never opens. */
  function createRuntime(budget: RetryBudgetConfig, onEvent?: (event: RuntimeEvent) => void) {
    const base = testConfig(server.origin);
    const config = testConfig(server.origin, {
      retries: { ...base.retries, baseDelayMs: 1, maxDelayMs: 1, jitter: "none", budget },
      circuitBreaker: testBreaker({ failureThreshold: 1_000_000 }),
    });
    const runtime = new VendorRuntime(config, { ca: certificates.caPem, env: testEnv, onEvent });
    runtimes.push(runtime);
    return runtime;
  }

  async function failingCall(runtime: VendorRuntime): Promise<void> {
    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);
    assert.ok(isHttpStatusError(error), `got ${String(error)}`);
    assert.equal(error.status, 503);
  }

  test("retries capped at ratio times calls plus floor", async () => {
    const { events, onEvent } = collectEvents();
    // A floor of 0.1 per second over 60 s is 6 retries; 50 calls at 0.2 earn 10 more.
    const runtime = createRuntime({ ratio: 0.2, minPerSecond: 0.1, windowMs: 60_000 }, onEvent);
    const before = server.requests.length;

    for (let call = 0; call < 50; call++) {
      await failingCall(runtime);
    }

    // Without the budget, 50 calls of 3 attempts would send 150 requests.
    assert.equal(server.requests.length - before, 66);
    const retries = events.filter((event) => event.type === "retry");
    const skipped = events.flatMap((event) => (event.type === "retry_skipped" ? [event] : []));
    assert.equal(retries.length, 16);
    // Calls 1 to 3 retry twice within the floor; every later call hits the limit once.
    assert.equal(skipped.length, 47);
    assert.ok(skipped.every((event) => event.reason === "retry_budget_exhausted"));
    assert.ok(skipped.every((event) => event.failure === "http_status:503"));
  });

  test("zero budget sends one attempt per call", async () => {
    const runtime = createRuntime({ ratio: 0, minPerSecond: 0, windowMs: 10_000 });
    const before = server.requests.length;

    for (let call = 0; call < 5; call++) {
      await failingCall(runtime);
    }

    assert.equal(server.requests.length - before, 5);
  });

  test("budget refills after the window", async () => {
    // One retry per window of one second, and none earned by calls.
    const runtime = createRuntime({ ratio: 0, minPerSecond: 1, windowMs: 1_000 });
    const before = server.requests.length;

    await failingCall(runtime);
    await failingCall(runtime);
    const withinWindow = server.requests.length - before;
    // The window is kept in tenths, so a retry leaves it at most 1.1 s after it was made.
    await sleep(1_300);
    await failingCall(runtime);

    assert.equal(withinWindow, 3);
    assert.equal(server.requests.length - before, 5);
  });
});
