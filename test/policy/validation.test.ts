import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePolicy } from "../../src/policy/load.js";
import { parseInvalid, policyWith } from "./policy-text.js";

interface InvalidCase {
  /** Top-level keys set on top of the minimal policy, as YAML flow values. Undefined removes a key. */
  keys: Record<string, string | undefined>;
  /** Path of the one expected problem. */
  path: string;
  /** Text the problem's message must contain. */
  fragment: string;
}

const VENDOR = "name: GitHub, owner: o, purpose: p, owningService: s";
const vendor = (extra: string) => `{ ${VENDOR}, ${extra} }`;

const INVALID: Record<string, InvalidCase> = {
  "vendor missing": {
    keys: { vendor: undefined },
    path: "vendor",
    fragment: "required key is missing",
  },
  "vendor.name empty": {
    keys: {
      vendor: '{ name: "", owner: o, purpose: p, owningService: s, dataClassification: [PII] }',
    },
    path: "vendor.name",
    fragment: "must not be empty",
  },
  "vendor.name blank": {
    keys: {
      vendor: '{ name: "  ", owner: o, purpose: p, owningService: s, dataClassification: [PII] }',
    },
    path: "vendor.name",
    fragment: "must not be empty",
  },
  "vendor.name with line break": {
    keys: {
      vendor:
        '{ name: "Git\\nHub", owner: o, purpose: p, owningService: s, dataClassification: [PII] }',
    },
    path: "vendor.name",
    fragment: "single line",
  },
  "vendor.owner missing": {
    keys: { vendor: "{ name: GitHub, purpose: p, owningService: s, dataClassification: [PII] }" },
    path: "vendor.owner",
    fragment: "required key is missing (Team or person accountable",
  },
  "vendor.purpose not a string": {
    keys: {
      vendor: "{ name: GitHub, owner: o, purpose: 5, owningService: s, dataClassification: [PII] }",
    },
    path: "vendor.purpose",
    fragment: "expected a string, got 5",
  },
  "vendor.owningService missing": {
    keys: { vendor: "{ name: GitHub, owner: o, purpose: p, dataClassification: [PII] }" },
    path: "vendor.owningService",
    fragment: "required key is missing",
  },
  "vendor.dataClassification empty": {
    keys: { vendor: vendor("dataClassification: []") },
    path: "vendor.dataClassification",
    fragment: "expected at least 1 entry, got an empty list",
  },
  "vendor.dataClassification unknown class": {
    keys: { vendor: vendor("dataClassification: [internal, PIII]") },
    path: "vendor.dataClassification[1]",
    fragment: 'got the string "PIII". Did you mean PII?',
  },
  "vendor.dataClassification duplicate": {
    keys: { vendor: vendor("dataClassification: [PII, PII]") },
    path: "vendor.dataClassification[1]",
    fragment: "listed more than once",
  },
  "vendor unknown key": {
    keys: { vendor: vendor("dataClassification: [PII], ownr: x") },
    path: "vendor.ownr",
    fragment: 'unknown key "ownr". Did you mean "owner"?',
  },
  "baseUrl missing": {
    keys: { baseUrl: undefined },
    path: "baseUrl",
    fragment: "required key is missing",
  },
  "baseUrl not a URL": {
    keys: { baseUrl: "api.github.com" },
    path: "baseUrl",
    fragment: "expected an absolute URL",
  },
  "baseUrl ftp scheme": {
    keys: { baseUrl: "ftp://api.github.com" },
    path: "baseUrl",
    fragment: "got the scheme ftp://",
  },
  "baseUrl with query": {
    keys: { baseUrl: "https://api.github.com/?v=3" },
    path: "baseUrl",
    fragment: "must not contain a query",
  },
  "baseUrl with fragment": {
    keys: { baseUrl: "https://api.github.com/#x" },
    path: "baseUrl",
    fragment: "must not contain a fragment",
  },
  "baseUrl with user info": {
    keys: { baseUrl: "https://user:pass@api.github.com" },
    path: "baseUrl",
    fragment: "must not contain a user name or password",
  },
  "baseUrl with empty user info": {
    keys: { baseUrl: "https://@api.github.com" },
    path: "baseUrl",
    fragment: "must not contain a user name or password",
  },
  "baseUrl with whitespace": {
    keys: { baseUrl: '" https://api.github.com"' },
    path: "baseUrl",
    fragment: "whitespace",
  },
  "baseUrl with server variable": {
    keys: { baseUrl: "https://api.github.com/{version}" },
    path: "baseUrl",
    fragment: "server variables",
  },
  "baseUrl http without switch": {
    keys: { baseUrl: "http://api.github.com" },
    path: "baseUrl",
    fragment: "uses http://, which sends requests and credentials in clear text",
  },
  "baseUrl http to a remote host": {
    keys: { baseUrl: "http://api.github.com", allowInsecureHttp: "true" },
    path: "baseUrl",
    fragment:
      "only to loopback hosts (127.0.0.0/8, ::1, localhost), but the host is api.github.com",
  },
  "baseUrl http to a private address": {
    keys: {
      baseUrl: "http://10.0.0.1:8080",
      allowInsecureHttp: "true",
      allowedHosts: '["10.0.0.1:8080"]',
    },
    path: "baseUrl",
    fragment: "only to loopback hosts",
  },
  "allowInsecureHttp as a string": {
    keys: { allowInsecureHttp: "yes" },
    path: "allowInsecureHttp",
    fragment: 'expected true or false, got the string "yes"',
  },
  "allowedHosts missing": {
    keys: { allowedHosts: undefined },
    path: "allowedHosts",
    fragment: "required key is missing",
  },
  "allowedHosts empty": {
    keys: { allowedHosts: "[]" },
    path: "allowedHosts",
    fragment: "expected at least 1 entry",
  },
  "allowedHosts as a string": {
    keys: { allowedHosts: "api.github.com" },
    path: "allowedHosts",
    fragment: "Write a list, e.g. [api.github.com]",
  },
  "allowedHosts without base host": {
    keys: { allowedHosts: "[uploads.github.com]" },
    path: "allowedHosts",
    fragment: "must include the base URL's host api.github.com",
  },
  "allowedHosts with another port": {
    keys: { baseUrl: "https://api.github.com:8443", allowedHosts: "[api.github.com]" },
    path: "allowedHosts",
    fragment: 'Add "api.github.com:8443"',
  },
  "allowedHosts with scheme": {
    keys: { allowedHosts: '["https://api.github.com"]' },
    path: "allowedHosts[0]",
    fragment: "without a scheme",
  },
  "allowedHosts with wildcard": {
    keys: { allowedHosts: '[api.github.com, "*.github.com"]' },
    path: "allowedHosts[1]",
    fragment: "wildcards are not supported",
  },
  "allowedHosts with path": {
    keys: { allowedHosts: "[api.github.com/v3]" },
    path: "allowedHosts[0]",
    fragment: "expected a host",
  },
  "allowedHosts bare IPv6": {
    keys: { allowedHosts: '[api.github.com, "::1"]' },
    path: "allowedHosts[1]",
    fragment: "in brackets",
  },
  "allowedHosts duplicate after normalising": {
    keys: { allowedHosts: "[api.github.com, API.github.com:443]" },
    path: "allowedHosts[1]",
    fragment: "listed more than once",
  },
  "auth.scheme unknown": {
    keys: { auth: "{ scheme: oauth2 }" },
    path: "auth.scheme",
    fragment:
      'expected one of none, bearer, apiKey, basic, oauth2ClientCredentials, got the string "oauth2"',
  },
  "auth.scheme missing": {
    keys: { auth: "{ secret: { env: TOKEN } }" },
    path: "auth.scheme",
    fragment: "required key is missing",
  },
  "auth.secret missing": {
    keys: { auth: "{ scheme: bearer }" },
    path: "auth.secret",
    fragment: "required key is missing",
  },
  "auth.secret literal": {
    keys: { auth: "{ scheme: bearer, secret: ghp_abc }" },
    path: "auth.secret",
    fragment:
      "auth.secret must name where the secret comes from ({ env: NAME } or { provider: NAME }), because a literal secret in the policy would end up in the repository",
  },
  "auth.secret environment reference": {
    keys: { auth: '{ scheme: bearer, secret: "${GITHUB_TOKEN}" }' },
    path: "auth.secret",
    fragment: "write { env: GITHUB_TOKEN }",
  },
  "auth.token literal": {
    keys: { auth: "{ scheme: bearer, secret: { env: GITHUB_TOKEN }, token: ghp_abc }" },
    path: "auth.token",
    fragment: "auth.secret must name where the secret comes from",
  },
  "auth.secret with env and provider": {
    keys: { auth: "{ scheme: bearer, secret: { env: A, provider: b } }" },
    path: "auth.secret",
    fragment:
      "expected exactly one of env, provider, e.g. { env: GITHUB_TOKEN }, got env and provider",
  },
  "auth.secret empty": {
    keys: { auth: "{ scheme: bearer, secret: {} }" },
    path: "auth.secret",
    fragment: "got none",
  },
  "auth.secret.value literal": {
    keys: { auth: "{ scheme: bearer, secret: { value: ghp_abc } }" },
    path: "auth.secret.value",
    fragment: "auth.secret must name where the secret comes from",
  },
  "auth.secret.env invalid": {
    keys: { auth: '{ scheme: bearer, secret: { env: "GITHUB-TOKEN" } }' },
    path: "auth.secret.env",
    fragment: "expected an environment variable name",
  },
  "auth.secret.env inherited name": {
    keys: { auth: "{ scheme: bearer, secret: { env: constructor } }" },
    path: "auth.secret.env",
    fragment: "member of every JavaScript object",
  },
  "auth.secret.provider not an identifier": {
    keys: { auth: "{ scheme: bearer, secret: { provider: token-provider } }" },
    path: "auth.secret.provider",
    fragment: "JavaScript identifier",
  },
  "auth.in unknown": {
    keys: { auth: "{ scheme: apiKey, in: body, name: X-API-Key, secret: { env: KEY } }" },
    path: "auth.in",
    fragment: 'expected one of header, query, cookie, got the string "body"',
  },
  "auth.name missing": {
    keys: { auth: "{ scheme: apiKey, secret: { env: KEY } }" },
    path: "auth.name",
    fragment: "required key is missing",
  },
  "auth.name with space": {
    keys: { auth: '{ scheme: apiKey, name: "X API Key", secret: { env: KEY } }' },
    path: "auth.name",
    fragment: "HTTP token",
  },
  "auth.name reserved header": {
    keys: { auth: "{ scheme: apiKey, name: Host, secret: { env: KEY } }" },
    path: "auth.name",
    fragment: "the header Host frames or routes the request",
  },
  "auth.username literal": {
    keys: { auth: "{ scheme: basic, username: alice, password: { env: PASSWORD } }" },
    path: "auth.username",
    fragment: "auth.username must name where the user name comes from",
  },
  "auth.password missing": {
    keys: { auth: "{ scheme: basic, username: { env: USER } }" },
    path: "auth.password",
    fragment: "required key is missing",
  },
  "auth none with secret": {
    keys: { auth: "{ scheme: none, secret: { env: TOKEN } }" },
    path: "auth.secret",
    fragment: 'unknown key "secret". Allowed keys: scheme',
  },
  "tls.minVersion too old": {
    keys: { tls: "{ minVersion: TLSv1.1 }" },
    path: "tls.minVersion",
    fragment: "Versions older than TLSv1.2 have known weaknesses",
  },
  "tls.ca entry with both keys": {
    keys: { tls: "{ ca: [{ file: ca.pem, env: CA_PEM }] }" },
    path: "tls.ca[0]",
    fragment: "expected exactly one of file, env",
  },
  "tls.ca file empty": {
    keys: { tls: '{ ca: [{ file: "" }] }' },
    path: "tls.ca[0].file",
    fragment: "must not be empty",
  },
  "tls.ca unknown key": {
    keys: { tls: "{ ca: [{ path: ca.pem }] }" },
    path: "tls.ca[0].path",
    fragment: "Allowed keys: file, env",
  },
  "tls unknown key": {
    keys: { tls: "{ minVersoin: TLSv1.3 }" },
    path: "tls.minVersoin",
    fragment: 'Did you mean "minVersion"?',
  },
  "timeouts.connectMs zero": {
    keys: { timeouts: "{ connectMs: 0 }" },
    path: "timeouts.connectMs",
    fragment: "expected an integer >= 1, got 0",
  },
  "timeouts.headersMs negative": {
    keys: { timeouts: "{ headersMs: -5 }" },
    path: "timeouts.headersMs",
    fragment: "got -5",
  },
  "timeouts.bodyMs fraction": {
    keys: { timeouts: "{ bodyMs: 1.5 }" },
    path: "timeouts.bodyMs",
    fragment: "expected an integer, got 1.5",
  },
  "timeouts.attemptMs quoted": {
    keys: { timeouts: '{ attemptMs: "1000" }' },
    path: "timeouts.attemptMs",
    fragment: "Remove the quotes",
  },
  "timeouts.callMs beyond timers": {
    keys: { timeouts: "{ callMs: 3000000000 }" },
    path: "timeouts.callMs",
    fragment: "Node.js timers cannot wait longer than 2147483647 ms",
  },
  "timeouts.attemptMs above callMs": {
    keys: { timeouts: "{ attemptMs: 20000, callMs: 10000 }" },
    path: "timeouts.attemptMs",
    fragment: "attemptMs (20000) must not exceed callMs (10000)",
  },
  "timeouts unknown key": {
    keys: { timeouts: "{ readMs: 10 }" },
    path: "timeouts.readMs",
    fragment: "Allowed keys: connectMs, headersMs, bodyMs, attemptMs, callMs",
  },
  "retries.maxAttempts zero": {
    keys: { retries: "{ maxAttempts: 0 }" },
    path: "retries.maxAttempts",
    fragment: "expected an integer >= 1, got 0. Set it to 1 to turn retries off.",
  },
  "retries.maxAttempts too many": {
    keys: { retries: "{ maxAttempts: 11 }" },
    path: "retries.maxAttempts",
    fragment: "expected an integer <= 10",
  },
  "retries.baseDelayMs zero": {
    keys: { retries: "{ baseDelayMs: 0 }" },
    path: "retries.baseDelayMs",
    fragment: ">= 1",
  },
  "retries.maxDelayMs below baseDelayMs": {
    keys: { retries: "{ baseDelayMs: 1000, maxDelayMs: 500 }" },
    path: "retries.baseDelayMs",
    fragment: "baseDelayMs (1000) must not exceed maxDelayMs (500)",
  },
  "retries.jitter unknown": {
    keys: { retries: "{ jitter: random }" },
    path: "retries.jitter",
    fragment: "expected one of full, none",
  },
  "retries.statuses success status": {
    keys: { retries: "{ statuses: [200] }" },
    path: "retries.statuses[0]",
    fragment: "Only error statuses (400 to 599) can be retried",
  },
  "retries.statuses duplicate": {
    keys: { retries: "{ statuses: [429, 429] }" },
    path: "retries.statuses[1]",
    fragment: "429 is listed more than once",
  },
  "retries.methods lower case": {
    keys: { retries: "{ methods: [get] }" },
    path: "retries.methods[0]",
    fragment: "Did you mean GET? Write methods in upper case.",
  },
  "retries.methods POST": {
    keys: { retries: "{ methods: [GET, POST] }" },
    path: "retries.methods[1]",
    fragment: "POST is not idempotent",
  },
  "retries.retryAfterCapMs negative": {
    keys: { retries: "{ retryAfterCapMs: -1 }" },
    path: "retries.retryAfterCapMs",
    fragment: "expected an integer >= 0",
  },
  "circuitBreaker.failureThreshold zero": {
    keys: { circuitBreaker: "{ failureThreshold: 0 }" },
    path: "circuitBreaker.failureThreshold",
    fragment: "expected an integer >= 1",
  },
  "circuitBreaker.halfOpenAfterMs with unit": {
    keys: { circuitBreaker: "{ halfOpenAfterMs: 30s }" },
    path: "circuitBreaker.halfOpenAfterMs",
    fragment: 'expected a number, got the string "30s"',
  },
  "redirects.mode unknown": {
    keys: { redirects: "{ mode: follow }" },
    path: "redirects.mode",
    fragment: "expected one of none, sameOrigin",
  },
  "redirects.max zero": {
    keys: { redirects: "{ mode: sameOrigin, max: 0 }" },
    path: "redirects.max",
    fragment: ">= 1",
  },
  "redirects.max with mode none": {
    keys: { redirects: "{ mode: none, max: 3 }" },
    path: "redirects.max",
    fragment: 'unknown key "max". Allowed keys: mode',
  },
  "maxResponseBytes zero": {
    keys: { maxResponseBytes: "0" },
    path: "maxResponseBytes",
    fragment: "expected an integer >= 1, got 0",
  },
  "unknownKeys unknown": {
    keys: { unknownKeys: "passthrough" },
    path: "unknownKeys",
    fragment: "expected one of strict, strip",
  },
  "operations.include lower-case method": {
    keys: { operations: '{ include: ["get /repos"] }' },
    path: "operations.include[0]",
    fragment: 'Write the method in upper case: "GET /repos"',
  },
  "operations.include path without slash": {
    keys: { operations: '{ include: ["GET repos"] }' },
    path: "operations.include[0]",
    fragment: "expected an operation key",
  },
  "operations.exclude also included": {
    keys: { operations: "{ include: [repos/get], exclude: [repos/get] }" },
    path: "operations.exclude[0]",
    fragment: "also in operations.include",
  },
  "operations.overrides invalid key": {
    keys: { operations: '{ overrides: { "get /repos": {} } }' },
    path: 'operations.overrides["get /repos"]',
    fragment: "Write the method in upper case",
  },
  "operations.overrides unknown key": {
    keys: { operations: "{ overrides: { repos/get: { timeout: { callMs: 10 } } } }" },
    path: 'operations.overrides["repos/get"].timeout',
    fragment: 'Did you mean "timeouts"?',
  },
  "operations.overrides validation unknown": {
    keys: { operations: "{ overrides: { repos/get: { validation: warn } } }" },
    path: 'operations.overrides["repos/get"].validation',
    fragment: "expected one of enforce, report",
  },
  "operations.overrides reserved idempotency header": {
    keys: { operations: "{ overrides: { repos/get: { idempotencyKeyHeader: Content-Length } } }" },
    path: 'operations.overrides["repos/get"].idempotencyKeyHeader',
    fragment: "frames or routes the request",
  },
  "operations.overrides attemptMs above merged callMs": {
    keys: { operations: "{ overrides: { repos/get: { timeouts: { callMs: 1000 } } } }" },
    path: 'operations.overrides["repos/get"].timeouts.callMs',
    fragment: "attemptMs (15000, from timeouts.attemptMs) must not exceed callMs (1000)",
  },
  "operations.overrides retries maxAttempts zero": {
    keys: { operations: "{ overrides: { repos/get: { retries: { maxAttempts: 0 } } } }" },
    path: 'operations.overrides["repos/get"].retries.maxAttempts',
    fragment: "Set it to 1 to turn retries off.",
  },
  "unknown top-level key": {
    keys: { retry: "{ maxAttempts: 2 }" },
    path: "retry",
    fragment: 'unknown key "retry". Did you mean "retries"?',
  },
  "YAML merge key": {
    keys: { "<<": "{ maxResponseBytes: 5 }" },
    path: '["<<"]',
    fragment: "YAML merge keys (<<) are not supported",
  },
};

