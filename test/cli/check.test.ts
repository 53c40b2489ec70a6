/**
 * `vendorguard check` on copies of the shipped examples: every way a generated client, a policy
 * or a document can drift, and the exit codes.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { cpSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { makeOutputDir } from "../support/paths.js";
import { copyShippedExamples, runCli, snapshotFiles } from "./run-cli.js";

const scratch: string[] = [];
let pristine = "";

before(() => {
  pristine = copyShippedExamples("check");
  scratch.push(pristine);
  // generated/ in a working tree may lag behind src/ (test/generate/committed-output.test.ts
  // reports that), so the baseline is generated here.
  const generated = runCli(["generate", "--silent"], pristine);
  assert.equal(generated.status, 0, generated.stderr);
});

after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** Returns a copy of the freshly generated examples for one test to change. */
function freshCopy(): string {
  const dir = makeOutputDir("check-case");
  cpSync(pristine, dir, { recursive: true });
  scratch.push(dir);
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  const text = readFileSync(full, "utf8");
  const changed = change(text);
  assert.notEqual(changed, text, `the edit of ${file} changed nothing`);
  writeFileSync(full, changed);
}

/** `file:line:column` of the first line of `file` containing `needle`, as check prints it. */
function locate(dir: string, file: string, needle: string): string {
  const lines = readFileSync(path.join(dir, file), "utf8").split("\n");
  const index = lines.findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `${needle} not found in ${file}`);
  return `${file}:${index + 1}:${lines[index]!.indexOf(needle) + 1}`;
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

test("check passes on freshly generated examples", () => {
  const dir = freshCopy();
  const result = runCli(["check"], dir);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /^pagerduty-events: up to date \(\d+ files\)$/m);
  assert.match(result.stdout, /^slack: up to date \(\d+ files\)$/m);
  assert.match(result.stdout, /^check passed: 2 of 2 vendors match\.$/m);
  assert.doesNotMatch(result.stdout, /note:/, "the shipped config records every sha256");
});

test("edited, extra and missing files fail and nothing is written", () => {
  const dir = freshCopy();
  edit(dir, "generated/slack/client.ts", (text) =>
    text.replace(/\nexport class /, "\n// local tweak\nexport class "),
  );
  writeFileSync(path.join(dir, "generated/slack/notes.ts"), "export const notes = 1;\n");
  unlinkSync(path.join(dir, "generated/slack/types.ts"));
  rmSync(path.join(dir, "generated/pagerduty-events"), { recursive: true });
  const files = snapshotFiles(dir);

  const result = runCli(["check"], dir);

  assert.equal(result.status, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /^  generated\/slack\/client\.ts was edited by hand: /m);
  assert.match(result.stdout, /^    --- generated\/slack\/client\.ts \(on disk\)$/m);
  assert.match(result.stdout, /^    \+\+\+ generated\/slack\/client\.ts \(regenerated\)$/m);
  assert.match(result.stdout, /^    @@ -\d+,7 \+\d+,6 @@$/m);
  assert.match(result.stdout, /^    -\/\/ local tweak$/m);
  assert.match(
    result.stdout,
    /^  generated\/slack\/notes\.ts is extra: generation does not produce it\./m,
  );
  assert.match(
    result.stdout,
    /^  generated\/slack\/types\.ts is missing: generation produces it\./m,
  );
  assert.match(result.stdout, /^slack: 3 problems$/m);
  assert.match(result.stdout, /^  generated\/pagerduty-events\/client\.ts is missing/m);
  assert.match(result.stdout, /^  generated\/pagerduty-events\/runtime\/transport\.ts is missing/m);
  assert.match(result.stdout, /^check failed: 2 of 2 vendors differ\.$/m);
  assert.deepEqual(snapshotFiles(dir), files, "check must not write");
});

test("policy change without regeneration is stale", () => {
  const dir = freshCopy();
  edit(dir, "specs/slack/policy.yaml", (text) => text.replace("callMs: 40000", "callMs: 35000"));
  const result = runCli(["check"], dir);
  assert.equal(result.status, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /^  generated\/slack\/policy\.ts is stale: /m);
  assert.match(result.stdout, /^    -\/\/ Policy sha256: [0-9a-f]{64}$/m);
  assert.match(result.stdout, /^    \+.*\bcallMs: 35000\b/m);
});

