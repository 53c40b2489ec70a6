/** The section of the codebase scan: where the report came from, its findings and suppressions. */
import type { ScanFinding, SuppressedFinding } from "../scan/types.js";
import type { ScanEvidence } from "./build.js";
import {
  type Block,
  code,
  type Content,
  count,
  type Inline,
  type Section,
  status,
  text,
} from "./report-blocks.js";

type IncludedScan = Extract<ScanEvidence, { status: "included" }>;

/** Lays out the scan section, or the command to run when no scan report was given. */
export function layoutScan(scan: ScanEvidence): Section {
  const section: Section = { kind: "section", id: "scan", heading: "Codebase scan", blocks: [] };
  if (scan.status === "not-run") {
    section.blocks.push({
      kind: "paragraph",
      content: [
        status("none", "not run"),
        text(": no scan report was given. Write one with "),
        code(scan.command),
        text(" and pass it to vendorguard evidence with "),
        code("--scan-report scan-report.json"),
        text(", or run vendorguard evidence with "),
        code("--scan"),
        text(" to scan now."),
      ],
    });
    return section;
  }
  section.blocks.push(
    scanFacts(scan),
    {
      kind: "section",
      id: "scan-findings",
      heading: "Findings",
      blocks: [findingsTable(scan.findings)],
    },
    {
      kind: "section",
      id: "scan-suppressed",
      heading: "Suppressed findings",
      blocks: [suppressedTable(scan.suppressed)],
    },
  );
  return section;
}

/** Describes the scan's outcome in one line, e.g. `3 findings (1 error, 2 warnings); 1 suppressed`. */
export function scanStatus(scan: ScanEvidence): Inline {
  if (scan.status === "not-run") return status("none", "not run");
  const suppressed = `${scan.suppressed.length} suppressed`;
  if (scan.findings.length === 0) return status("pass", `no findings; ${suppressed}`);
  const severities = (["error", "warning", "note"] as const)
    .map(
      (severity) =>
        [severity, scan.findings.filter((f) => f.severity === severity).length] as const,
    )
    .filter(([, found]) => found > 0)
    .map(([severity, found]) => count(found, severity, `${severity}s`));
  const label = `${count(scan.findings.length, "finding", "findings")} (${severities.join(", ")}); ${suppressed}`;
  const hasError = scan.findings.some((finding) => finding.severity === "error");
  return status(hasError ? "fail" : "warn", label);
}

function scanFacts(scan: IncludedScan): Block {
  const source: Content =
    scan.origin.kind === "run"
      ? [text("run by this vendorguard evidence, at the date and commit above")]
      : [
          code(scan.origin.file),
          text(
            `, modified ${scan.origin.modifiedAt}. The report itself records no date or commit, so the scan's are those of whoever wrote the file.`,
          ),
        ];
  return {
    kind: "facts",
    items: [
      { term: "Report", value: source },
      { term: "Scanned folder", value: [code(scan.root)] },
      { term: "Files parsed", value: [text(String(scan.fileCount))] },
      { term: "Result", value: [scanStatus(scan)] },
    ],
  };
}

/** Headers of the cells that {@link findingCells} returns. */
const FINDING_HEADERS = ["severity", "rule", "location", "message"];

function findingsTable(findings: ScanFinding[]): Block {
  if (findings.length === 0) return { kind: "paragraph", content: [text("No findings.")] };
  return {
    kind: "table",
    role: "findings",
    headers: [...FINDING_HEADERS, "fix", "host"],
    rows: findings.map((finding) => [
      ...findingCells(finding),
      [text(finding.fix)],
      finding.host === undefined ? [] : [code(finding.host)],
    ]),
  };
}

function suppressedTable(suppressed: SuppressedFinding[]): Block {
  if (suppressed.length === 0) {
    return { kind: "paragraph", content: [text("No findings are suppressed.")] };
  }
  return {
    kind: "table",
    role: "suppressions",
    headers: [...FINDING_HEADERS, "suppressed by", "reason"],
    rows: suppressed.map((finding) => [
      ...findingCells(finding),
      [text(finding.suppression.source === "inline" ? "inline comment" : "config")],
      [text(finding.suppression.reason)],
    ]),
  };
}

function findingCells(finding: ScanFinding): Content[] {
  return [
    [text(finding.severity)],
    [code(finding.ruleId)],
    [code(`${finding.file}:${finding.line}:${finding.column}`)],
    [text(finding.message)],
  ];
}