for (const [name, { keys, path, fragment }] of Object.entries(INVALID)) {
  test(`rejects ${name}`, () => {
    const error = parseInvalid(policyWith(keys));

    assert.deepEqual(
      error.problems.map((problem) => problem.path),
      [path],
      `problems: ${error.message}`,
    );
    assert.ok(error.problems[0]?.message.includes(fragment), `message: ${error.message}`);
  });
}

const VALID: Record<string, Record<string, string>> = {
  "http to 127.0.0.1 with the switch": {
    baseUrl: "http://127.0.0.1:8443",
    allowInsecureHttp: "true",
    allowedHosts: '["127.0.0.1:8443"]',
  },
  "http to [::1] with the switch": {
    baseUrl: "http://[::1]:8080/v1",
    allowInsecureHttp: "true",
    allowedHosts: '["[::1]:8080"]',
  },
  "http to localhost with the switch": {
    baseUrl: "http://localhost",
    allowInsecureHttp: "true",
    allowedHosts: "[localhost]",
  },
  "https with the switch": { allowInsecureHttp: "true" },
  "apiKey in query": {
    auth: "{ scheme: apiKey, in: query, name: api_key, secret: { provider: keyProvider } }",
  },
  "basic from providers": {
    auth: "{ scheme: basic, username: { env: USER }, password: { provider: passwordProvider } }",
  },
  "POST retried for one operation": {
    operations: '{ overrides: { "POST /search": { retries: { methods: [POST] } } } }',
  },
  "sameOrigin redirects": { redirects: "{ mode: sameOrigin }" },
  "retries turned off": { retries: "{ maxAttempts: 1 }" },
  "anchors shared between overrides": {
    operations: "{ overrides: { a: &slow { timeouts: { callMs: 60000 } }, b: *slow } }",
  },
};

for (const [name, keys] of Object.entries(VALID)) {
  test(`accepts ${name}`, () => {
    assert.doesNotThrow(() => parsePolicy(policyWith(keys), "valid.policy.yaml"));
  });
}

test("http base URL normalised for loopback", () => {
  const policy = parsePolicy(policyWith(VALID["http to [::1] with the switch"]), "p.yaml");

  assert.equal(policy.baseUrl, "http://[::1]:8080/v1");
  assert.deepEqual(policy.allowedHosts, ["[::1]:8080"]);
});

test("base URL and hosts normalised", () => {
  const policy = parsePolicy(
    policyWith({ baseUrl: "https://API.GitHub.com:443/v3/", allowedHosts: "[API.github.com:443]" }),
    "p.yaml",
  );

  assert.equal(policy.baseUrl, "https://api.github.com/v3");
  assert.deepEqual(policy.allowedHosts, ["api.github.com"]);
});
