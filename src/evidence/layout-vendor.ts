/** The section of one vendor: its `check` result, its controls and its document and policy. */
import type { VendorEvidence } from "./build.js";
import type { CheckSummary } from "./check-summary.js";
import type { CriterionId } from "./control-mapping.js";
import {
  type Block,
  code,
  type Content,
  count,
  type Section,
  status,
  text,
} from "./report-blocks.js";

/** Lays out one vendor's section; `id` is its fragment identifier. */
export function layoutVendor(vendor: VendorEvidence, id: string): Section {
  const entry = vendor.inventory;
  const heading =
    entry.vendor === entry.vendorName
      ? `Vendor: ${entry.vendor}`
      : `Vendor: ${entry.vendor} (${entry.vendorName})`;
  return {
    kind: "section",
    id,
    heading,
    role: "vendor",
    blocks: [
      {
        kind: "section",
        id: `${id}-check`,
        heading: "vendorguard check",
        blocks: checkBlocks(vendor.check),
      },
      {
        kind: "section",
        id: `${id}-controls`,
        heading: "Controls",
        blocks: [controlsTable(vendor)],
      },
      {
        kind: "section",
        id: `${id}-files`,
        heading: "Document and policy",
        blocks: [filesTable(vendor)],
      },
    ],
  };
}

function checkBlocks(check: CheckSummary): Block[] {
  const blocks: Block[] = [];
  if (check.passed) {
    const checked = [
      `${count(check.fileCount, "generated file", "generated files")} match what generation produces now`,
      check.floorChecked ? "the policy meets the config's floor" : "the config sets no floor",
      check.digestChecked
        ? "the document's sha256 is the one the config records"
        : "the config records no document sha256",
    ];
    blocks.push({
      kind: "paragraph",
      content: [status("pass", "passed"), text(`: ${checked.join("; ")}.`)],
    });
  } else {
    const problems = count(check.problems.length, "problem", "problems");
    blocks.push({ kind: "paragraph", content: [status("fail", "failed"), text(`: ${problems}.`)] });
    blocks.push({ kind: "list", items: check.problems.map((problem) => [text(problem)]) });
  }
  if (check.notes.length > 0) {
    blocks.push({ kind: "list", items: check.notes.map((note) => [text(`Note: ${note}`)]) });
  }
  return blocks;
}

function controlsTable(vendor: VendorEvidence): Block {
  return {
    kind: "table",
    role: "controls",
    headers: ["control", "setting", "SOC 2", "OWASP", "why"],
    rows: vendor.controls.map((control) => [
      [text(control.title)],
      [text(control.setting)],
      [text(criteriaOf(control.criteria, "SOC 2 "))],
      [text(criteriaOf(control.criteria, "OWASP "))],
      [text(control.reason)],
    ]),
  };
}

/** Lists the criteria of one framework without its prefix, e.g. `CC9.2, CC7.1` for `SOC 2 `. */
function criteriaOf(criteria: readonly CriterionId[], prefix: string): string {
  return criteria
    .filter((criterion) => criterion.startsWith(prefix))
    .map((criterion) => criterion.slice(prefix.length))
    .join(", ");
}

function filesTable(vendor: VendorEvidence): Block {
  const entry = vendor.inventory;
  const recorded: Content =
    vendor.recordedSha256 === undefined ? [text("none recorded")] : [code(vendor.recordedSha256)];
  return {
    kind: "table",
    role: "digests",
    headers: ["item", "file", "sha256"],
    rows: [
      [
        [text(`document: ${entry.specTitle} ${entry.specVersion}`)],
        [code(entry.specFile)],
        [code(entry.specSha256)],
      ],
      [[text("document sha256 recorded in the config")], [text("")], recorded],
      [[text("policy")], [code(entry.policyFile)], [code(entry.policySha256)]],
    ],
  };
}
