import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePolicy } from "../../src/policy/load.js";
import type { ResolvedPolicy } from "../../src/policy/schema.js";
import { policyWith } from "./policy-text.js";

test("defaults applied to a minimal policy", () => {
  const policy = parsePolicy(policyWith(), "minimal.policy.yaml");

  const expected: ResolvedPolicy = {
    vendor: {
      name: "GitHub",
      owner: "platform-security@example.com",
      purpose: "Sync repository metadata",
      owningService: "repo-sync",
      dataClassification: ["internal"],
    },
    baseUrl: "https://api.github.com",
    allowInsecureHttp: false,
    allowedHosts: ["api.github.com"],
    auth: { scheme: "none" },
    tls: { minVersion: "TLSv1.2", ca: [] },
    timeouts: { connectMs: 5000, headersMs: 10000, bodyMs: 10000, attemptMs: 15000, callMs: 45000 },
    retries: {
      maxAttempts: 3,
      baseDelayMs: 200,
      maxDelayMs: 5000,
      jitter: "full",
      statuses: [408, 429, 500, 502, 503, 504],
      methods: ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"],
      retryAfterCapMs: 30000,
      budget: { ratio: 0.2, minPerSecond: 1, windowMs: 10000 },
    },
    circuitBreaker: {
      mode: "consecutive",
      failureThreshold: 5,
      halfOpenAfterMs: 30000,
      rate: { threshold: 0.5, minimumCalls: 10, windowMs: 10000 },
      scope: "client",
      countValidationFailures: false,
    },
    redirects: { mode: "none" },
    maxResponseBytes: 10485760,
    unknownKeys: "strict",
    operations: { include: [], exclude: [], overrides: {} },
  };
  assert.deepEqual(policy, expected);
});

test("defaults fill partly written groups", () => {
  const policy = parsePolicy(
    policyWith({
      timeouts: "{ callMs: 60000 }",
      retries: "{ maxAttempts: 5 }",
      auth: "{ scheme: apiKey, name: X-API-Key, secret: { env: KEY } }",
      redirects: "{ mode: sameOrigin }",
    }),
    "partial.policy.yaml",
  );

  assert.deepEqual(policy.timeouts, {
    connectMs: 5000,
    headersMs: 10000,
    bodyMs: 10000,
    attemptMs: 15000,
    callMs: 60000,
  });
  assert.equal(policy.retries.maxAttempts, 5);
  assert.deepEqual(policy.retries.statuses, [408, 429, 500, 502, 503, 504]);
  assert.deepEqual(policy.auth, {
    scheme: "apiKey",
    in: "header",
    name: "X-API-Key",
    secret: { env: "KEY" },
  });
  assert.deepEqual(policy.redirects, { mode: "sameOrigin", max: 3 });
});

test("defaults not shared between parses", () => {
  const first = parsePolicy(policyWith(), "a.yaml");
  first.retries.statuses.push(418);
  first.operations.include.push("mutated");

  const second = parsePolicy(policyWith(), "b.yaml");

  assert.deepEqual(second.retries.statuses, [408, 429, 500, 502, 503, 504]);
  assert.deepEqual(second.operations.include, []);
});

test("secret source keeps only its key", () => {
  const policy = parsePolicy(
    policyWith({ auth: "{ scheme: bearer, secret: { provider: tokenProvider } }" }),
    "p.yaml",
  );

  assert.deepEqual(policy.auth, { scheme: "bearer", secret: { provider: "tokenProvider" } });
});
