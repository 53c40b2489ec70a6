/**
 * The text, JSON and SARIF reports of a scan of the fixture project. The SARIF log is validated
 * against the SARIF 2.1.0 JSON Schema copied into test/fixtures/sarif (its README names the source).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { before, test } from "node:test";
import type * as Sarif from "sarif";
import { loadConfig } from "../../src/config/load.js";
import { REFERENCE_FORMATS } from "../../src/fidelity/reference-formats.js";
import {
  renderScanJson,
  renderScanSarif,
  renderScanText,
  runScan,
  SCAN_RULE_IDS,
  type ScanReport,
} from "../../src/scan/index.js";
import { REPO_ROOT } from "../support/paths.js";
import { FIXTURE_PROJECT } from "./fixture-project.js";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js").default;

let report: ScanReport;

before(async () => {
  // The fixture is only read: the scan writes nothing, and its generated client need not exist.
  const config = await loadConfig(path.join(FIXTURE_PROJECT, "vendorguard.config.yaml"));
  report = await runScan({ root: FIXTURE_PROJECT, config });
});

function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(path.join(REPO_ROOT, "test/fixtures/sarif/sarif-2.1.0.json"), "utf8"),
  ) as object;
  // strict is off because the schema lists `required` names inside anyOf without properties.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  for (const [name, validate] of Object.entries(REFERENCE_FORMATS)) {
    ajv.addFormat(name, { type: "string", validate });
  }
  ajv.addFormat("uri-reference", {
    type: "string",
    validate: (value: string) => URL.canParse(value, "file:///base/"),
  });
  return ajv.compile(schema);
}

test("sarif log is valid against the SARIF 2.1.0 schema", () => {
  const validate = sarifValidator();
  const log = JSON.parse(renderScanSarif(report)) as unknown;
  const valid = validate(log);
  assert.equal(valid, true, JSON.stringify(validate.errors, null, 2));
});

test("sarif schema check rejects an invalid log", () => {
  const validate = sarifValidator();
  const log = JSON.parse(renderScanSarif(report)) as Sarif.Log;
  (log.runs[0]!.results![0] as { level: string }).level = "fatal";
  assert.equal(validate(log), false);
});

test("sarif lists every rule with its description and level", () => {
  const log = JSON.parse(renderScanSarif(report)) as Sarif.Log;
  const rules = log.runs[0]!.tool.driver.rules!;
  assert.deepEqual(
    rules.map((rule) => rule.id),
    [...SCAN_RULE_IDS, "suppression-without-reason", "unused-suppression", "invalid-suppression"],
  );
  for (const rule of rules) {
    assert.ok(rule.shortDescription?.text, `${rule.id} has a short description`);
    assert.ok(rule.help?.text, `${rule.id} has help`);
    assert.ok(rule.defaultConfiguration?.level, `${rule.id} has a default level`);
  }
  const bypass = rules.find((rule) => rule.id === "client-bypass")!;
  assert.equal(bypass.defaultConfiguration!.level, "warning");
});

test("sarif results carry rule, level, message and a relative location", () => {
  const log = JSON.parse(renderScanSarif(report)) as Sarif.Log;
  const results = log.runs[0]!.results!;
  const suppressionProblems = report.notices!.filter((notice) =>
    notice.code.includes("suppression"),
  );
  assert.equal(
    results.length,
    report.findings.length + report.suppressed.length + suppressionProblems.length,
  );
  const first = results[0]!;
  const finding = report.findings[0]!;
  assert.equal(first.ruleId, finding.ruleId);
  assert.equal(first.level, finding.severity);
  assert.equal(first.message.text, `${finding.message} ${finding.fix}`);
  const physical = first.locations![0]!.physicalLocation!;
  assert.equal(physical.artifactLocation!.uri, finding.file);
  assert.equal(physical.artifactLocation!.uriBaseId, "SRCROOT");
  assert.equal(physical.region!.startLine, finding.line);
  assert.equal(physical.region!.startColumn, finding.column);
  assert.equal(log.runs[0]!.originalUriBaseIds!.SRCROOT!.uri, `file://${FIXTURE_PROJECT}/`);
});

test("sarif marks suppressed results with kind and justification", () => {
  const log = JSON.parse(renderScanSarif(report)) as Sarif.Log;
  const suppressed = log.runs[0]!.results!.filter((result) => result.suppressions !== undefined);
  assert.deepEqual(
    suppressed.map((result) => [
      result.ruleId,
      result.locations![0]!.physicalLocation!.artifactLocation!.uri,
      result.suppressions![0]!.kind,
    ]),
    [
      ["host-not-allowed", "src/suppressed/config-suppressed.ts", "external"],
      ["host-not-allowed", "src/suppressed/inline.ts", "inSource"],
      ["plain-http", "src/suppressed/inline.ts", "inSource"],
    ],
  );
  assert.equal(
    suppressed[1]!.suppressions![0]!.justification,
    "the office label printer has no TLS; it is replaced next quarter",
  );
});

test("sarif reports other notices as tool notifications", () => {
  const log = JSON.parse(renderScanSarif(report)) as Sarif.Log;
  const notifications = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
  assert.deepEqual(
    notifications.map((notification) => notification.descriptor!.id),
    ["parse-error", "unresolved-url", "unresolved-url", "unresolved-url"],
  );
  assert.equal(notifications[0]!.level, "warning");
});

test("json report is the scan report itself", () => {
  assert.deepEqual(JSON.parse(renderScanJson(report)), report);
});

test("text report lists findings with fixes, a summary and suppressions", () => {
  const lines = renderScanText(report).trimEnd().split("\n");
  assert.equal(
    lines[0],
    '.env:3:1 error tls-verification-disabled NODE_TLS_REJECT_UNAUTHORIZED is set to "0", which turns off TLS certificate verification for every connection the process makes.',
  );
  assert.match(lines[1]!, /^ {4}fix: Remove the setting\./);
  const findingLines = lines.filter((line) =>
    /^\S+:\d+:\d+ (error|warning|note) [a-z-]+ /.test(line),
  );
  assert.equal(
    findingLines.length,
    report.findings.length + report.notices!.filter((n) => n.line).length,
  );
  const summary = lines.find((line) => line.startsWith("scan: "));
  assert.equal(
    summary,
    `scan: ${report.findings.length} findings (34 errors, 8 warnings, 0 notes) in ${report.files.length} files; ${report.notices!.length} notices; 3 suppressed; 1 generated client construction.`,
  );
  const suppressedAt = lines.indexOf("suppressed (3):");
  assert.ok(suppressedAt > lines.indexOf(summary!), "the suppressed list follows the summary");
  assert.match(lines[suppressedAt + 2]!, /^ {4}suppressed by config: Partner sandbox/);
});
