import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  VendorRuntime,
  isCircuitOpenError,
  isHttpStatusError,
  isResponseValidationError,
  type ApiResponse,
  type CircuitBreakerConfig,
  type OperationSpec,
  type RuntimeEvent,
} from "../../src/runtime/index.js";
import {
  createTestCertificates,
  startHttpsServer,
  type RequestHandler,
  type TestCertificates,
  type TestServer,
} from "../support/https-server.js";
import {
  collectEvents,
  getPet,
  jsonResponse,
  Pet,
  sendJson,
  testBreaker,
  testConfig,
  testEnv,
} from "./fixtures.js";

const getOwner: OperationSpec = {
  operationId: "getOwner",
  method: "GET",
  path: "/owners/{id}",
  parameters: [{ name: "id", in: "path", required: true, style: "simple", explode: false }],
  responses: [jsonResponse("200", Pet)],
  auth: true,
};

/** Responds to pets with an even id with 503, and to every other request with a Pet. */
const failEvenPets: RequestHandler = (request, response) => {
  const id = Number(request.url?.split("/").at(-1));
  if (request.url?.startsWith("/pets/") && id % 2 === 0) {
    sendJson(response, 503, { message: "down" });
  } else {
    sendJson(response, 200, { id, name: "Rex" });
  }
};

describe("circuit breaker modes", () => {
  let certificates: TestCertificates;
  let server: TestServer;
  const runtimes: VendorRuntime[] = [];

  before(async () => {
    certificates = createTestCertificates();
    server = await startHttpsServer(certificates, failEvenPets);
  });

  after(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.close()));
    await server.close();
    certificates.remove();
  });

  /** Creates a runtime with one attempt per call, so each call counts once, and `breaker`. */
  function createRuntime(
    breaker: Partial<CircuitBreakerConfig>,
    onEvent?: (event: RuntimeEvent) => void,
  ) {
    const base = testConfig(server.origin);
    const config = testConfig(server.origin, {
      retries: { ...base.retries, maxAttempts: 1 },
      circuitBreaker: testBreaker(breaker),
    });
    const runtime = new VendorRuntime(config, { ca: certificates.caPem, env: testEnv, onEvent });
    runtimes.push(runtime);
    return runtime;
  }

  function callPet(runtime: VendorRuntime, id: number): Promise<unknown> {
    return runtime.call(getPet, { path: { id } }).catch((caught: unknown) => caught);
  }

  const rate = { threshold: 0.5, minimumCalls: 10, windowMs: 60_000 };

  test("rate mode waits for minimumCalls", async () => {
    const runtime = createRuntime({ mode: "rate", rate });

    for (let call = 0; call < 9; call++) {
      assert.ok(isHttpStatusError(await callPet(runtime, 2)));
    }
    const closedAfterNine = runtime.health().breaker;
    assert.ok(isHttpStatusError(await callPet(runtime, 2)));

    assert.equal(closedAfterNine, "closed");
    assert.equal(runtime.health().breaker, "open");
  });

  test("rate mode opens above the threshold", async () => {
    const runtime = createRuntime({ mode: "rate", rate });
    const before = server.requests.length;

    for (let call = 0; call < 5; call++) {
      await callPet(runtime, 1);
      await callPet(runtime, 2);
    }
    // Exactly half of 10 calls failed, which does not exceed the threshold of 0.5.
    const atThreshold = runtime.health().breaker;
    await callPet(runtime, 2);
    const rejected = await callPet(runtime, 1);

    assert.equal(atThreshold, "closed");
    assert.equal(runtime.health().breaker, "open");
    assert.ok(isCircuitOpenError(rejected));
    assert.equal(server.requests.length - before, 11);
  });

  test("consecutive mode ignores the rate", async () => {
    const runtime = createRuntime({ mode: "consecutive", failureThreshold: 3, rate });

    for (let call = 0; call < 10; call++) {
      await callPet(runtime, 2);
      await callPet(runtime, 1);
    }

    assert.equal(runtime.health().breaker, "closed");
  });

  test("operation scope leaves other operations usable", async () => {
    const { events, onEvent } = collectEvents();
    const runtime = createRuntime({ scope: "operation", failureThreshold: 2 }, onEvent);

    await callPet(runtime, 2);
    await callPet(runtime, 2);
    const rejected = await callPet(runtime, 1);
    const owner = await runtime.call<ApiResponse>(getOwner, { path: { id: 7 } });

    assert.ok(isCircuitOpenError(rejected));
    assert.equal(owner.status, 200);
    assert.deepEqual(runtime.health(), {
      vendor: "testvendor",
      breaker: "open",
      operations: { getOwner: "closed", getPet: "open" },
    });
    const breakerEvents = events.filter((event) => event.type === "breaker");
    assert.deepEqual(breakerEvents, [
      { type: "breaker", vendor: "testvendor", state: "open", operationId: "getPet" },
    ]);
  });

  test("client scope reports no operations", async () => {
    const runtime = createRuntime({ scope: "client", failureThreshold: 2 });

    await callPet(runtime, 2);
    await callPet(runtime, 2);
    const rejected = await runtime
      .call(getOwner, { path: { id: 7 } })
      .catch((caught: unknown) => caught);

    assert.ok(isCircuitOpenError(rejected));
    assert.deepEqual(runtime.health(), { vendor: "testvendor", breaker: "open", operations: {} });
  });

  test("validation failures count when configured", async () => {
    const counting = createRuntime({ failureThreshold: 2, countValidationFailures: true });
    const ignoring = createRuntime({ failureThreshold: 2, countValidationFailures: false });
    server.handle((_request, response) => sendJson(response, 200, { id: "not a number" }));
    try {
      for (const runtime of [counting, ignoring]) {
        for (let call = 0; call < 2; call++) {
          assert.ok(isResponseValidationError(await callPet(runtime, 1)));
        }
      }
      const third = await callPet(counting, 1);

      assert.ok(isCircuitOpenError(third));
      assert.equal(counting.health().breaker, "open");
      assert.equal(ignoring.health().breaker, "closed");
    } finally {
      server.handle(failEvenPets);
    }
  });
});
