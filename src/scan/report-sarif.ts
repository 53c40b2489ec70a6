/**
 * The SARIF 2.1.0 scan report for code-scanning UIs. Findings are results, suppressed findings
 * are results with `suppressions` (inSource for comments, external for the config), and invalid
 * or unused suppressions are results too, so a person can act on them. The other notices (parse
 * errors, skipped files, unresolved URLs) are tool execution notifications.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sarif from "sarif";
import { VENDORGUARD_VERSION } from "../version.js";
import { SCAN_NOTICES, SCAN_RULES, type ScanRuleDescription } from "./rules.js";
import {
  SCAN_RULE_IDS,
  type ScanFinding,
  type ScanNotice,
  type ScanNoticeCode,
  type ScanReport,
  type SuppressedFinding,
} from "./types.js";

/** Notices reported as results: problems of suppressions, which the person can fix in place. */
const RESULT_NOTICES: readonly ScanNoticeCode[] = [
  "suppression-without-reason",
  "unused-suppression",
  "invalid-suppression",
];

const ROOT_ID = "SRCROOT";

/** Renders `report` as a SARIF 2.1.0 log, as indented JSON ending in a newline. */
export function renderScanSarif(report: ScanReport): string {
  const ruleIds: string[] = [...SCAN_RULE_IDS, ...RESULT_NOTICES];
  const notices = report.notices ?? [];
  const results: Sarif.Result[] = [
    ...report.findings.map((finding) => findingResult(finding, ruleIds)),
    ...report.suppressed.map((finding) => suppressedResult(finding, ruleIds)),
    ...notices
      .filter((notice) => RESULT_NOTICES.includes(notice.code))
      .map((notice) => noticeResult(notice, ruleIds)),
  ];
  const notifications = notices
    .filter((notice) => !RESULT_NOTICES.includes(notice.code))
    .map(noticeNotification);
  const log: Sarif.Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "vendorguard",
            version: VENDORGUARD_VERSION,
            rules: [
              ...SCAN_RULE_IDS.map((id) => ruleDescriptor(id, SCAN_RULES[id])),
              ...RESULT_NOTICES.map((id) => ruleDescriptor(id, SCAN_NOTICES[id])),
            ],
          },
        },
        originalUriBaseIds: { [ROOT_ID]: { uri: pathToFileURL(`${report.root}${path.sep}`).href } },
        columnKind: "utf16CodeUnits",
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(id: string, rule: ScanRuleDescription): Sarif.ReportingDescriptor {
  return {
    id,
    shortDescription: { text: rule.summary },
    help: { text: rule.help },
    defaultConfiguration: { level: rule.severity },
  };
}

function findingResult(finding: ScanFinding, ruleIds: readonly string[]): Sarif.Result {
  return resultOf(finding.ruleId, finding, ruleIds);
}

function suppressedResult(finding: SuppressedFinding, ruleIds: readonly string[]): Sarif.Result {
  const kind = finding.suppression.source === "inline" ? "inSource" : "external";
  return {
    ...findingResult(finding, ruleIds),
    suppressions: [{ kind, status: "accepted", justification: finding.suppression.reason }],
  };
}

function noticeResult(notice: ScanNotice, ruleIds: readonly string[]): Sarif.Result {
  return resultOf(notice.code, notice, ruleIds);
}

/** Builds a result of rule `ruleId`; an item without a line (a suppression passed in code) gets no location. */
function resultOf(
  ruleId: string,
  item: ScanFinding | ScanNotice,
  ruleIds: readonly string[],
): Sarif.Result {
  return {
    ruleId,
    ruleIndex: ruleIds.indexOf(ruleId),
    level: item.severity,
    message: { text: `${item.message} ${item.fix}` },
    ...(item.line === undefined ? {} : { locations: [location(item)] }),
  };
}

function noticeNotification(notice: ScanNotice): Sarif.Notification {
  return {
    descriptor: { id: notice.code },
    level: notice.severity,
    message: { text: `${notice.message} ${notice.fix}` },
    locations: [location(notice)],
  };
}

function location(item: { file: string; line?: number; column?: number }): Sarif.Location {
  const uri = item.file.split("/").map(encodeURIComponent).join("/");
  const artifactLocation = { uri, uriBaseId: ROOT_ID };
  if (item.line === undefined) return { physicalLocation: { artifactLocation } };
  return {
    physicalLocation: {
      artifactLocation,
      region: { startLine: item.line, startColumn: item.column ?? 1 },
    },
  };
}
