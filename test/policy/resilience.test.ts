import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePolicy } from "../../src/policy/load.js";
import { toRuntimeConfig } from "../../src/policy/runtime-config.js";
import { assertSingleProblem, policyWith, type InvalidCase } from "./policy-text.js";

const INVALID: Record<string, InvalidCase> = {
  "retries.budget.ratio negative": {
    keys: { retries: "{ budget: { ratio: -0.1 } }" },
    path: "retries.budget.ratio",
    fragment: "expected a number from 0 to 10, e.g. 0.2, got -0.1.",
  },
  "retries.budget.ratio above 10": {
    keys: { retries: "{ budget: { ratio: 11 } }" },
    path: "retries.budget.ratio",
    fragment: "expected a number from 0 to 10, e.g. 0.2, got 11.",
  },
  "retries.budget.ratio quoted": {
    keys: { retries: '{ budget: { ratio: "0.2" } }' },
    path: "retries.budget.ratio",
    fragment: "Remove the quotes",
  },
  "retries.budget.ratio as percent": {
    keys: { retries: "{ budget: { ratio: 20% } }" },
    path: "retries.budget.ratio",
    fragment: 'expected a number, got the string "20%"',
  },
  "retries.budget.minPerSecond negative": {
    keys: { retries: "{ budget: { minPerSecond: -1 } }" },
    path: "retries.budget.minPerSecond",
    fragment: "expected a number from 0 to 1000, e.g. 1, got -1.",
  },
  "retries.budget.windowMs below a second": {
    keys: { retries: "{ budget: { windowMs: 500 } }" },
    path: "retries.budget.windowMs",
    fragment: "expected an integer >= 1000, got 500",
  },
  "retries.budget.windowMs above a minute": {
    keys: { retries: "{ budget: { windowMs: 120000 } }" },
    path: "retries.budget.windowMs",
    fragment: "expected an integer <= 60000, got 120000. A longer window",
  },
  "retries.budget unknown key": {
    keys: { retries: "{ budget: { percent: 20 } }" },
    path: "retries.budget.percent",
    fragment: "Allowed keys: ratio, minPerSecond, windowMs",
  },
  "retries.budget in an override": {
    keys: { operations: "{ overrides: { repos/get: { retries: { budget: { ratio: 1 } } } } }" },
    path: 'operations.overrides["repos/get"].retries.budget',
    fragment: 'unknown key "budget"',
  },
  "circuitBreaker.mode unknown": {
    keys: { circuitBreaker: "{ mode: sampling }" },
    path: "circuitBreaker.mode",
    fragment: 'expected one of consecutive, rate, got the string "sampling"',
  },
  "circuitBreaker.rate.threshold 1": {
    keys: { circuitBreaker: "{ mode: rate, rate: { threshold: 1 } }" },
    path: "circuitBreaker.rate.threshold",
    fragment: "expected a number greater than 0 and less than 1, e.g. 0.5, got 1.",
  },
  "circuitBreaker.rate.threshold 0": {
    keys: { circuitBreaker: "{ rate: { threshold: 0 } }" },
    path: "circuitBreaker.rate.threshold",
    fragment: "expected a number greater than 0 and less than 1, e.g. 0.5, got 0.",
  },
  "circuitBreaker.rate.threshold as percent": {
    keys: { circuitBreaker: "{ rate: { threshold: 50 } }" },
    path: "circuitBreaker.rate.threshold",
    fragment: "got 50.",
  },
  "circuitBreaker.rate.minimumCalls zero": {
    keys: { circuitBreaker: "{ rate: { minimumCalls: 0 } }" },
    path: "circuitBreaker.rate.minimumCalls",
    fragment: "expected an integer >= 1, got 0",
  },
  "circuitBreaker.rate.windowMs below a second": {
    keys: { circuitBreaker: "{ rate: { windowMs: 100 } }" },
    path: "circuitBreaker.rate.windowMs",
    fragment: "expected an integer >= 1000, got 100",
  },
  "circuitBreaker.rate unknown key": {
    keys: { circuitBreaker: "{ rate: { thresold: 0.5 } }" },
    path: "circuitBreaker.rate.thresold",
    fragment: 'Did you mean "threshold"?',
  },
  "circuitBreaker.scope unknown": {
    keys: { circuitBreaker: "{ scope: endpoint }" },
    path: "circuitBreaker.scope",
    fragment: 'expected one of client, operation, got the string "endpoint"',
  },
  "circuitBreaker.countValidationFailures as a string": {
    keys: { circuitBreaker: '{ countValidationFailures: "yes" }' },
    path: "circuitBreaker.countValidationFailures",
    fragment: 'expected true or false, got the string "yes"',
  },
};

for (const [name, invalid] of Object.entries(INVALID)) {
  test(`rejects ${name}`, () => {
    assertSingleProblem(invalid);
  });
}

test("budget defaults fill a partial budget", () => {
  const policy = parsePolicy(policyWith({ retries: "{ budget: { ratio: 0.5 } }" }), "p.yaml");

  assert.deepEqual(policy.retries.budget, { ratio: 0.5, minPerSecond: 1, windowMs: 10000 });
});

test("budget accepts zero ratio and floor", () => {
  const policy = parsePolicy(
    policyWith({ retries: "{ budget: { ratio: 0, minPerSecond: 0 } }" }),
    "p.yaml",
  );

  assert.deepEqual(policy.retries.budget, { ratio: 0, minPerSecond: 0, windowMs: 10000 });
});

test("breaker defaults fill a rate breaker", () => {
  const policy = parsePolicy(
    policyWith({ circuitBreaker: "{ mode: rate, rate: { threshold: 0.25 }, scope: operation }" }),
    "p.yaml",
  );

  assert.deepEqual(policy.circuitBreaker, {
    mode: "rate",
    failureThreshold: 5,
    halfOpenAfterMs: 30000,
    rate: { threshold: 0.25, minimumCalls: 10, windowMs: 10000 },
    scope: "operation",
    countValidationFailures: false,
  });
});

test("breaker and budget reach the runtime config", () => {
  const policy = parsePolicy(
    policyWith({
      circuitBreaker: "{ mode: rate, countValidationFailures: true }",
      retries: "{ budget: { minPerSecond: 0.5 } }",
    }),
    "p.yaml",
  );

  const config = toRuntimeConfig(policy);

  assert.equal(config.circuitBreaker.mode, "rate");
  assert.equal(config.circuitBreaker.countValidationFailures, true);
  assert.deepEqual(config.retries.budget, { ratio: 0.2, minPerSecond: 0.5, windowMs: 10000 });
});
