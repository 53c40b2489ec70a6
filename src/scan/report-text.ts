/**
 * The human-readable scan report: one `file:line:column severity rule-id message` line per
 * finding with its fix below, the notices in the same form, a summary, then every suppressed
 * finding with the reason it was accepted.
 */
import type {
  ScanFinding,
  ScanNotice,
  ScanReport,
  ScanSeverity,
  SuppressedFinding,
} from "./types.js";

/** Renders `report` as text ending in a newline. */
export function renderScanText(report: ScanReport): string {
  const notices = report.notices ?? [];
  const lines: string[] = [];
  for (const finding of report.findings) lines.push(...findingLines(finding));
  for (const notice of notices) lines.push(...noticeLines(notice));
  lines.push(summaryLine(report));
  if (report.suppressed.length > 0) {
    lines.push(`suppressed (${report.suppressed.length}):`);
    for (const finding of report.suppressed) lines.push(...suppressedLines(finding));
  }
  return `${lines.join("\n")}\n`;
}

function where(item: { file: string; line?: number; column?: number }): string {
  if (item.line === undefined) return item.file;
  return `${item.file}:${item.line}:${item.column ?? 1}`;
}

function findingLines(finding: ScanFinding): string[] {
  return [
    `${where(finding)} ${finding.severity} ${finding.ruleId} ${finding.message}`,
    `    fix: ${finding.fix}`,
  ];
}

function noticeLines(notice: ScanNotice): string[] {
  return [
    `${where(notice)} ${notice.severity} ${notice.code} ${notice.message}`,
    `    fix: ${notice.fix}`,
  ];
}

function suppressedLines(finding: SuppressedFinding): string[] {
  const source = finding.suppression.source === "inline" ? "inline comment" : "config";
  return [
    `  ${where(finding)} ${finding.severity} ${finding.ruleId} ${finding.message}`,
    `    suppressed by ${source}: ${finding.suppression.reason}`,
  ];
}

function summaryLine(report: ScanReport): string {
  const count = (items: readonly { severity: ScanSeverity }[], severity: ScanSeverity) =>
    items.filter((item) => item.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const findings = report.findings;
  const notices = report.notices ?? [];
  const severities = `${plural(count(findings, "error"), "error")}, ${plural(count(findings, "warning"), "warning")}, ${plural(count(findings, "note"), "note")}`;
  const uses = report.generatedClientUses?.length ?? 0;
  return [
    `scan: ${plural(findings.length, "finding")} (${severities}) in ${plural(report.files.length, "file")}`,
    `${plural(notices.length, "notice")}`,
    `${report.suppressed.length} suppressed`,
    `${plural(uses, "generated client construction")}.`,
  ].join("; ");
}
