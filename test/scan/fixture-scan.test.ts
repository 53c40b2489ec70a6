/**
 * runScan over the fixture project: the exact findings, suppressions, notices and files, so a
 * missed or an extra one fails. The fixture's comments name what each file exercises.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { loadConfig } from "../../src/config/load.js";
import { compareCodeUnits } from "../../src/model/registry.js";
import { runScan, type ScanReport } from "../../src/scan/index.js";
import { prepareScanProject } from "./fixture-project.js";

let project = "";
let report: ScanReport;

before(async () => {
  project = prepareScanProject("scan-fixture");
  const config = await loadConfig(path.join(project, "vendorguard.config.yaml"));
  report = await runScan({ root: project, config });
});

after(() => rmSync(project, { recursive: true, force: true }));

const located = (item: { ruleId?: string; code?: string; file: string; line?: number }) =>
  `${item.ruleId ?? item.code} ${item.file}:${item.line ?? "-"}`;

test("finds exactly the expected findings", () => {
  assert.deepEqual(report.findings.map(located), [
    "tls-verification-disabled .env:3",
    "tls-verification-disabled package.json:6",
    "hardcoded-secret specs/acme/policy.yaml:10",
    "hardcoded-secret specs/acme/token-example.json:3",
    "host-not-allowed src/broken.ts:3",
    "host-not-allowed src/calls/axios-calls.ts:5",
    "client-bypass src/calls/axios-calls.ts:6",
    "host-not-allowed src/calls/axios-calls.ts:7",
    "plain-http src/calls/axios-calls.ts:7",
    "client-bypass src/calls/axios-calls.ts:9",
    "host-not-allowed src/calls/axios-calls.ts:11",
    "host-not-allowed src/calls/fetch-global.ts:3",
    "host-not-allowed src/calls/fetch-global.ts:8",
    "host-not-allowed src/calls/got-calls.ts:5",
    "client-bypass src/calls/got-calls.ts:6",
    "host-not-allowed src/calls/got-calls.ts:7",
    "host-not-allowed src/calls/ky-calls.ts:5",
    "client-bypass src/calls/ky-calls.ts:6",
    "host-not-allowed src/calls/legacy.cjs:5",
    "host-not-allowed src/calls/node-http.ts:8",
    "plain-http src/calls/node-http.ts:8",
    "client-bypass src/calls/node-http.ts:9",
    "host-not-allowed src/calls/node-http.ts:10",
    "host-not-allowed src/calls/superagent-calls.ts:5",
    "client-bypass src/calls/superagent-calls.ts:6",
    "client-bypass src/calls/undici-named.ts:6",
    "host-not-allowed src/calls/undici-named.ts:7",
    "host-not-allowed src/calls/undici-named.ts:8",
    "client-bypass src/calls/undici-named.ts:11",
    "host-not-allowed src/calls/undici-named.ts:13",
    "tls-verification-disabled src/calls/undici-named.ts:17",
    "host-not-allowed src/calls/undici-named.ts:18",
    "host-not-allowed src/calls/undici-namespace.ts:5",
    "host-not-allowed src/calls/url-forms.ts:6",
    "host-not-allowed src/calls/url-forms.ts:7",
    "host-not-allowed src/calls/url-forms.ts:8",
    "host-not-allowed src/calls/url-forms.ts:9",
    "tls-verification-disabled src/config/tls.ts:4",
    "tls-verification-disabled src/config/tls.ts:7",
    "hardcoded-secret src/secrets/tokens.ts:2",
    "plain-http src/suppressed/config-suppressed.ts:3",
    "host-not-allowed src/suppressed/inline.ts:6",
  ]);
});

test("findings carry columns, hosts and fixes", () => {
  const byPlace = (file: string, line: number) =>
    report.findings.find((finding) => finding.file === file && finding.line === line)!;
  const rates = byPlace("src/calls/fetch-global.ts", 3);
  assert.equal(rates.column, 26, "the column of fetch in `const response = await fetch(`");
  assert.equal(rates.host, "rates.unlisted.example");
  assert.equal(rates.severity, "error");
  assert.match(rates.message, /^fetch calls https:\/\/rates\.unlisted\.example, /);
  assert.match(rates.fix, /generated client/);
  const bypass = byPlace("src/calls/axios-calls.ts", 6);
  assert.equal(bypass.severity, "warning");
  assert.match(
    bypass.message,
    /bypassing the generated acme client \(policy specs\/acme\/policy\.yaml\)/,
  );
  assert.match(bypass.fix, /generated client in generated\/acme/);
  const template = byPlace("src/calls/url-forms.ts", 6);
  assert.equal(template.host, "template.unlisted.example");
  const constChain = byPlace("src/calls/url-forms.ts", 7);
  assert.equal(constChain.host, "forms-base.unlisted.example");
});

test("secret findings name the rule and place, never the value", () => {
  const secrets = report.findings.filter((finding) => finding.ruleId === "hardcoded-secret");
  assert.deepEqual(
    secrets.map((finding) => finding.message),
    [
      "secretlint rule github found a hard-coded secret (GITHUB_TOKEN) at specs/acme/policy.yaml:10:61.",
      "secretlint rule npm found a hard-coded secret (NPM_ACCESS_TOKEN) at specs/acme/token-example.json:3:13.",
      "secretlint rule slack found a hard-coded secret (SLACK_TOKEN) at src/secrets/tokens.ts:2:28.",
    ],
  );
  const serialized = JSON.stringify(report);
  for (const fake of ["VendorguardFakeTokenForScanFixture01", "VendorguardFakeScanToken"]) {
    assert.equal(serialized.includes(fake), false, `${fake} appears in the report`);
  }
});

test("keeps suppressed findings with their source and reason", () => {
  assert.deepEqual(
    report.suppressed.map((finding) => `${located(finding)} ${finding.suppression.source}`),
    [
      "host-not-allowed src/suppressed/config-suppressed.ts:3 config",
      "host-not-allowed src/suppressed/inline.ts:4 inline",
      "plain-http src/suppressed/inline.ts:4 inline",
    ],
  );
  assert.equal(
    report.suppressed[1]!.suppression.reason,
    "the office label printer has no TLS; it is replaced next quarter",
  );
  assert.match(report.suppressed[0]!.suppression.reason, /^Partner sandbox/);
});

test("reports problems of suppressions, syntax and unresolved URLs as notices", () => {
  assert.deepEqual(
    report.notices!.map((notice) => `${located(notice)} ${notice.severity}`),
    [
      "file-skipped src/assets/logo.js:- note",
      "parse-error src/broken.ts:2 warning",
      "unresolved-url src/calls/unresolved.ts:3 note",
      "unresolved-url src/calls/unresolved.ts:7 note",
      "unresolved-url src/calls/unresolved.ts:11 note",
      "file-skipped src/huge.js:- note",
      "suppression-without-reason src/suppressed/inline.ts:5 error",
      "unused-suppression src/suppressed/inline.ts:7 error",
      "invalid-suppression src/suppressed/inline.ts:9 error",
      "suppression-without-reason vendorguard.config.yaml:15 error",
      "unused-suppression vendorguard.config.yaml:17 error",
    ],
  );
  const skipped = report.notices!.filter((notice) => notice.code === "file-skipped");
  assert.match(skipped[0]!.message, /is binary/);
  assert.match(skipped[1]!.message, /more than the 2097152 bytes scanned/);
  const invalid = report.notices!.find((notice) => notice.code === "invalid-suppression")!;
  assert.match(invalid.message, /"no-such-rule" is not a rule id/);
});

test("leaves out dependencies, build output, runtime, tests and excluded globs", () => {
  const outside = report.files.filter(
    (file) =>
      file.startsWith("node_modules/") ||
      file.startsWith("dist/") ||
      file.startsWith("generated/acme/runtime/") ||
      file.startsWith("src/vendor-bundle/") ||
      file === "src/app.test.ts",
  );
  assert.deepEqual(outside, []);
  for (const file of [
    ".env",
    "package.json",
    "generated/acme/client.ts",
    "specs/acme/openapi.yaml",
  ]) {
    assert.ok(report.files.includes(file), `${file} is scanned`);
  }
  const sorted = [...report.files].sort(compareCodeUnits);
  assert.deepEqual(report.files, sorted);
});

test("records the generated client construction as accepted", () => {
  assert.deepEqual(report.generatedClientUses, [
    {
      file: "src/calls/generated-client.ts",
      line: 4,
      column: 14,
      vendor: "acme",
      name: "AcmeWidgetsClient",
    },
  ]);
  const inClientFile = report.findings.filter((finding) => finding.file.startsWith("generated/"));
  assert.deepEqual(inClientFile, []);
});

test("includes test files when asked", async () => {
  const config = await loadConfig(path.join(project, "vendorguard.config.yaml"));
  const withTests = await runScan({ root: project, config, includeTestFiles: true });
  const extra = withTests.findings.filter(
    (finding) => !report.findings.some((known) => located(known) === located(finding)),
  );
  assert.deepEqual(extra.map(located), ["host-not-allowed src/app.test.ts:2"]);
});

test("without a config every vendor host is not allowed", async () => {
  const bare = await runScan({ root: project, paths: ["src/calls/undici-named.ts"] });
  assert.deepEqual(bare.findings.map(located), [
    "host-not-allowed src/calls/undici-named.ts:6",
    "host-not-allowed src/calls/undici-named.ts:7",
    "host-not-allowed src/calls/undici-named.ts:8",
    "host-not-allowed src/calls/undici-named.ts:11",
    "host-not-allowed src/calls/undici-named.ts:13",
    "tls-verification-disabled src/calls/undici-named.ts:17",
    "host-not-allowed src/calls/undici-named.ts:18",
  ]);
  assert.deepEqual(bare.files, ["src/calls/undici-named.ts"]);
});

test("a named file is scanned even where a filter would skip it", async () => {
  const config = await loadConfig(path.join(project, "vendorguard.config.yaml"));
  const named = await runScan({ root: project, config, paths: ["src/app.test.ts"] });
  assert.ok(named.files.includes("src/app.test.ts"));
  assert.ok(
    named.findings.some((finding) => located(finding) === "host-not-allowed src/app.test.ts:2"),
  );
});

test("extra suppressions passed in code are applied and checked", async () => {
  const config = await loadConfig(path.join(project, "vendorguard.config.yaml"));
  const extra = await runScan({
    root: project,
    config,
    suppressions: [
      { file: "src/calls/ky-calls.ts", rule: "client-bypass", reason: "migrating to the client" },
      { file: "src/calls/ky-calls.ts", rule: "host-not-allowed" },
    ],
  });
  const ky = extra.suppressed.filter((finding) => finding.file === "src/calls/ky-calls.ts");
  assert.deepEqual(ky.map(located), ["client-bypass src/calls/ky-calls.ts:6"]);
  const withoutReason = extra.notices!.filter((notice) => notice.file === "(scan options)");
  assert.deepEqual(
    withoutReason.map((notice) => notice.code),
    ["suppression-without-reason"],
  );
});
