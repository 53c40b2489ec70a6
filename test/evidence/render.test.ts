/**
 * The Markdown and HTML renderers on evidence built from the shipped examples, a vendor whose
 * every text is hostile markup, and the scan report fixture.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { markdownText } from "../../src/ci/markdown.js";
import { CONTROL_MAPPINGS } from "../../src/evidence/control-mapping.js";
import { EVIDENCE_STYLE } from "../../src/evidence/evidence-style.js";
import { renderEvidenceHtml } from "../../src/evidence/render-html.js";
import { renderEvidenceMarkdown } from "../../src/evidence/render-markdown.js";
import { listFiles } from "../../src/write/atomic.js";
import { REPO_ROOT } from "../support/paths.js";
import {
  buildWorkspaceEvidence,
  FIXED_SHA,
  HOSTILE_VENDOR,
  makeEvidenceWorkspace,
  WORKSPACE_VENDORS,
} from "./workspace.js";

const work = makeEvidenceWorkspace("evidence-render");
after(() => rmSync(work, { recursive: true, force: true }));

const evidence = await buildWorkspaceEvidence(work, { withScan: true });
const markdown = renderEvidenceMarkdown(evidence);
const html = renderEvidenceHtml(evidence);

/** Returns the Markdown between a vendor's heading and the next heading of the same level. */
function vendorMarkdown(vendor: string): string {
  const heading = `## Vendor: ${markdownText(vendor)}`;
  const start = markdown.indexOf(heading);
  assert.notEqual(start, -1, `no heading for ${vendor}`);
  const end = markdown.indexOf("\n## ", start + heading.length);
  return markdown.slice(start, end === -1 ? undefined : end);
}

/** Cells of a Markdown table row, split at pipes that no backslash escapes. */
function cells(row: string): string[] {
  return row.slice(2, -2).split(/(?<!\\)\s\|\s/);
}

test("markdown has a section per vendor", () => {
  for (const vendor of WORKSPACE_VENDORS) vendorMarkdown(vendor);
  assert.equal(markdown.match(/^## Vendor: /gm)?.length, WORKSPACE_VENDORS.length);
});

test("markdown lists every control per vendor", () => {
  for (const vendor of WORKSPACE_VENDORS) {
    const rows = vendorMarkdown(vendor)
      .split("\n")
      .filter((line) => line.startsWith("| "))
      .map(cells);
    const titles = CONTROL_MAPPINGS.map((mapping) => mapping.title);
    const controlRows = rows.filter((row) => titles.includes(row[0]!));
    assert.deepEqual(
      controlRows.map((row) => row[0]),
      titles,
      `controls of ${vendor}`,
    );
    for (const row of controlRows) {
      assert.equal(row.length, 5, `columns of ${row[0]} for ${vendor}`);
      assert.notEqual(row[1], "", `setting of ${row[0]} for ${vendor}`);
    }
  }
});

test("markdown maps controls to criteria", () => {
  const slack = vendorMarkdown("slack");
  assert.match(
    slack,
    /^\| Circuit breaker \| mode: consecutive; failureThreshold: 5; halfOpenAfterMs: 30000; scope: client; countValidationFailures: false \| CC9\.2, CC7\.1 \| API10:2023 \| Calls stop going/m,
  );
  assert.match(slack, /^\| Unknown response keys \| strip \| CC7\.1 \| API10:2023 \| /m);
  assert.match(
    slack,
    /^\| Authentication \| bearer \(secret: env SLACK\\_BOT\\_TOKEN\) \| CC9\.2 \|  \| /m,
  );
});

test("markdown shows date, commit and work tree", () => {
  assert.match(markdown, /^- \*\*Generated:\*\* `2025-01-31T09:30:00Z` \(UTC\)$/m);
  assert.ok(markdown.includes(`- **Commit:** \`${FIXED_SHA}\``));
  assert.match(markdown, /uncommitted changes: 2 tracked files changed, 1 untracked path/);
});

test("markdown shows check results", async () => {
  const slackFiles = (await listFiles(path.join(REPO_ROOT, "generated/slack"))).length;
  assert.ok(vendorMarkdown("slack").includes(`**passed**: ${slackFiles} generated files match`));
  const hostile = vendorMarkdown(HOSTILE_VENDOR);
  assert.match(hostile, /^\*\*failed\*\*: \d+ problems\.$/m);
  assert.match(hostile, /^- generated\/hostile\/client\.ts is missing: /m);
  assert.match(
    hostile,
    /^- hostile\/policy\.yaml:\d+:\d+ redirects\.mode: is sameOrigin, but the floor/m,
  );
  assert.match(hostile, /^- Note: The config records no sha256 for /m);
  assert.match(markdown, /^\| vendorguard check \| \*\*failed: 1 of 3 vendors differ\*\* \|$/m);
});

test("markdown lists findings and suppressions", () => {
  assert.match(
    markdown,
    /^\| vendorguard scan \| \*\*5 findings \(3 errors, 1 warning, 1 note\); 2 suppressed\*\* \|$/m,
  );
  assert.match(
    markdown,
    /^- \*\*Report:\*\* `scan-report\.json`, modified 2025-01-31T09:30:00Z\./m,
  );
  assert.match(
    markdown,
    /^\| error \| `host-not-allowed` \| `src\/billing\.ts:12:5` \| fetch to /m,
  );
  assert.match(
    markdown,
    /^\| warning \| `plain-http` \| `src\/billing\.ts:44:9` \| http:\/\/ URL to metadata\.internal \| inline comment \| cloud metadata endpoint \\\| only reachable &lt;inside&gt; the VPC \|$/m,
  );
  assert.match(
    markdown,
    /^\| error \| `hardcoded-secret` \| `vendorguard\.config\.yaml:2:1` \| .+ \| config \| documented test key of the vendor's sandbox \|$/m,
  );
});

test("markdown tables keep their columns", () => {
  let columns: number | undefined;
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("| ")) {
      columns = undefined;
      continue;
    }
    const count = cells(line).length;
    columns ??= count;
    assert.equal(count, columns, `row with a different number of cells: ${line}`);
  }
});

