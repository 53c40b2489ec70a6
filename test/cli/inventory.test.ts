/**
 * `vendorguard inventory` as a child process on a copy of the shipped examples.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, test } from "node:test";
import { copyShippedExamples, runCli } from "./run-cli.js";

const work = copyShippedExamples("cli-inventory");
after(() => rmSync(work, { recursive: true, force: true }));

test("markdown is the default and repeats byte for byte", () => {
  const first = runCli(["inventory"], work);
  assert.equal(first.status, 0, first.stderr);
  const lines = first.stdout.trimEnd().split("\n");
  assert.equal(lines.length, 4, "header, separator and one row per vendor");
  assert.match(
    lines[0]!,
    /^\| vendor \| vendor name \| owner \| purpose \| data classification \| owning service \| auth \| base URL \| allowed hosts \| TLS minimum \| timeouts \(ms\) \|/,
  );
  assert.match(lines[3]!, /^\| slack \| Slack \| support-tools@example\.com \| /);
  assert.equal(runCli(["inventory"], work).stdout, first.stdout);
  assert.doesNotMatch(first.stdout, /\d{4}-\d{2}-\d{2}/, "no dates");
});

test("json lists structured entries", () => {
  const result = runCli(["inventory", "--format", "json"], work);
  assert.equal(result.status, 0, result.stderr);
  const entries = JSON.parse(result.stdout) as Array<{
    vendor: string;
    auth: string;
    operations: number;
    timeouts: { callMs: number };
  }>;
  assert.deepEqual(
    entries.map((entry) => entry.vendor),
    ["pagerduty-events", "slack"],
  );
  assert.equal(entries[0]!.auth, "none");
  assert.equal(entries[0]!.operations, 2);
  assert.equal(entries[1]!.timeouts.callMs, 40000);
});

test("csv quotes the purpose that contains a comma", () => {
  const result = runCli(["inventory", "--format", "csv"], work);
  assert.equal(result.status, 0, result.stderr);
  assert.match(
    result.stdout,
    /^pagerduty-events,PagerDuty Events,sre-oncall@example\.com,"Open, acknowledge and resolve incidents from our monitoring pipeline",internal,/m,
  );
  assert.match(result.stdout, /,"internal, PII",/);
});

test("--config names another file", () => {
  const result = runCli(["inventory", "--config", "missing.yaml"], work);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /missing\.yaml was not found/);
});
