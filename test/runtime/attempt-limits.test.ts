import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
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

  test("shorter limit started later fires first", async () => {
    const patient = { ...getPet, operationId: "patientPet" };
    const operations = { patientPet: { timeouts: { attemptMs: 5_000 } } };
    const runtime = createRuntime({ attemptMs: 200, callMs: 8_000 }, { operations });
    suite.server.handle(() => {});
    const controller = new AbortController();
    let patientSettled = false;
    const patientCall = runtime
      .call(patient, { path: { id: 1 } }, { signal: controller.signal })
      .catch((caught: unknown) => caught)
      .finally(() => {
        patientSettled = true;
      });

    const error = await runtime
      .call(getPet, { path: { id: 2 } })
      .catch((caught: unknown) => caught);
    const patientSettledFirst = patientSettled;
    controller.abort(new Error("test done"));
    await patientCall;

    assert.ok(isTimeoutError(error));
    assert.equal(error.phase, "attempt");
    assert.equal(patientSettledFirst, false);
  });

  test("concurrent calls expire each at its own limit", async () => {
    const runtime = createRuntime({ attemptMs: 200, callMs: 5_000 });
    suite.server.handle((request, response) => {
      if (request.url === "/pets/1") {
        sendJson(response, 200, { id: 1, name: "Rex" });
      }
    });

    const [hanging, answered] = await Promise.all([
      runtime.call(getPet, { path: { id: 2 } }).catch((caught: unknown) => caught),
      runtime.call<ApiResponse>(getPet, { path: { id: 1 } }),
    ]);

    assert.ok(isTimeoutError(hanging));
    assert.equal(hanging.phase, "attempt");
    assert.equal(answered.status, 200);
  });

  test("idle clock does not keep the process alive", () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const runtimeUrl = pathToFileURL(path.join(here, "../../src/runtime/index.js")).href;
    const fixturesUrl = pathToFileURL(path.join(here, "fixtures.js")).href;

    // A process kept alive by the clock would run until the 60 second limit fired.
    const child = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", oneCallScript(runtimeUrl, fixturesUrl)],
      { encoding: "utf8", timeout: 20_000 },
    );

    assert.equal(child.signal, null, "the process was still running after 20 seconds");
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout.trim(), "200");
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

/**
 * Returns a script that makes one call to a plain http server of its own with a 60 second attempt limit,
 * then closes the client and the server and expects the process to end by itself.
 */
function oneCallScript(runtimeUrl: string, fixturesUrl: string): string {
  return `
    import { createServer } from "node:http";
    import { VendorRuntime } from ${JSON.stringify(runtimeUrl)};
    import { getPet, testConfig, testEnv } from ${JSON.stringify(fixturesUrl)};
    const server = createServer((request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: 1, name: "Rex" }));
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const config = testConfig("http://127.0.0.1:" + server.address().port, { allowInsecureHttp: true });
    const runtime = new VendorRuntime(
      { ...config, timeouts: { ...config.timeouts, attemptMs: 60000, callMs: 120000 } },
      { env: testEnv },
    );
    const result = await runtime.call(getPet, { path: { id: 1 } });
    await runtime.close();
    server.close();
    console.log(result.status);
  `;
}

function countTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;
}
