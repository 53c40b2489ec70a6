/** The control mapping data and the settings each policy gives the controls. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { describeAuth } from "../../src/ci/inventory.js";
import { CONTROL_MAPPINGS, CRITERIA, type ControlId } from "../../src/evidence/control-mapping.js";
import { describeControls } from "../../src/evidence/controls.js";
import { parsePolicy } from "../../src/policy/load.js";
import { FIXTURES } from "./workspace.js";

const MINIMAL_POLICY = [
  "vendor:",
  "  name: Acme",
  "  owner: tests@example.com",
  "  purpose: Test evidence",
  "  owningService: vendorguard-tests",
  "  dataClassification: [internal]",
  "baseUrl: https://api.example.com",
  "allowedHosts: [api.example.com]",
  "",
].join("\n");

function settingsOf(policyText: string, operations = 3): Map<ControlId, string> {
  const policy = parsePolicy(policyText, "policy.yaml");
  const controls = describeControls(policy, { auth: describeAuth(policy.auth), operations });
  return new Map(controls.map((control) => [control.id, control.setting]));
}

test("mapping lists each control once", () => {
  const ids = CONTROL_MAPPINGS.map((mapping) => mapping.id);
  assert.equal(new Set(ids).size, ids.length);
  const titles = CONTROL_MAPPINGS.map((mapping) => mapping.title);
  assert.equal(new Set(titles).size, titles.length);
});

test("mapping names known criteria with reasons", () => {
  const known = new Set(CRITERIA.map((criterion) => criterion.id));
  for (const mapping of CONTROL_MAPPINGS) {
    assert.ok(mapping.criteria.length > 0, `${mapping.id} maps to no criterion`);
    for (const criterion of mapping.criteria) {
      assert.ok(known.has(criterion), `${mapping.id} names unknown ${criterion}`);
    }
    assert.ok(mapping.reason.length > 20, `${mapping.id} has no reason`);
    assert.doesNotMatch(mapping.reason, /\n/, `${mapping.id}'s reason is one line`);
  }
  for (const criterion of CRITERIA) {
    const used = CONTROL_MAPPINGS.some((mapping) => mapping.criteria.includes(criterion.id));
    assert.ok(used, `no control maps to ${criterion.id}`);
  }
});

test("controls follow mapping order", () => {
  const policy = parsePolicy(MINIMAL_POLICY, "policy.yaml");
  const controls = describeControls(policy, { auth: "none", operations: 1 });
  assert.deepEqual(
    controls.map((control) => control.id),
    CONTROL_MAPPINGS.map((mapping) => mapping.id),
  );
});

test("defaults give default settings", () => {
  const settings = settingsOf(MINIMAL_POLICY);
  const expected: Array<[ControlId, string]> = [
    ["tls-minimum", "TLSv1.2"],
    [
      "certificate-validation",
      "always on; trusts Node's default CAs (and the system's, on Node 22.15 and later)",
    ],
    ["client-certificate", "none"],
    ["base-url", "https://api.example.com"],
    ["allowed-hosts", "api.example.com; https only"],
    ["redirects", "mode: none"],
    [
      "timeouts",
      "connectMs: 5000; headersMs: 10000; bodyMs: 10000; attemptMs: 15000; callMs: 45000",
    ],
    [
      "retries",
      "maxAttempts: 3; baseDelayMs: 200; maxDelayMs: 5000; jitter: full; statuses: 408 429 500 502 503 504; methods: GET HEAD OPTIONS PUT DELETE; retryAfterCapMs: 30000",
    ],
    ["retry-budget", "ratio: 0.2; minPerSecond: 1; windowMs: 10000"],
    [
      "circuit-breaker",
      "mode: consecutive; failureThreshold: 5; halfOpenAfterMs: 30000; scope: client; countValidationFailures: false",
    ],
    ["max-response-bytes", "10485760 bytes (10 MiB)"],
    ["content-type", "always on"],
    ["unknown-keys", "strict"],
    ["response-validation", "enforce for every operation"],
    ["prototype-safe-parsing", "always on"],
    ["auth", "none"],
    ["operation-selection", "3 operations in the client; include: all"],
  ];
  for (const [id, setting] of expected) assert.equal(settings.get(id), setting, id);
});

test("overrides and options show up", () => {
  const text = readFileSync(path.join(FIXTURES, "hostile/policy.yaml"), "utf8");
  const settings = settingsOf(text, 1);
  const expected: Array<[ControlId, string]> = [
    ["tls-minimum", "TLSv1.3"],
    [
      "certificate-validation",
      "always on; trusts Node's default CAs (and the system's, on Node 22.15 and later), plus env EVIL_CA_PEM",
    ],
    ["client-certificate", "cert: file certs/client.pem; key: env EVIL_CLIENT_KEY"],
    ["allowed-hosts", "api.example.com, api.example.com:8443; https only"],
    ["redirects", "mode: sameOrigin; max: 2"],
    [
      "timeouts",
      "connectMs: 5000; headersMs: 10000; bodyMs: 10000; attemptMs: 15000; callMs: 45000. Overrides: getItem: attemptMs: 2000.",
    ],
    [
      "circuit-breaker",
      "mode: rate; rate: { threshold: 0.25, minimumCalls: 20, windowMs: 5000 }; halfOpenAfterMs: 30000; scope: operation; countValidationFailures: false",
    ],
    ["max-response-bytes", "1000 bytes"],
    ["response-validation", "enforce, except report for getItem"],
    ["operation-selection", "1 operation in the client; include: all; exclude: PUT /items/{id}"],
  ];
  for (const [id, setting] of expected) assert.equal(settings.get(id), setting, id);
  assert.match(
    settings.get("retries")!,
    /\. Overrides: getItem: maxAttempts: 2; idempotencyKeyHeader: Idempotency-Key\.$/,
  );
});

test("insecure http and auth sources show up", () => {
  const text = MINIMAL_POLICY.replace(
    "baseUrl: https://api.example.com\nallowedHosts: [api.example.com]",
    [
      "baseUrl: http://127.0.0.1:8080",
      "allowInsecureHttp: true",
      'allowedHosts: ["127.0.0.1:8080"]',
      "auth: { scheme: basic, username: { env: ACME_USER }, password: { provider: acmePassword } }",
      "operations: { include: [listItems, getItem] }",
    ].join("\n"),
  );
  const settings = settingsOf(text, 2);
  assert.equal(
    settings.get("allowed-hosts"),
    "127.0.0.1:8080; plain http allowed to loopback hosts (allowInsecureHttp: true)",
  );
  assert.equal(
    settings.get("auth"),
    "basic (username: env ACME_USER, password: provider acmePassword)",
  );
  assert.equal(
    settings.get("operation-selection"),
    "2 operations in the client; include: listItems, getItem",
  );
});