test("markdown escapes hostile texts", () => {
  // Code spans show their content literally, so only the text outside them can carry markup.
  const outsideCode = markdown
    .split("\n")
    .slice(1)
    .join("\n")
    .replace(/(`+)[^`]*?\1/g, "");
  assert.doesNotMatch(outsideCode, /</, "a raw < outside code spans");
  assert.ok(markdown.includes(markdownText(HOSTILE_VENDOR)));
  assert.ok(markdown.includes("&lt;script&gt;alert(1)&lt;/script&gt;\\|Evil"));
  assert.ok(markdown.includes("\\[link\\](http://127.0.0.1:9/)"));
});

test("markdown says when no scan ran", async () => {
  const withoutScan = renderEvidenceMarkdown(
    await buildWorkspaceEvidence(work, { withScan: false }),
  );
  assert.match(
    withoutScan,
    /^\*\*not run\*\*: no scan report was given\. Write one with `vendorguard scan --format json --output scan-report\.json` and pass it to vendorguard evidence with `--scan-report scan-report\.json`, or run vendorguard evidence with `--scan` to scan now\.$/m,
  );
  assert.match(withoutScan, /^\| vendorguard scan \| \*\*not run\*\* \|$/m);
});

test("rendering repeats byte for byte", () => {
  assert.equal(renderEvidenceMarkdown(evidence), markdown);
  assert.equal(renderEvidenceHtml(evidence), html);
});

test("html escapes hostile texts", () => {
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.doesNotMatch(html, /<(a|b|i)[\s>]/i);
  assert.doesNotMatch(html, /\b(src|href)\s*=\s*["']/i, "an attribute that loads or links");
  assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;|Evil"));
  assert.ok(html.includes("evil&lt;script&gt;alert(&#39;config&#39;)&lt;/script&gt;|x"));
  assert.ok(html.includes("<code>src/&lt;b&gt;notify&lt;/b&gt;.ts:3:17</code>"));
});

test("html allows only its own style", () => {
  const hash = createHash("sha256").update(EVIDENCE_STYLE).digest("base64");
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
  assert.equal(
    policy,
    `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`,
  );
  assert.ok(html.includes(`<style>${EVIDENCE_STYLE}</style>`));
});

test("html and markdown carry the same tables", () => {
  const htmlHeadings = html.match(/<h[2-6]>/g)?.length;
  const markdownHeadings = markdown.match(/^#{2,6} /gm)?.length;
  assert.equal(htmlHeadings, markdownHeadings);
  const htmlRows = html.match(/<tr>/g)?.length;
  const markdownRows = markdown.match(/^\| /gm)?.length;
  const tables = html.match(/<table /g)?.length ?? 0;
  // Markdown has a separator row under each header row, which HTML does not.
  assert.equal(htmlRows, (markdownRows ?? 0) - tables);
});

test("scan run in-process says so", () => {
  if (evidence.scan.status !== "included") assert.fail("the workspace evidence has no scan");
  const inProcess = { ...evidence, scan: { ...evidence.scan, origin: { kind: "run" as const } } };
  assert.match(
    renderEvidenceMarkdown(inProcess),
    /^- \*\*Report:\*\* run by this vendorguard evidence, at the date and commit above$/m,
  );
});
