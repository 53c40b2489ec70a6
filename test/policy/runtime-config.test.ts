import assert from "node:assert/strict";
import { test } from "node:test";
import type { RuntimeConfig } from "../../src/runtime/config.js";
import { createPolicyError, parsePolicy, type LoadedPolicy } from "../../src/policy/load.js";
import type { OperationRef } from "../../src/policy/operation-key.js";
import { findOperationKeyProblems, toRuntimeConfig } from "../../src/policy/runtime-config.js";

const FULL_POLICY = `# Every key written out.
vendor:
  name: Acme Payments
  owner: payments-platform@example.com
  purpose: Charge customer cards
  owningService: checkout
  dataClassification: [confidential, PCI]
baseUrl: https://api.acme.example/v2/
allowInsecureHttp: false
allowedHosts: [api.acme.example, files.acme.example:8443]
auth:
  scheme: apiKey
  in: header
  name: X-Acme-Key
  secret: { env: ACME_API_KEY }
tls:
  minVersion: TLSv1.3
  ca: [{ file: certs/acme-ca.pem }, { env: ACME_EXTRA_CA }]
  clientCertificate: { cert: { file: certs/client.pem }, key: { provider: clientKey } }
timeouts: { connectMs: 2000, headersMs: 5000, bodyMs: 5000, attemptMs: 8000, callMs: 20000 }
retries:
  maxAttempts: 4
  baseDelayMs: 100
  maxDelayMs: 2000
  jitter: none
  statuses: [429, 503]
  methods: [GET, PUT]
  retryAfterCapMs: 10000
  budget: { ratio: 0.1, minPerSecond: 2, windowMs: 30000 }
circuitBreaker:
  mode: rate
  failureThreshold: 10
  halfOpenAfterMs: 60000
  rate: { threshold: 0.25, minimumCalls: 20, windowMs: 30000 }
  scope: operation
  countValidationFailures: true
redirects: { mode: sameOrigin, max: 2 }
maxResponseBytes: 1048576
unknownKeys: strip
operations:
  include: []
  exclude: [deleteCustomer]
  overrides:
    createCharge:
      timeouts: { callMs: 30000 }
      retries: { maxAttempts: 2, methods: [POST] }
      validation: enforce
      idempotencyKeyHeader: Idempotency-Key
    "GET /charges/{id}":
      validation: report
`;

const OPERATIONS: OperationRef[] = [
  { operationId: "createCharge", method: "POST", path: "/charges" },
  { operationId: "getCharge", method: "GET", path: "/charges/{id}" },
  { operationId: "deleteCustomer", method: "DELETE", path: "/customers/{id}" },
];

test("toRuntimeConfig maps a full policy", () => {
  const config = toRuntimeConfig(parsePolicy(FULL_POLICY, "acme.policy.yaml"));

  const expected: RuntimeConfig = {
    vendor: "Acme Payments",
    baseUrl: "https://api.acme.example/v2",
    allowedHosts: ["api.acme.example", "files.acme.example:8443"],
    allowInsecureHttp: false,
    auth: { scheme: "apiKey", in: "header", name: "X-Acme-Key", secret: { env: "ACME_API_KEY" } },
    tls: {
      minVersion: "TLSv1.3",
      ca: [{ file: "certs/acme-ca.pem" }, { env: "ACME_EXTRA_CA" }],
      clientCertificate: { cert: { file: "certs/client.pem" }, key: { provider: "clientKey" } },
    },
    timeouts: { connectMs: 2000, headersMs: 5000, bodyMs: 5000, attemptMs: 8000, callMs: 20000 },
    retries: {
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 2000,
      jitter: "none",
      statuses: [429, 503],
      methods: ["GET", "PUT"],
      retryAfterCapMs: 10000,
      budget: { ratio: 0.1, minPerSecond: 2, windowMs: 30000 },
    },
    circuitBreaker: {
      mode: "rate",
      failureThreshold: 10,
      halfOpenAfterMs: 60000,
      rate: { threshold: 0.25, minimumCalls: 20, windowMs: 30000 },
      scope: "operation",
      countValidationFailures: true,
    },
    redirects: { mode: "sameOrigin", max: 2 },
    maxResponseBytes: 1048576,
    operations: {
      createCharge: {
        timeouts: { callMs: 30000 },
        retries: { maxAttempts: 2, methods: ["POST"] },
        validation: "enforce",
        idempotencyKeyHeader: "Idempotency-Key",
      },
      "GET /charges/{id}": { validation: "report" },
    },
  };
  assert.deepEqual(config, expected);
});

test("toRuntimeConfig keys overrides by operationId", () => {
  const config = toRuntimeConfig(parsePolicy(FULL_POLICY, "acme.policy.yaml"), OPERATIONS);

  assert.deepEqual(Object.keys(config.operations), ["createCharge", "getCharge"]);
  assert.deepEqual(config.operations["getCharge"], { validation: "report" });
});

test("toRuntimeConfig copies every value", () => {
  const policy = parsePolicy(FULL_POLICY, "acme.policy.yaml");
  const config = toRuntimeConfig(policy);

  config.allowedHosts.push("evil.example");
  config.retries.statuses.push(500);
  config.tls.ca.push({ file: "other.pem" });
  config.retries.budget.ratio = 5;
  config.circuitBreaker.rate.threshold = 0.9;
  config.operations["createCharge"]?.retries?.methods?.push("PATCH");

  assert.deepEqual(policy.allowedHosts, ["api.acme.example", "files.acme.example:8443"]);
  assert.deepEqual(policy.retries.statuses, [429, 503]);
  assert.equal(policy.tls.ca.length, 2);
  assert.equal(policy.retries.budget.ratio, 0.1);
  assert.equal(policy.circuitBreaker.rate.threshold, 0.25);
  assert.deepEqual(policy.operations.overrides["createCharge"]?.retries?.methods, ["POST"]);
});

test("operation keys matching nothing found", () => {
  const policy = parsePolicy(
    FULL_POLICY.replace(
      "exclude: [deleteCustomer]",
      'exclude: [deleteCustomer, "GET /nowhere"]',
    ).replace(
      "    createCharge:",
      '    "POST /charges": { validation: report }\n    createCharge:',
    ),
    "acme.policy.yaml",
  );

  const problems = findOperationKeyProblems(policy, OPERATIONS);

  assert.deepEqual(
    problems.map((problem) => problem.path),
    [
      ["operations", "exclude", 1],
      ["operations", "overrides", "createCharge"],
    ],
  );
  assert.match(problems[0]?.message ?? "", /names no operation of the document/);
  assert.match(problems[1]?.message ?? "", /names the same operation as "POST \/charges"/);
});

test("createPolicyError locates problems found later", () => {
  const loaded: LoadedPolicy = {
    policy: parsePolicy(FULL_POLICY, "acme.policy.yaml"),
    source: FULL_POLICY,
    sha256: "",
    file: "acme.policy.yaml",
  };

  const error = createPolicyError(loaded, [
    { path: ["operations", "exclude", 0], message: "names no operation of the document." },
  ]);

  assert.deepEqual(error.problems, [
    {
      path: "operations.exclude[0]",
      line: 42,
      column: 13,
      message: "names no operation of the document.",
    },
  ]);
});
