/**
 * The content of the evidence page as a document tree for the renderers. It has the run's date
 * and commit, a summary, the criteria, the inventory, a section per vendor and the scan.
 */
import { INVENTORY_COLUMNS } from "../ci/inventory-format.js";
import type { Evidence } from "./build.js";
import { layoutScan, scanStatus } from "./layout-scan.js";
import { layoutVendor } from "./layout-vendor.js";
import {
  type Block,
  code,
  type Content,
  count,
  type ReportDocument,
  type Section,
  status,
  text,
} from "./report-blocks.js";

export const EVIDENCE_TITLE = "Audit evidence: third-party API clients";

/** Inventory columns the overview table shows; the vendor sections show the rest. */
const OVERVIEW_COLUMNS = [
  "vendor",
  "vendor name",
  "owner",
  "purpose",
  "data classification",
  "owning service",
  "operations",
];

/** Lays out the whole page. */
export function layoutEvidence(evidence: Evidence): ReportDocument {
  return {
    title: EVIDENCE_TITLE,
    blocks: [
      runFacts(evidence),
      {
        kind: "paragraph",
        content: [
          text(
            "This page records, for each vendor, the controls its generated client enforces and the criteria they serve, with the results of vendorguard check and vendorguard scan at the date and commit above.",
          ),
        ],
      },
      summarySection(evidence),
      criteriaSection(evidence),
      inventorySection(evidence),
      ...evidence.vendors.map((vendor, index) => layoutVendor(vendor, `vendor-${index + 1}`)),
      layoutScan(evidence.scan),
    ],
  };
}

function runFacts(evidence: Evidence): Block {
  const items: Array<{ term: string; value: Content }> = [
    { term: "Generated", value: [code(evidence.generatedAt), text(" (UTC)")] },
  ];
  const commit = evidence.commit;
  if (commit.status === "commit") {
    items.push({ term: "Commit", value: [code(commit.sha)] });
    items.push({ term: "Work tree", value: [describeWorkTree(commit)] });
  } else {
    items.push({ term: "Commit", value: [status("warn", "unknown"), text(`: ${commit.reason}`)] });
  }
  items.push(
    {
      term: "Config",
      value: [code(evidence.configFile), text(" (the paths below are relative to its folder)")],
    },
    { term: "vendorguard", value: [text(evidence.vendorguardVersion)] },
  );
  return { kind: "facts", items };
}

function describeWorkTree(commit: { changedFiles: number; untrackedPaths: number }) {
  if (commit.changedFiles === 0 && commit.untrackedPaths === 0) {
    return status("pass", "clean: no uncommitted changes");
  }
  const parts = [
    count(commit.changedFiles, "tracked file", "tracked files") + " changed",
    count(commit.untrackedPaths, "untracked path", "untracked paths"),
  ];
  return status("warn", `uncommitted changes: ${parts.join(", ")}`);
}

function summarySection(evidence: Evidence): Section {
  const names = evidence.vendors.map((vendor) => vendor.inventory.vendor);
  const failed = evidence.vendors.filter((vendor) => !vendor.check.passed).length;
  const total = evidence.vendors.length;
  const check =
    failed === 0
      ? status("pass", `passed: ${total} of ${total} vendors match`)
      : status("fail", `failed: ${failed} of ${total} vendors differ`);
  return {
    kind: "section",
    id: "summary",
    heading: "Summary",
    blocks: [
      {
        kind: "table",
        role: "summary",
        headers: ["item", "result"],
        rows: [
          [[text("vendors")], [text(`${total}: ${names.join(", ")}`)]],
          [[text("vendorguard check")], [check]],
          [[text("vendorguard scan")], [scanStatus(evidence.scan)]],
        ],
      },
    ],
  };
}

function criteriaSection(evidence: Evidence): Section {
  return {
    kind: "section",
    id: "criteria",
    heading: "Criteria",
    blocks: [
      {
        kind: "table",
        role: "criteria",
        headers: ["criterion", "name", "what it asks for"],
        rows: evidence.criteria.map((criterion) => [
          [text(criterion.id)],
          [text(criterion.name)],
          [text(criterion.summary)],
        ]),
      },
    ],
  };
}

function inventorySection(evidence: Evidence): Section {
  const columns = OVERVIEW_COLUMNS.map((header) => {
    const column = INVENTORY_COLUMNS.find((candidate) => candidate.header === header);
    if (column === undefined) throw new Error(`the inventory has no column named ${header}`);
    return column;
  });
  return {
    kind: "section",
    id: "inventory",
    heading: "Inventory",
    blocks: [
      {
        kind: "table",
        role: "inventory",
        headers: columns.map((column) => column.header),
        rows: evidence.vendors.map((vendor) =>
          columns.map((column) => [text(column.cell(vendor.inventory))]),
        ),
      },
    ],
  };
}
