/**
 * The evidence page in headless Chromium (Debian's package, driven by playwright-core): it opens
 * from a file:// URL without any further request, shows every vendor with its control table, runs
 * no script and shows the hostile texts as text. A full-page screenshot is left in .test-output/
 * for a person to judge the layout.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CONTROL_MAPPINGS } from "../../src/evidence/control-mapping.js";
import { renderEvidenceHtml } from "../../src/evidence/render-html.js";
import { REPO_ROOT } from "../support/paths.js";
import {
  buildWorkspaceEvidence,
  HOSTILE_VENDOR,
  makeEvidenceWorkspace,
  WORKSPACE_VENDORS,
} from "./workspace.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SCREENSHOT = path.join(REPO_ROOT, ".test-output", "evidence-page.png");

const work = makeEvidenceWorkspace("evidence-browser");
const pageFile = path.join(work, "evidence.html");
const pageUrl = pathToFileURL(pageFile).href;
let context: BrowserContext | undefined;
let page: Page;
/** URL of every request the page made, in order. */
const requests: string[] = [];

before(async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `Chromium was not found at ${CHROMIUM}, and this test needs it. Install it with: apt-get install -y --no-install-recommends chromium`,
  );
  writeFileSync(
    pageFile,
    renderEvidenceHtml(await buildWorkspaceEvidence(work, { withScan: true })),
  );
  // A new, empty profile, so nothing of an earlier run (cache, service workers) is reused.
  const profile = mkdtempSync(path.join(work, "chromium-profile-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  context.on("request", (request) => requests.push(request.url()));
  // Whatever the page asked for beyond its own file is recorded above and never sent.
  await context.route(/^(?!file:)/, (route) => route.abort());
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(pageUrl, { waitUntil: "load" });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

after(async () => {
  await context?.close();
  rmSync(work, { recursive: true, force: true });
});

test("page makes no request but its own", () => {
  assert.deepEqual(requests, [pageUrl]);
});

test("every vendor appears in the text", async () => {
  const text = await page.locator("body").innerText();
  for (const vendor of WORKSPACE_VENDORS) {
    assert.ok(text.includes(vendor), `${vendor} is not in the page's text`);
  }
});

test("each vendor has its control table", async () => {
  const sections = page.locator("section.vendor");
  assert.equal(await sections.count(), WORKSPACE_VENDORS.length);
  for (const [index, vendor] of WORKSPACE_VENDORS.entries()) {
    const section = sections.nth(index);
    assert.ok((await section.locator("h2").innerText()).includes(vendor));
    const firstCells = await section
      .locator("table.controls tbody tr td:first-child")
      .allInnerTexts();
    assert.deepEqual(
      firstCells,
      CONTROL_MAPPINGS.map((mapping) => mapping.title),
      `control table of ${vendor}`,
    );
  }
});

test("hostile texts stay text", async () => {
  assert.equal(await page.locator("script").count(), 0, "script elements");
  assert.equal(await page.locator("img").count(), 0, "img elements");
  assert.equal(await page.locator("main b, main i, main a").count(), 0, "markup from the inputs");
  const text = await page.locator("body").innerText();
  assert.ok(text.includes(HOSTILE_VENDOR));
  assert.ok(text.includes("<script>alert(1)</script>|Evil"), "policy vendor.name");
  assert.ok(text.includes('fetch to <script>alert("finding")</script> | billing.example.net'));
});

test("page shows the scan and its suppressions", async () => {
  const findings = page.locator("#scan-findings table.findings tbody tr");
  assert.equal(await findings.count(), 5);
  const reasons = await page
    .locator("#scan-suppressed table.suppressions tbody tr td:last-child")
    .allInnerTexts();
  assert.deepEqual(reasons, [
    "cloud metadata endpoint | only reachable <inside> the VPC",
    "documented test key of the vendor's sandbox",
  ]);
});
