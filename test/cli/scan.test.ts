/**
 * `vendorguard scan` as a child process: formats, --output, and the exit codes of --fail-on and
 * of usage and input errors.
 */
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { FIXTURE_PROJECT } from "../scan/fixture-project.js";
import { makeOutputDir } from "../support/paths.js";
import { runCli } from "./run-cli.js";

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** Writes a project with the fixture's acme vendor and the given source files; returns its folder. */
function project(files: Record<string, string>, scanBlock = ""): string {
  const dir = makeOutputDir("cli-scan");
  scratch.push(dir);
  cpSync(
    path.join(FIXTURE_PROJECT, "specs/acme/openapi.yaml"),
    path.join(dir, "specs/acme/openapi.yaml"),
  );
  const policy = readFileSync(path.join(FIXTURE_PROJECT, "specs/acme/policy.yaml"), "utf8");
  writeFileSync(
    path.join(dir, "specs/acme/policy.yaml"),
    policy.replace(/^# A fake token.*\n/m, ""),
  );
  const config = [
    "vendors:",
    "  - name: acme",
    "    spec: specs/acme/openapi.yaml",
    "    policy: specs/acme/policy.yaml",
    "    out: generated/acme",
    scanBlock,
    "",
  ];
  writeFileSync(path.join(dir, "vendorguard.config.yaml"), config.join("\n"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

test("fixture project fails with text findings", () => {
  const result = runCli(["scan"], FIXTURE_PROJECT);
  assert.equal(result.status, 1, result.stderr);
  assert.equal(result.stderr, "");
  assert.match(result.stdout, /^\.env:3:1 error tls-verification-disabled /);
  assert.match(
    result.stdout,
    /^src\/calls\/axios-calls\.ts:6:9 warning client-bypass axios\.get calls /m,
  );
  assert.match(result.stdout, /^scan: 42 findings \(34 errors, 8 warnings, 0 notes\)/m);
});

test("--fail-on none exits 0 despite findings", () => {
  const result = runCli(["scan", "--fail-on", "none"], FIXTURE_PROJECT);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^scan: 42 findings/m);
});

test("--format json prints the report", () => {
  const result = runCli(["scan", "--format", "json"], FIXTURE_PROJECT);
  assert.equal(result.status, 1, result.stderr);
  const report = JSON.parse(result.stdout) as {
    root: string;
    findings: unknown[];
    suppressed: unknown[];
  };
  assert.equal(report.root, FIXTURE_PROJECT);
  assert.equal(report.findings.length, 42);
  assert.equal(report.suppressed.length, 3);
});

test("--output writes the sarif log to a file", () => {
  const dir = makeOutputDir("cli-scan-output");
  scratch.push(dir);
  const file = path.join(dir, "scan.sarif");
  const result = runCli(["scan", "--format", "sarif", "--output", file], FIXTURE_PROJECT);
  assert.equal(result.status, 1, result.stderr);
  assert.equal(
    result.stdout,
    `scan: sarif report written to ${file}; 42 findings, 3 suppressed, 39 at or above --fail-on error.\n`,
  );
  const log = JSON.parse(readFileSync(file, "utf8")) as { version: string; runs: unknown[] };
  assert.equal(log.version, "2.1.0");
  assert.equal(log.runs.length, 1);
});

test("clean project exits 0", () => {
  const dir = project({ "src/health.ts": 'await fetch("http://127.0.0.1:8080/health");\n' });
  const result = runCli(["scan"], dir);
  assert.equal(result.status, 0, result.stderr);
  assert.match(
    result.stdout,
    /^scan: 0 findings \(0 errors, 0 warnings, 0 notes\) in 3 files; 0 notices; 0 suppressed/m,
  );
});

test("--fail-on decides whether a warning fails", () => {
  const dir = project({ "src/bypass.ts": 'await fetch("https://api.acme.example/v1/widgets");\n' });
  const byDefault = runCli(["scan"], dir);
  assert.equal(byDefault.status, 0, byDefault.stderr);
  assert.match(byDefault.stdout, /warning client-bypass/);
  const onWarning = runCli(["scan", "--fail-on", "warning"], dir);
  assert.equal(onWarning.status, 1, onWarning.stderr);
});

test("--fail-on note fails on an unresolved URL", () => {
  const dir = project({
    "src/forward.ts": "export const forward = (url: string) => fetch(url);\n",
  });
  assert.equal(runCli(["scan", "--fail-on", "warning"], dir).status, 0);
  const onNote = runCli(["scan", "--fail-on", "note"], dir);
  assert.equal(onNote.status, 1, onNote.stderr);
  assert.match(onNote.stdout, /^src\/forward\.ts:1:41 note unresolved-url /m);
});

test("suppression with and without a reason", () => {
  const dir = project({
    "src/printer.ts": [
      "// vendorguard-ignore-next-line plain-http, host-not-allowed -- label printer without TLS",
      'await fetch("http://printer.unlisted.example/");',
      "",
    ].join("\n"),
  });
  const suppressed = runCli(["scan"], dir);
  assert.equal(suppressed.status, 0, suppressed.stderr);
  assert.match(suppressed.stdout, /^suppressed \(2\):$/m);
  assert.match(suppressed.stdout, /suppressed by inline comment: label printer without TLS/);

  writeFileSync(
    path.join(dir, "src/printer.ts"),
    '// vendorguard-ignore-next-line plain-http, host-not-allowed\nawait fetch("http://printer.unlisted.example/");\n',
  );
  const withoutReason = runCli(["scan"], dir);
  assert.equal(withoutReason.status, 1);
  assert.match(withoutReason.stdout, /^src\/printer\.ts:1:1 error suppression-without-reason /m);
  assert.match(withoutReason.stdout, /^src\/printer\.ts:2:7 error plain-http /m);
});

test("paths limit the scan to the files named", () => {
  const dir = project({
    "src/a.ts": 'await fetch("https://a.unlisted.example/");\n',
    "src/b.ts": 'await fetch("https://b.unlisted.example/");\n',
  });
  const result = runCli(["scan", "src/b.ts", "--format", "json"], dir);
  assert.equal(result.status, 1, result.stderr);
  const report = JSON.parse(result.stdout) as { files: string[] };
  assert.deepEqual(report.files, ["specs/acme/openapi.yaml", "specs/acme/policy.yaml", "src/b.ts"]);
});

test("--test-files include scans test files", () => {
  const dir = project({ "test/api.test.ts": 'await fetch("https://t.unlisted.example/");\n' });
  assert.equal(runCli(["scan"], dir).status, 0);
  const included = runCli(["scan", "--test-files", "include"], dir);
  assert.equal(included.status, 1);
  assert.match(included.stdout, /^test\/api\.test\.ts:1:7 error host-not-allowed /m);
});

test("without a config file the current folder is scanned", () => {
  const dir = makeOutputDir("cli-scan-bare");
  scratch.push(dir);
  writeFileSync(path.join(dir, "main.ts"), 'await fetch("https://api.acme.example/");\n');
  const result = runCli(["scan"], dir);
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /^main\.ts:1:7 error host-not-allowed /m);
});

test("usage and input errors exit 2", () => {
  const dir = project({ "src/a.ts": "export {};\n" });
  const badFormat = runCli(["scan", "--format", "xml"], dir);
  assert.equal(badFormat.status, 2);
  assert.match(badFormat.stderr, /option '--format <format>' argument 'xml' is invalid/);

  const badFailOn = runCli(["scan", "--fail-on", "fatal"], dir);
  assert.equal(badFailOn.status, 2);

  const missingConfig = runCli(["scan", "--config", "missing.yaml"], dir);
  assert.equal(missingConfig.status, 2);
  assert.match(
    missingConfig.stderr,
    /missing\.yaml was not found\. Pass --config with an existing file/,
  );

  const missingPath = runCli(["scan", "no-such-folder"], dir);
  assert.equal(missingPath.status, 2);
  assert.match(
    missingPath.stderr,
    /no-such-folder was not found\. Pass files or folders that exist/,
  );

  const unwritable = runCli(["scan", "--output", path.join(dir, "missing/dir/out.txt")], dir);
  assert.equal(unwritable.status, 2);
  assert.match(unwritable.stderr, /--output .*out\.txt cannot be written/);
  assert.equal(existsSync(path.join(dir, "missing")), false);
});

test("invalid scan settings exit 2 with their line", () => {
  const dir = project(
    { "src/a.ts": "export {};\n" },
    "scan:\n  testfiles: include\n  suppressions:\n    - { file: src/a.ts, rule: plain-https, reason: x }",
  );
  const result = runCli(["scan"], dir);
  assert.equal(result.status, 2);
  assert.match(
    result.stderr,
    /vendorguard\.config\.yaml:7:3 scan: unknown key "testfiles"\. Did you mean "testFiles"\?/,
  );
  assert.match(result.stderr, /vendorguard\.config\.yaml:9:31 scan\.suppressions\.0\.rule: /);
  assert.doesNotMatch(
    result.stderr,
    /Each vendor needs/,
    "the vendor hint is only for vendor problems",
  );
});
