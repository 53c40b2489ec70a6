import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { isPolicyError, PolicyError } from "../../src/policy/errors.js";
import { loadPolicy, MAX_POLICY_BYTES } from "../../src/policy/load.js";
import { parseInvalid, policyWith } from "./policy-text.js";

let directory = "";

before(async () => {
  directory = await mkdtemp(join(tmpdir(), "vendorguard-policy-"));
});

after(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writePolicy(name: string, content: string | Uint8Array): Promise<string> {
  const file = join(directory, name);
  await writeFile(file, content);
  return file;
}

async function loadInvalid(file: string): Promise<PolicyError> {
  const error = await loadPolicy(file).then(
    () => assert.fail(`expected ${file} to be invalid`),
    (caught: unknown) => caught,
  );
  assert.ok(isPolicyError(error), `expected a PolicyError, got ${String(error)}`);
  return error;
}

test("loadPolicy returns source, digest and file", async () => {
  const text = policyWith();
  const file = await writePolicy("github.policy.yaml", text);

  const loaded = await loadPolicy(file);

  assert.equal(loaded.file, file);
  assert.equal(loaded.source, text);
  assert.equal(loaded.sha256, createHash("sha256").update(text).digest("hex"));
  assert.equal(loaded.policy.vendor.name, "GitHub");
});

test("nested unknown key reported at its line and column", () => {
  const text = [
    "vendor: { name: GitHub, owner: o, purpose: p, owningService: s, dataClassification: [PII] }",
    "baseUrl: https://api.github.com",
    "allowedHosts: [api.github.com]",
    "retries:",
    "    maxAttempts: 3",
    "    backoffMs: 100",
    "",
  ].join("\n");

  const error = parseInvalid(text, "specs/github.policy.yaml");

  assert.deepEqual(error.problems, [
    {
      path: "retries.backoffMs",
      line: 6,
      column: 5,
      message:
        'unknown key "backoffMs". Allowed keys: maxAttempts, baseDelayMs, maxDelayMs, jitter, statuses, methods, retryAfterCapMs, budget.',
    },
  ]);
});

test("error message lists file, line, column and path", () => {
  const text = policyWith({ retries: "\n    maxAttempts: 0" });

  const error = parseInvalid(text, "specs/github.policy.yaml");

  assert.equal(error.code, "invalid_policy");
  assert.equal(error.file, "specs/github.policy.yaml");
  assert.equal(
    error.message,
    "Invalid policy specs/github.policy.yaml:\n" +
      "  specs/github.policy.yaml:5:5 retries.maxAttempts: expected an integer >= 1, got 0. Set it to 1 to turn retries off.",
  );
});

test("several problems reported together in file order", () => {
  const text = policyWith({
    baseUrl: "http://api.github.com",
    tls: "{ minVersion: TLSv1 }",
    timeouts: "{ connectMs: 0 }",
    operations: "{ overrides: { repos/get: { validation: warn } } }",
    extra: "true",
  });

  const error = parseInvalid(text);

  assert.deepEqual(
    error.problems.map((problem) => [problem.line, problem.path]),
    [
      [2, "baseUrl"],
      [4, "tls.minVersion"],
      [5, "timeouts.connectMs"],
      [6, 'operations.overrides["repos/get"].validation'],
      [7, "extra"],
    ],
  );
});

test("JSON policy problems carry lines", async () => {
  const json = JSON.stringify(
    {
      vendor: {
        name: "GitHub",
        owner: "o",
        purpose: "p",
        owningService: "s",
        dataClassification: ["PII"],
      },
      baseUrl: "https://api.github.com",
      allowedHosts: ["api.github.com"],
      timeouts: { connectMs: 5000, callMs: -1 },
    },
    null,
    "\t",
  );
  const file = await writePolicy("github.policy.json", json);

  const error = await loadInvalid(file);

  assert.deepEqual(error.problems, [
    { path: "timeouts.callMs", line: 17, column: 3, message: "expected an integer >= 1, got -1." },
  ]);
});

test("JSON policy loads", async () => {
  const json = JSON.stringify({
    $schema: "../schema/policy.schema.json",
    vendor: {
      name: "V",
      owner: "o",
      purpose: "p",
      owningService: "s",
      dataClassification: ["public"],
    },
    baseUrl: "https://api.example.com",
    allowedHosts: ["api.example.com"],
  });
  const file = await writePolicy("example.policy.json", json);

  const loaded = await loadPolicy(file);

  assert.equal(loaded.policy.baseUrl, "https://api.example.com");
});

test("YAML syntax error reported with line and column", () => {
  const text = `${policyWith()}timeouts: connectMs: 5\n`;

  const error = parseInvalid(text);

  assert.deepEqual(error.problems, [
    {
      path: "",
      line: 4,
      column: 11,
      message: "invalid YAML or JSON: Nested mappings are not allowed in compact mappings.",
    },
  ]);
});

test("duplicate key rejected", () => {
  const error = parseInvalid(`${policyWith()}baseUrl: https://evil.example\n`);

  assert.equal(error.problems[0]?.line, 4);
  assert.match(error.problems[0]?.message ?? "", /Map keys must be unique/);
});

test("several YAML documents rejected", () => {
  const error = parseInvalid(`${policyWith()}---\n${policyWith()}`);

  assert.match(error.problems[0]?.message ?? "", /multiple documents/);
});

test("unknown YAML tag rejected", () => {
  const error = parseInvalid(policyWith({ baseUrl: "!!python/object https://api.github.com" }));

  assert.equal(error.problems[0]?.line, 2);
  assert.match(error.problems[0]?.message ?? "", /Unresolved tag/);
});

test("list as a key rejected", () => {
  const error = parseInvalid(`${policyWith()}? [a, b]\n: c\n`);

  assert.equal(error.problems[0]?.line, 4);
  assert.match(error.problems[0]?.message ?? "", /keys must be plain strings/);
});

test("YAML alias bomb rejected quickly", () => {
  const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
  for (let level = 1; level < 12; level++) {
    const previous = `l${level - 1}`.replace("l0", "a");
    lines.push(`l${level}: &l${level} [${Array(9).fill(`*${previous}`).join(", ")}]`);
  }
  const started = performance.now();

  const error = parseInvalid(`${lines.join("\n")}\n`);

  // Expanded, the document would contain 9^12 strings, so only a limit checked during expansion
  // can reject it in time.
  assert.ok(performance.now() - started < 5000);
  assert.equal(error.problems.length, 1);
  assert.equal(error.problems[0]?.line, 2);
  assert.match(error.problems[0]?.message ?? "", /alias bomb/);
});

test("empty policy rejected", () => {
  const error = parseInvalid("# nothing yet\n");

  assert.match(error.problems[0]?.message ?? "", /the policy is empty/);
});

test("missing file reported as a PolicyError", async () => {
  const error = await loadInvalid(join(directory, "missing.policy.yaml"));

  assert.match(error.message, /the file does not exist/);
});

test("oversized file rejected", async () => {
  const file = await writePolicy(
    "big.policy.yaml",
    `${policyWith()}#${"x".repeat(MAX_POLICY_BYTES)}\n`,
  );

  const error = await loadInvalid(file);

  assert.match(error.message, /more than the 1048576 bytes/);
});

test("invalid UTF-8 rejected", async () => {
  const file = await writePolicy("latin1.policy.yaml", Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));

  const error = await loadInvalid(file);

  assert.match(error.message, /not valid UTF-8/);
});

test("secrets never appear in messages", () => {
  const secret = "ghp_Secret0123456789abcdef";
  const cases = [
    { auth: `{ scheme: bearer, secret: ${secret} }` },
    { auth: `{ scheme: bearer, secret: { env: GITHUB_TOKEN }, token: ${secret} }` },
    { auth: `{ scheme: bearer, secret: { env: "${secret}-x" } }` },
    { auth: `{ scheme: bearer, secret: { value: ${secret} } }` },
    { auth: `{ scheme: basic, username: { env: USER }, password: ${secret} }` },
    { auth: `${secret}` },
  ];

  for (const keys of cases) {
    const error = parseInvalid(policyWith(keys));

    assert.ok(!error.message.includes(secret), error.message);
  }
});

test("isPolicyError recognises errors from another copy", () => {
  const foreign = { name: "PolicyError", code: "invalid_policy", file: "x.yaml", problems: [] };

  assert.equal(isPolicyError(foreign), true);
  assert.equal(isPolicyError(new Error("invalid_policy")), false);
  assert.equal(isPolicyError(new PolicyError("x.yaml", [])), true);
});