test("--max-diff-lines 0 prints no diff lines", () => {
  const dir = freshCopy();
  edit(dir, "generated/slack/index.ts", (text) => `${text}// appended\n`);
  const result = runCli(["check", "--max-diff-lines", "0"], dir);
  assert.equal(result.status, 1);
  assert.doesNotMatch(result.stdout, /^    @@/m);
  // One hunk: its header, three lines of context and the removed line.
  assert.match(result.stdout, /^    \.\.\. 5 more diff lines/m);
});

test("policies weaker than the floor fail after regeneration", () => {
  const dir = freshCopy();
  edit(dir, "vendorguard.config.yaml", (text) =>
    text
      .replace(
        "tlsMinVersion: TLSv1.2",
        "tlsMinVersion: TLSv1.3\n  unknownKeys: strict\n  requireAuth: true",
      )
      .replace(
        "maxTimeoutMs: { callMs: 60000 }",
        "maxTimeoutMs: { callMs: 30000, attemptMs: 6000 }",
      )
      .replace("maxResponseBytes: 10485760", "maxResponseBytes: 1048576"),
  );
  const slack = "specs/slack/policy.yaml";
  const pagerduty = "specs/pagerduty-events/policy.yaml";
  edit(dir, slack, (text) =>
    text
      .replace("redirects:\n  mode: none", "redirects:\n  mode: sameOrigin")
      .replace("timeouts: { attemptMs: 5000 }", "timeouts: { attemptMs: 5000, callMs: 90000 }"),
  );
  // A key the policy leaves out is checked at its default.
  edit(dir, pagerduty, (text) => text.replace("maxResponseBytes: 65536\n", ""));
  assert.equal(runCli(["generate", "--silent"], dir).status, 0);

  const result = runCli(["check"], dir);

  assert.equal(result.status, 1, result.stdout + result.stderr);
  const expected = [
    `${locate(dir, slack, "minVersion: TLSv1.2")} tls.minVersion: is TLSv1.2, below the floor's tlsMinVersion TLSv1.3.`,
    `${locate(dir, slack, "attemptMs: 15000")} timeouts.attemptMs: is 15000 ms, above the floor's maxTimeoutMs.attemptMs of 6000 ms.`,
    `${locate(dir, slack, "callMs: 40000")} timeouts.callMs: is 40000 ms, above the floor's maxTimeoutMs.callMs of 30000 ms.`,
    `${locate(dir, slack, "callMs: 90000")} operations.overrides.users_info.timeouts.callMs: is 90000 ms, above the floor's maxTimeoutMs.callMs of 30000 ms.`,
    `${locate(dir, slack, "mode: sameOrigin")} redirects.mode: is sameOrigin, but the floor allows no redirects (redirects: none).`,
    `${locate(dir, slack, "maxResponseBytes: 2097152")} maxResponseBytes: is 2097152 bytes, above the floor's maxResponseBytes of 1048576.`,
    `${locate(dir, slack, "unknownKeys: strip")} unknownKeys: is strip, but the floor requires unknownKeys: strict`,
    `${locate(dir, pagerduty, "scheme: none")} auth.scheme: is none, but the floor requires authentication (requireAuth: true).`,
    `${locate(dir, pagerduty, "attemptMs: 8000")} timeouts.attemptMs: is 8000 ms, above the floor's maxTimeoutMs.attemptMs of 6000 ms.`,
  ];
  for (const line of expected)
    assert.ok(result.stdout.includes(`  ${line}`), `missing: ${line}\n${result.stdout}`);
  assert.match(
    result.stdout,
    /^  specs\/pagerduty-events\/policy\.yaml:\d+:\d+ maxResponseBytes: is 10485760 bytes, above the floor's maxResponseBytes of 1048576\. Lower it to 1048576 or less\. The policy does not set it, so the default applies\.$/m,
  );
  assert.match(result.stdout, /^slack: 7 problems$/m, "regenerating does not hide a weaker policy");
  assert.match(result.stdout, /^pagerduty-events: 4 problems$/m);
});

