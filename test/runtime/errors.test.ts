import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as guards from "../../src/runtime/error-guards.js";
import * as errors from "../../src/runtime/errors.js";
import { createEventEmitter } from "../../src/runtime/events.js";

const context: errors.ErrorContext = {
  vendor: "testvendor",
  operationId: "getPet",
  method: "GET",
  url: "https://api.test/pets/1",
  attempts: 2,
};

/** Loads a second instance of the errors module, as a second generated client would have. */
async function loadCopy(): Promise<typeof errors> {
  const url = new URL("../../src/runtime/errors.js?copy=second-client", import.meta.url);
  return (await import(url.href)) as typeof errors;
}

describe("errors", () => {
  test("guards recognise errors from another copy", async () => {
    const copy = await loadCopy();
    const foreign = new copy.TimeoutError(context, "attempt");

    assert.equal(foreign instanceof errors.TimeoutError, false);
    assert.ok(errors.isVendorError(foreign));
    assert.ok(guards.isTimeoutError(foreign));
    assert.equal(guards.isNetworkError(foreign), false);
  });

  test("guards reject look-alikes without the brand", () => {
    const lookAlike = Object.assign(new Error("x"), { code: "timeout" });
    assert.equal(errors.isVendorError(lookAlike), false);
    assert.equal(guards.isTimeoutError(lookAlike), false);
  });

  test("InsecureRequestError shares the host_not_allowed code", () => {
    const error = new errors.InsecureRequestError(context, "api.test", "plain http is not allowed");
    assert.ok(guards.isHostNotAllowedError(error));
    assert.equal(error.code, "host_not_allowed");
  });

  test("error carries context and serialises to JSON", () => {
    const error = new errors.HttpStatusError(context, 404, { message: "missing" }, undefined);
    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;

    assert.equal(error.name, "HttpStatusError");
    assert.equal(error.message, "GET https://api.test/pets/1 (getPet): server returned status 404");
    assert.equal(json.code, "http_status");
    assert.equal(json.status, 404);
    assert.equal(json.attempts, 2);
    assert.deepEqual(json.body, { message: "missing" });
  });

  test("validation error names the first issue", () => {
    const issues = [{ path: ["items", 0, "id"], code: "invalid_type", message: "Invalid input" }];
    const error = new errors.ResponseValidationError(context, 200, issues);
    assert.match(error.message, /at items\.0\.id: Invalid input/);
  });
});

describe("event emitter", () => {
  test("throwing and rejecting listeners are contained", async () => {
    let calls = 0;
    const throwing = createEventEmitter(() => {
      calls += 1;
      throw new Error("listener bug");
    });
    const rejecting = createEventEmitter((async () => {
      calls += 1;
      throw new Error("async listener bug");
    }) as () => void);
    const event = { type: "breaker", vendor: "testvendor", state: "open" } as const;

    throwing(event);
    rejecting(event);
    await new Promise((resolve) => setImmediate(resolve));

    assert.equal(calls, 2);
  });
});
