import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  isTimeoutError,
  type ApiResponse,
  type CallOptions,
  type RuntimeConfig,
  type TimeoutConfig,
} from "../../src/runtime/index.js";
import { getPet, sendJson, testConfig } from "./fixtures.js";
import { useSuiteServer } from "./suite-server.js";

// Caller signals for the table below: none, one that never aborts, and one that aborts late.
const signals: Array<[string, () => CallOptions]> = [
  ["without a caller signal", () => ({})],
  ["with a caller signal", () => ({ signal: new AbortController().signal })],
  ["with a caller timeout signal", () => ({ signal: AbortSignal.timeout(60_000) })],
];

describe("attempt and call limits", () => {
  const suite = useSuiteServer();

  function createRuntime(timeouts: Partial<TimeoutConfig>, changes: Partial<RuntimeConfig> = {}) {
    const config = testConfig(suite.server.origin, changes);
    const retries = { ...config.retries, maxAttempts: 1 };
    return suite.createRuntime({
      ...config,
      retries,
      timeouts: { ...config.timeouts, ...timeouts },
    });
  }

  /** Sends the headers, then one byte of a JSON body every `intervalMs`, never finishing. */
  function dripBody(intervalMs: number) {
    suite.server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write("{");
      const timer = setInterval(() => response.write(" "), intervalMs);
      response.on("close", () => clearInterval(timer));
    });
  }

  for (const [name, options] of signals) {
    test(`slow-drip body hits the attempt limit ${name}`, async () => {
      const runtime = createRuntime({ bodyMs: 2_000, attemptMs: 300, callMs: 5_000 });
      dripBody(50);

      const error = await runtime
        .call(getPet, { path: { id: 1 } }, options())
        .catch((caught: unknown) => caught);

      assert.ok(isTimeoutError(error));
      assert.equal(error.phase, "attempt");
      assert.equal(error.attempts, 1);
    });

    test(`slow-drip body hits the call deadline ${name}`, async () => {
      const runtime = createRuntime({ bodyMs: 2_000, attemptMs: 3_000, callMs: 300 });
      dripBody(50);

      const error = await runtime
        .call(getPet, { path: { id: 1 } }, options())
        .catch((caught: unknown) => caught);

      assert.ok(isTimeoutError(error));
      assert.equal(error.phase, "call");
    });

    test(`silent server hits the attempt limit ${name}`, async () => {
      const runtime = createRuntime({ headersMs: 2_000, attemptMs: 300, callMs: 5_000 });
      suite.server.handle(() => {});

      const error = await runtime
        .call(getPet, { path: { id: 1 } }, options())
        .catch((caught: unknown) => caught);

      assert.ok(isTimeoutError(error));
      assert.equal(error.phase, "attempt");
    });
  }

  test("idle body past bodyMs is a body timeout", async () => {
    // undici checks bodyTimeout on a timer that can fire up to about a second late, so the
    // attempt limit is kept well above that.
    const runtime = createRuntime({ bodyMs: 200, attemptMs: 3_000, callMs: 6_000 });
    suite.server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write("{");
    });

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isTimeoutError(error));
    assert.equal(error.phase, "body");
  });

  test("caller abort while the body is read rejects with its reason", async () => {
    const runtime = createRuntime({ bodyMs: 2_000, attemptMs: 3_000, callMs: 5_000 });
    dripBody(50);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("caller gave up")), 200);

    const error = await runtime
      .call(getPet, { path: { id: 1 } }, { signal: controller.signal })
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof Error);
    assert.equal(error.message, "caller gave up");
  });

  test("finished calls leave no timers behind", async () => {
    const runtime = createRuntime({});
    suite.server.handle((_request, response) => sendJson(response, 200, { id: 1, name: "Rex" }));
    await runtime.call(getPet, { path: { id: 1 } });
    const timersBefore = countTimers();

    for (let index = 0; index < 20; index++) {
      const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });
      assert.equal(result.status, 200);
    }

    assert.equal(countTimers(), timersBefore);
  });
});

function countTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;
}
