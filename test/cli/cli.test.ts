/**
 * The command line as a user runs it: a real child process, its exit code and what it prints.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { makeOutputDir, REPO_ROOT, writeDefaultPolicy } from "../support/paths.js";

const CLI = path.join(REPO_ROOT, "dist/src/cli/main.js");
const PETSTORE = path.join(REPO_ROOT, "test/fixtures/cases/01-nullable30-optional-property/spec.yaml");
const work = makeOutputDir("cli");
after(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], cwd = work): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  const full = path.join(work, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

const policy = writeDefaultPolicy(path.join(work, "policy.yaml"), "Notes");

test("--help lists the commands and exits 0", () => {
  const result = run(["--help"]);
  assert.equal(result.status, 0);
  assert.match(result.stdout, /generate/);
});

test("generate --help documents every flag", () => {
  const result = run(["generate", "--help"]);
  assert.equal(result.status, 0);
  for (const flag of ["--spec", "--policy", "--out", "--config", "--force", "--max-document-bytes"]) assert.match(result.stdout, new RegExp(flag));
});

test("generate writes a client and prints one line", () => {
  const out = path.join(work, "notes-client");
  const result = run(["generate", "--spec", PETSTORE, "--policy", policy, "--out", out]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Notes: 1 operation, \d+ schemas?, \d+ files written to notes-client in \d+ ms\n$/);
  assert.ok(existsSync(path.join(out, "client.ts")));
});

test("generate reads vendorguard.config.yaml without flags", () => {
  file("project/specs/notes.yaml", readFileSync(PETSTORE, "utf8"));
  file("project/specs/notes.policy.yaml", readFileSync(policy, "utf8"));
  file(
    "project/vendorguard.config.yaml",
    "vendors:\n  - name: notes\n    spec: specs/notes.yaml\n    policy: specs/notes.policy.yaml\n    out: clients/notes\n",
  );
  const result = run(["generate"], path.join(work, "project"));
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^notes: 1 operation, .* written to clients\/notes in \d+ ms\n$/);
});

test("missing spec file exits 2 naming the file", () => {
  const result = run(["generate", "--spec", "nope.yaml", "--policy", policy, "--out", "x"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /nope\.yaml was not found/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace without --debug");
});

test("invalid JSON reports line and column", () => {
  const spec = file("broken.json", '{\n  "openapi": "3.0.0",\n  "info": { "title": "x" \n}');
  const result = run(["generate", "--spec", spec, "--policy", policy, "--out", "x"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /broken\.json at \d+:\d+: invalid JSON/);
});

test("invalid YAML reports line and column", () => {
  const spec = file("broken.yaml", "openapi: 3.0.0\ninfo:\n  title: [unclosed\n");
  const result = run(["generate", "--spec", spec, "--policy", policy, "--out", "x"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /broken\.yaml:\d+:\d+: invalid YAML/);
});

test("a document that is not OpenAPI names the JSON pointer", () => {
  const spec = file("invalid.yaml", "openapi: 3.0.3\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get:\n      summary: no responses\n");
  const result = run(["generate", "--spec", spec, "--policy", policy, "--out", "x"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /invalid\.yaml#\/paths\/~1a\/get is missing the required key "responses"/);
  assert.match(result.stderr, /operations\.exclude/);
});

test("excluding the invalid operation lets generation go on", () => {
  const spec = file(
    "partly.yaml",
    "openapi: 3.0.3\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get:\n      summary: no responses\n  /b:\n    get:\n      operationId: getB\n      responses: { '204': { description: ok } }\n",
  );
  const excluding = writeDefaultPolicy(path.join(work, "excluding.yaml"), "Partly", 'operations:\n  exclude: ["GET /a"]');
  const result = run(["generate", "--spec", spec, "--policy", excluding, "--out", path.join(work, "partly")]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /: 1 operation, /);
});

test("a remote $ref is refused and named", () => {
  const spec = file(
    "remote.yaml",
    "openapi: 3.0.3\ninfo: { title: x, version: '1' }\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: { $ref: 'https://127.0.0.1:9/schema.json' }\n",
  );
  const result = run(["generate", "--spec", spec, "--policy", policy, "--out", "x"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /the \$ref "https:\/\/127\.0\.0\.1:9\/schema\.json" points to the network/);
});

test("an unsupported version is named", () => {
  const spec = file("v4.yaml", "openapi: 4.0.0\ninfo: { title: x, version: '1' }\npaths: {}\n");
  const result = run(["generate", "--spec", spec, "--policy", policy, "--out", "x"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /declares openapi: "4\.0\.0"/);
});

test("an invalid policy reports the key path and line", () => {
  const bad = file("bad-policy.yaml", readFileSync(policy, "utf8") + "retries:\n  maxAttempts: 0\n");
  const result = run(["generate", "--spec", PETSTORE, "--policy", bad, "--out", "x"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /bad-policy\.yaml:\d+:\d+ retries\.maxAttempts/);
});

test("a policy naming an unknown operation is rejected", () => {
  const bad = writeDefaultPolicy(path.join(work, "unknown-op.yaml"), "Notes", "operations:\n  include: [doesNotExist]");
  const result = run(["generate", "--spec", PETSTORE, "--policy", bad, "--out", "x"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /unknown-op\.yaml:\d+:\d+ operations\.include\[0\]/);
  assert.match(result.stderr, /doesNotExist/);
});

test("a folder with files vendorguard did not write is kept without --force", () => {
  const out = path.join(work, "foreign");
  file("foreign/notes.txt", "mine\n");
  const refused = run(["generate", "--spec", PETSTORE, "--policy", policy, "--out", out]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /notes\.txt was not written by vendorguard/);
  assert.equal(readFileSync(path.join(out, "notes.txt"), "utf8"), "mine\n");

  const forced = run(["generate", "--spec", PETSTORE, "--policy", policy, "--out", out, "--force"]);
  assert.equal(forced.status, 0, forced.stderr);
  assert.ok(!existsSync(path.join(out, "notes.txt")));
});

test("a failed run leaves the previous output untouched", () => {
  const out = path.join(work, "kept");
  assert.equal(run(["generate", "--spec", PETSTORE, "--policy", policy, "--out", out]).status, 0);
  const before = readFileSync(path.join(out, "schemas.ts"), "utf8");
  const broken = file("later-broken.yaml", "openapi: 3.0.3\ninfo: [\n");
  assert.equal(run(["generate", "--spec", broken, "--policy", policy, "--out", out]).status, 2);
  assert.equal(readFileSync(path.join(out, "schemas.ts"), "utf8"), before);
});

test("--spec without --policy and --out is a usage error", () => {
  const result = run(["generate", "--spec", PETSTORE]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--policy and --out are missing: --spec, --policy and --out go together/);
});

test("--out that contains the inputs is rejected even with --force", () => {
  const inputs = path.join(work, "inputs");
  const spec = file("inputs/spec.yaml", readFileSync(PETSTORE, "utf8"));
  const ownPolicy = file("inputs/policy.yaml", readFileSync(policy, "utf8"));
  const result = run(["generate", "--spec", spec, "--policy", ownPolicy, "--out", inputs, "--force"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /contains the spec/);
  assert.ok(existsSync(spec));
  assert.ok(existsSync(ownPolicy));
});

test("--out . is rejected because it is the current folder", () => {
  const elsewhere = file("elsewhere/policy.yaml", readFileSync(policy, "utf8"));
  const result = run(["generate", "--spec", PETSTORE, "--policy", elsewhere, "--out", ".", "--force"], path.join(work, "inputs"));
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--out \. contains the current folder/);
  assert.ok(existsSync(path.join(work, "inputs")));
});

test("two vendors with one out folder are rejected", () => {
  file(
    "shared-out/vendorguard.config.yaml",
    `vendors:\n  - name: a\n    spec: ${PETSTORE}\n    policy: ${policy}\n    out: clients/x\n  - name: b\n    spec: ${PETSTORE}\n    policy: ${policy}\n    out: clients/x\n`,
  );
  const result = run(["generate"], path.join(work, "shared-out"));
  assert.equal(result.status, 2);
  assert.match(result.stderr, /Vendors "a" and "b" both write to /);
});

test("an unknown flag is a usage error", () => {
  const result = run(["generate", "--nope"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /unknown option '--nope'/);
});

test("policy-schema prints the committed JSON Schema", () => {
  const result = run(["policy-schema"]);
  assert.equal(result.status, 0);
  assert.equal(result.stdout, readFileSync(path.join(REPO_ROOT, "schema/policy.schema.json"), "utf8"));
});

function nestedArrays(levels: number): string {
  let schema: object = { type: "string" };
  for (let i = 0; i < levels; i++) schema = { type: "array", items: schema };
  const document = {
    openapi: "3.0.3",
    info: { title: "deep", version: "1" },
    paths: { "/a": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema } } } } } } },
  };
  return file(`deep-${levels}.json`, JSON.stringify(document));
}

test("a document nested thousands of levels deep is rejected", () => {
  const result = run(["generate", "--spec", nestedArrays(3000), "--policy", policy, "--out", "x"]);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /deep-3000\.json#\/paths.*nests more than 400 levels deep/);
});

test("a schema nested hundreds of levels deep is rejected", () => {
  const result = run(["generate", "--spec", nestedArrays(200), "--policy", policy, "--out", "x"]);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /schemas nest more than 128 levels deep/);
});

test("a YAML alias bomb is rejected", () => {
  const lines = ["openapi: 3.0.3", "info: { title: bomb, version: '1' }", "paths: {}", "x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 0; i < 8; i++) {
    const name = String.fromCharCode(98 + i);
    const previous = String.fromCharCode(97 + i);
    lines.push(`x-${name}: &${name} [*${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}]`);
  }
  const spec = file("bomb.yaml", `${lines.join("\n")}\n`);
  const result = run(["generate", "--spec", spec, "--policy", policy, "--out", "x"]);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /YAML aliases expand too far/);
});

test("a document over --max-document-bytes is rejected", () => {
  const result = run(["generate", "--spec", PETSTORE, "--policy", policy, "--out", "x", "--max-document-bytes", "100"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /over the limit of 100 bytes/);
});

test("schemas that only refer to each other are rejected", () => {
  const spec = file(
    "alias-cycle.yaml",
    [
      "openapi: 3.0.3",
      "info: { title: cycle, version: '1' }",
      "paths: {}",
      "components:",
      "  schemas:",
      "    A: { $ref: '#/components/schemas/B' }",
      "    B: { allOf: [{ $ref: '#/components/schemas/A' }] }",
      "",
    ].join("\n"),
  );
  const result = run(["generate", "--spec", spec, "--policy", policy, "--out", "x"]);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /refer only to each other in a circle/);
  assert.match(result.stderr, /#\/components\/schemas\/A -> .*#\/components\/schemas\/B -> .*#\/components\/schemas\/A/);
});

test("a config typo is named with its line and a suggestion", () => {
  file("typo/vendorguard.config.yaml", `vendors:\n  - name: a\n    spec: ${PETSTORE}\n    polcy: ${policy}\n    out: clients/a\n`);
  const result = run(["generate"], path.join(work, "typo"));
  assert.equal(result.status, 2);
  assert.match(result.stderr, /vendorguard\.config\.yaml:2:\d+ vendors\.0: unknown key "polcy"\. Did you mean "policy"\?/);
  assert.match(result.stderr, /vendors\.0\.policy: is missing\. Add it/);
});
