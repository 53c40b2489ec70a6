/** Reading scan reports from files: the fixture, extra keys, and each kind of bad file. */
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { isVendorguardError } from "../../src/errors.js";
import { readScanReport } from "../../src/evidence/scan-report-file.js";
import { makeOutputDir } from "../support/paths.js";
import { FIXTURES } from "./workspace.js";

const FIXTURE = path.join(FIXTURES, "scan-report.json");
const work = makeOutputDir("scan-report-file");
after(() => rmSync(work, { recursive: true, force: true }));

type Json = Record<string, unknown>;

/** The fixture as data, changed by `edit`, written to `name` in the scratch folder. */
function writeVariant(name: string, edit: (report: Json) => unknown): string {
  const report = JSON.parse(readFileSync(FIXTURE, "utf8")) as Json;
  const file = path.join(work, name);
  writeFileSync(file, JSON.stringify(edit(report)));
  return file;
}

function findings(report: Json, key: "findings" | "suppressed"): Json[] {
  return report[key] as Json[];
}

/** Reads `file` and returns the message of the error it must raise. */
async function errorOf(file: string): Promise<string> {
  try {
    await readScanReport(file);
  } catch (error) {
    assert.ok(isVendorguardError(error), `not a VendorguardError: ${String(error)}`);
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail(`${file} was read without an error`);
}

test("fixture reads in full", async () => {
  const report = await readScanReport(FIXTURE);
  assert.equal(report.root, "/srv/app");
  assert.equal(report.files.length, 4);
  assert.equal(report.findings.length, 5);
  assert.equal(report.findings[0]!.host, "billing.example.net");
  assert.equal(report.findings[3]!.host, undefined);
  assert.deepEqual(report.suppressed[1]!.suppression, {
    source: "config",
    reason: "documented test key of the vendor's sandbox",
  });
});

test("unknown keys are dropped", async () => {
  const file = writeVariant("extra-keys.json", (report) => {
    findings(report, "findings")[0]!.snippet = "fetch(url)";
    return { ...report, tool: { name: "vendorguard", version: "9.9.9" } };
  });
  const report = await readScanReport(file);
  assert.equal("tool" in report, false);
  assert.equal("snippet" in report.findings[0]!, false);
});

test("missing file names the command", async () => {
  const file = path.join(work, "absent.json");
  const message = await errorOf(file);
  assert.ok(message.includes(`--scan-report ${file} was not found`), message);
  assert.ok(message.includes(`vendorguard scan --format json --output ${file}`), message);
});

test("invalid JSON is reported", async () => {
  const file = path.join(work, "broken.json");
  writeFileSync(file, '{ "root": "/srv/app", ');
  const message = await errorOf(file);
  assert.ok(message.startsWith(`--scan-report ${file} is not a vendorguard scan report:`), message);
  assert.match(message, /invalid JSON: /);
});

test("bad key is named with its path", async () => {
  const cases: Array<{ name: string; edit: (report: Json) => unknown; expected: RegExp }> = [
    {
      name: "rule.json",
      edit: (report) => {
        findings(report, "findings")[1]!.ruleId = "no-such-rule";
        return report;
      },
      expected: /^ {2}findings\[1\]\.ruleId: /m,
    },
    {
      name: "line.json",
      edit: (report) => {
        findings(report, "findings")[0]!.line = 0;
        return report;
      },
      expected: /^ {2}findings\[0\]\.line: /m,
    },
    {
      name: "column-type.json",
      edit: (report) => {
        findings(report, "findings")[2]!.column = "9";
        return report;
      },
      expected: /^ {2}findings\[2\]\.column: Invalid input: expected number, received string\.$/m,
    },
    {
      name: "reason.json",
      edit: (report) => {
        delete (findings(report, "suppressed")[0]!.suppression as Json).reason;
        return report;
      },
      expected: /^ {2}suppressed\[0\]\.suppression\.reason: is missing \(expected string\)\.$/m,
    },
    {
      name: "blank-reason.json",
      edit: (report) => {
        (findings(report, "suppressed")[1]!.suppression as Json).reason = "   ";
        return report;
      },
      expected: /^ {2}suppressed\[1\]\.suppression\.reason: a suppression must give its reason\.$/m,
    },
    {
      name: "array.json",
      edit: (report) => [report],
      expected: /^ {2}\(top level\): /m,
    },
  ];
  for (const { name, edit, expected } of cases) {
    const file = writeVariant(name, edit);
    const message = await errorOf(file);
    assert.ok(message.includes(file), `${name}: ${message}`);
    assert.match(message, expected, name);
    assert.ok(message.endsWith(`Write it with vendorguard scan --format json --output ${file}.`));
  }
});

test("long issue lists are cut", async () => {
  const file = writeVariant("many.json", (report) => ({
    ...report,
    findings: Array.from({ length: 30 }, () => ({ ruleId: "x" })),
  }));
  const message = await errorOf(file);
  assert.equal(message.match(/^ {2}findings\[/gm)?.length, 20);
  assert.match(message, /^ {2}\.\.\. and \d+ more problems$/m);
});