test("digest mismatches fail even after regeneration", () => {
  const dir = freshCopy();
  // The recorded digest of slack changes; pagerduty's document is swapped and regenerated.
  const slackDigest = sha256(path.join(dir, "specs/slack/swagger.json"));
  const wrong = "f".repeat(64);
  edit(dir, "vendorguard.config.yaml", (text) => text.replace(slackDigest, wrong));
  const recorded = sha256(path.join(dir, "specs/pagerduty-events/openapi.json"));
  edit(dir, "specs/pagerduty-events/openapi.json", (text) =>
    text.replace(
      '"title": "PagerDuty V2 Events API"',
      '"title": "PagerDuty V2 Events API (mirror)"',
    ),
  );
  assert.equal(runCli(["generate", "--silent"], dir).status, 0);
  const swapped = sha256(path.join(dir, "specs/pagerduty-events/openapi.json"));

  const result = runCli(["check"], dir);

  assert.equal(result.status, 1, result.stdout + result.stderr);
  const slackLine = `  specs/slack/swagger.json has sha256 ${slackDigest}, but vendorguard.config.yaml records ${wrong} for slack.`;
  assert.ok(result.stdout.includes(slackLine), result.stdout);
  assert.ok(
    result.stdout.includes(
      `set sha256: ${slackDigest} in the slack entry of vendorguard.config.yaml.`,
    ),
    result.stdout,
  );
  const swappedLine = `  specs/pagerduty-events/openapi.json has sha256 ${swapped}, but vendorguard.config.yaml records ${recorded} for pagerduty-events.`;
  assert.ok(result.stdout.includes(swappedLine), result.stdout);
  assert.match(result.stdout, /^slack: 1 problem$/m, "the generated files still match");
  assert.match(result.stdout, /^pagerduty-events: 1 problem$/m);
});

test("config without sha256 prints the digest to record", () => {
  const dir = freshCopy();
  edit(dir, "vendorguard.config.yaml", (text) => text.replace(/^    sha256: .*\n/gm, ""));
  const result = runCli(["check"], dir);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  const digest = sha256(path.join(dir, "specs/slack/swagger.json"));
  assert.ok(
    result.stdout.includes(
      `note: vendorguard.config.yaml records no sha256 for slack; add sha256: ${digest} to its entry`,
    ),
    result.stdout,
  );
});

test("--spec, --policy and --out check one client", () => {
  const result = runCli(
    [
      "check",
      "--spec",
      "specs/pagerduty-events/openapi.json",
      "--policy",
      "specs/pagerduty-events/policy.yaml",
      "--out",
      "generated/pagerduty-events",
    ],
    pristine,
  );
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    /^PagerDuty Events: up to date \(\d+ files\)\ncheck passed: 1 of 1 vendors match\.\n$/,
  );
});

test("--spec alone is a usage error", () => {
  const result = runCli(["check", "--spec", "specs/slack/swagger.json"], pristine);
  assert.equal(result.status, 2);
  assert.match(
    result.stderr,
    /--policy and --out are missing: --spec, --policy and --out go together\./,
  );
});

test("invalid floor in the config exits 2 naming the key", () => {
  const dir = freshCopy();
  edit(dir, "vendorguard.config.yaml", (text) =>
    text.replace("tlsMinVersion: TLSv1.2", "tlsMinVersion: TLSv1.1"),
  );
  const result = runCli(["check"], dir);
  assert.equal(result.status, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /vendorguard\.config\.yaml:\d+:\d+ floor\.tlsMinVersion: /);
});

test("wrong type in the config is not called missing", () => {
  const dir = freshCopy();
  edit(dir, "vendorguard.config.yaml", (text) => text.replace("- name: slack", "- name: 12"));
  const result = runCli(["check"], dir);
  assert.equal(result.status, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /vendorguard\.config\.yaml:\d+:\d+ vendors\.1\.name: Invalid input: expected string, received number/);
  assert.doesNotMatch(result.stderr, /is missing/);
});

test("missing config file exits 2", () => {
  const dir = makeOutputDir("check-empty");
  scratch.push(dir);
  const result = runCli(["check"], dir);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /vendorguard\.config\.yaml was not found/);
});
