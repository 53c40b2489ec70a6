import assert from "node:assert/strict";
import { test } from "node:test";
import type { ApiChange } from "../../src/ci/api-diff.js";
import type { DiffReport } from "../../src/ci/diff-documents.js";
import { MAX_MARKDOWN_ROWS, renderDiffMarkdown } from "../../src/ci/diff-markdown.js";
import { markdownCode, markdownText } from "../../src/ci/markdown.js";

function report(changes: ApiChange[]): DiffReport {
  const breaking = changes.filter((change) => change.severity === "breaking").length;
  const document = {
    file: "specs/shop.yaml",
    title: "Shop",
    version: "1",
    sha256: "0".repeat(64),
    operations: 2,
  };
  return {
    old: document,
    new: { ...document, version: "2" },
    strictUnknownKeys: true,
    summary: {
      breaking,
      nonBreaking: changes.length - breaking,
      operationsAdded: 0,
      operationsRemoved: 0,
      operationsChanged: 1,
    },
    changes,
  };
}

const operation = { operationId: "getOrder", method: "GET" as const, path: "/orders/{id}" };

test("breaking changes in a table, others folded", () => {
  const text = renderDiffMarkdown(
    report([
      {
        severity: "breaking",
        kind: "property-added",
        operation,
        location: "response 200",
        schemaPath: "body.currency",
        component: { key: "Order", path: ".currency" },
        message: "was added",
        repeats: 2,
      },
      {
        severity: "non-breaking",
        kind: "operation-added",
        operation: { ...operation, operationId: "GET /refunds", path: "/refunds" },
        location: "operation",
        message: "operation was added",
      },
    ]),
  );
  assert.match(text, /^### API changes: Shop 1 → 2$/m);
  assert.match(
    text,
    /^\*\*1 breaking\*\* and 1 non-breaking change: 0 operations added, 0 removed, 1 changed\.$/m,
  );
  assert.match(
    text,
    /^\| `getOrder`<br>`GET \/orders\/\{id\}` \| response 200 `body\.currency` in `Order` \(and 2 more places\) \| was added \|$/m,
  );
  assert.match(text, /^<details><summary>Non-breaking changes \(1\)<\/summary>$/m);
  assert.match(text, /^\| `GET \/refunds` \| operation \| operation was added \|$/m);
});

test("vendor text cannot break the table or inject markup", () => {
  assert.equal(
    markdownText("a|b <img src=x> [link](http://x) *em* @team\nnext"),
    "a\\|b &lt;img src=x&gt; \\[link\\](http://x) \\*em\\* @&#8203;team next",
  );
  assert.equal(markdownText("owner support@example.com"), "owner support@example.com");
  assert.equal(markdownCode("x|y"), "`x\\|y`");
  assert.equal(markdownCode("a`b"), "``a`b``");
  assert.equal(markdownCode("`edge"), "`` `edge ``");
});

test("long tables are cut with a pointer to JSON", () => {
  const many = Array.from({ length: MAX_MARKDOWN_ROWS + 5 }, (_, index): ApiChange => ({
    severity: "breaking",
    kind: "enum-value-added",
    operation,
    location: "response 200",
    schemaPath: `body.field${index}`,
    message: 'enum value "x" added',
  }));
  const text = renderDiffMarkdown(report(many));
  assert.equal(
    text.split("\n").filter((line) => line.startsWith("| `getOrder`")).length,
    MAX_MARKDOWN_ROWS,
  );
  assert.match(text, /^…and 5 more\. `vendorguard diff --format json` lists every change\.$/m);
});

test("no changes says so", () => {
  assert.match(renderDiffMarkdown(report([])), /\n\nNo changes\.\n$/);
});
