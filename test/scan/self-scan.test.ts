/**
 * vendorguard scan over this repository with its own config: no finding at all, only the
 * suppressed sample tokens of Slack's document, and nothing read from the generated runtimes or
 * the tests.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { loadConfig } from "../../src/config/load.js";
import { countFailing, runScan } from "../../src/scan/index.js";
import { REPO_ROOT } from "../support/paths.js";

test("repository scans clean", async () => {
  const config = await loadConfig(path.join(REPO_ROOT, "vendorguard.config.yaml"));
  const report = await runScan({ root: REPO_ROOT, config });

  assert.deepEqual(report.findings, []);
  assert.equal(countFailing(report, "warning"), 0, JSON.stringify(report.notices, null, 2));
  assert.deepEqual(
    report.suppressed.map(
      (finding) => `${finding.ruleId} ${finding.file} ${finding.suppression.source}`,
    ),
    [
      "hardcoded-secret specs/slack/swagger.json config",
      "hardcoded-secret specs/slack/swagger.json config",
      "hardcoded-secret specs/slack/swagger.json config",
    ],
  );
  for (const file of [
    "src/scan/index.ts",
    "src/runtime/transport.ts",
    "generated/slack/client.ts",
  ]) {
    assert.ok(report.files.includes(file), `${file} is scanned`);
  }
  const leftOut = report.files.filter(
    (file) =>
      /^generated\/[^/]+\/runtime\//.test(file) ||
      file.startsWith("test/") ||
      file.startsWith("dist/"),
  );
  assert.deepEqual(leftOut, []);
});
