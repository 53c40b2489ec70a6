import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { buildInventory, describeAuth, type InventoryEntry } from "../../src/ci/inventory.js";
import { renderInventoryCsv, renderInventoryMarkdown } from "../../src/ci/inventory-format.js";
import { loadConfig } from "../../src/config/load.js";
import { copyShippedExamples } from "../cli/run-cli.js";

const work = copyShippedExamples("inventory");
after(() => rmSync(work, { recursive: true, force: true }));

const entries = await buildInventory(await loadConfig(path.join(work, "vendorguard.config.yaml")));

test("one entry per vendor in config order", () => {
  assert.deepEqual(
    entries.map((entry) => entry.vendor),
    ["pagerduty-events", "slack"],
  );
});

test("slack entry carries policy and document facts", () => {
  const slack = entries[1]!;
  assert.equal(slack.vendorName, "Slack");
  assert.equal(slack.owner, "support-tools@example.com");
  assert.deepEqual(slack.dataClassification, ["internal", "PII"]);
  assert.equal(slack.owningService, "support-bot");
  assert.equal(slack.auth, "bearer (secret: env SLACK_BOT_TOKEN)");
  assert.equal(slack.baseUrl, "https://slack.com/api");
  assert.deepEqual(slack.allowedHosts, ["slack.com"]);
  assert.equal(slack.tlsMinVersion, "TLSv1.2");
  assert.equal(slack.timeouts.callMs, 40000);
  assert.equal(slack.retries.maxAttempts, 3);
  assert.equal(slack.circuitBreaker.failureThreshold, 5);
  assert.equal(slack.unknownKeys, "strip");
  assert.equal(slack.operations, 5);
  assert.equal(slack.specFile, "specs/slack/swagger.json");
  assert.equal(slack.specTitle, "Slack Web API");
  assert.equal(slack.specVersion, "1.7.0");
  assert.equal(
    slack.specSha256,
    "742a5c977180a829df8767cf57bc417d99b3713583aee83741efb9c08ca731e7",
  );
  assert.match(slack.policySha256, /^[0-9a-f]{64}$/);
});

test("same inventory from another working directory", async () => {
  const cwd = process.cwd();
  process.chdir(work);
  try {
    const again = await buildInventory(await loadConfig("vendorguard.config.yaml"));
    assert.deepEqual(again, entries);
  } finally {
    process.chdir(cwd);
  }
});

test("auth is described without secrets", () => {
  assert.equal(describeAuth({ scheme: "none" }), "none");
  assert.equal(
    describeAuth({
      scheme: "apiKey",
      in: "header",
      name: "X-Key",
      secret: { provider: "keyProvider" },
    }),
    "apiKey (in: header, name: X-Key, secret: provider keyProvider)",
  );
});

function entryWith(fields: Partial<InventoryEntry>): InventoryEntry {
  return { ...entries[0]!, ...fields };
}

test("CSV quotes commas, quotes and line breaks", () => {
  const csv = renderInventoryCsv([
    entryWith({ purpose: 'Page "on-call", then\nescalate', owner: '=HYPERLINK("x")' }),
  ]);
  const [header, row] = csv.split("\r\n");
  assert.ok(header?.startsWith("vendor,vendor name,owner,purpose,data classification,"));
  assert.ok(row?.includes(`,"'=HYPERLINK(""x"")","Page ""on-call"", then\nescalate",`), row);
  assert.ok(csv.endsWith("\r\n"));
});

test("CSV has one row per vendor and a header", () => {
  const csv = renderInventoryCsv(entries);
  // Each row ends with the policy sha256; no field of the shipped examples contains a line break.
  assert.equal(csv.split("\r\n").length, entries.length + 2);
  assert.match(csv, /,specs\/slack\/policy\.yaml,[0-9a-f]{64}\r\n$/);
});

test("Markdown escapes cell separators", () => {
  const text = renderInventoryMarkdown([entryWith({ purpose: "a | b" })]);
  const row = text.split("\n")[2] ?? "";
  assert.ok(row.includes("| a \\| b |"), row);
  assert.equal(row.split(/(?<!\\)\|/).length - 2, text.split("\n")[0]!.split("|").length - 2);
});
