/**
 * The `diff` report as GitHub-flavoured Markdown for a pull request comment: a summary, the
 * breaking changes in a table and the others folded away. Every name from the documents is
 * escaped, so a vendor cannot inject links, HTML or table cells into the comment.
 */
import type { ApiChange } from "./api-diff.js";
import type { DiffReport } from "./diff-documents.js";
import { markdownCode as code, markdownText as text } from "./markdown.js";

/**
 * Rows per table. GitHub rejects comments longer than 65,536 characters, and a row takes
 * about 150 to 250, so two full tables stay below that.
 */
export const MAX_MARKDOWN_ROWS = 120;

/** Renders the report; tables longer than {@link MAX_MARKDOWN_ROWS} are cut with a note. */
export function renderDiffMarkdown(report: DiffReport): string {
  const breaking = report.changes.filter((change) => change.severity === "breaking");
  const others = report.changes.filter((change) => change.severity !== "breaking");
  const lines = [
    `### API changes: ${text(report.new.title)} ${text(report.old.version)} → ${text(report.new.version)}`,
    "",
    summaryLine(report),
    "",
    `Compared ${scopeText(report)}: ${code(report.old.file)} (${report.old.operations} operations) with ${code(report.new.file)} (${report.new.operations}).`,
  ];
  if (breaking.length > 0) lines.push("", "#### Breaking changes", "", ...table(breaking));
  if (others.length > 0) {
    lines.push(
      "",
      `<details><summary>Non-breaking changes (${others.length})</summary>`,
      "",
      ...table(others),
      "",
      "</details>",
    );
  }
  if (report.changes.length === 0) lines.push("", "No changes.");
  return `${lines.join("\n")}\n`;
}

function summaryLine(report: DiffReport): string {
  const { breaking, nonBreaking, operationsAdded, operationsRemoved, operationsChanged } =
    report.summary;
  const counted = `**${breaking} breaking** and ${nonBreaking} non-breaking ${nonBreaking === 1 ? "change" : "changes"}`;
  return `${counted}: ${operationsAdded} operations added, ${operationsRemoved} removed, ${operationsChanged} changed.`;
}

function scopeText(report: DiffReport): string {
  const keys = report.strictUnknownKeys ? "unknownKeys: strict" : "unknownKeys: strip";
  return report.policy === undefined
    ? `every operation (${keys})`
    : `the operations ${code(report.policy)} selects (${keys})`;
}

function table(changes: ApiChange[]): string[] {
  const rows = changes
    .slice(0, MAX_MARKDOWN_ROWS)
    .map(
      (change) => `| ${operationCell(change)} | ${whereCell(change)} | ${text(change.message)} |`,
    );
  const lines = ["| operation | where | change |", "| --- | --- | --- |", ...rows];
  const hidden = changes.length - rows.length;
  if (hidden > 0) {
    lines.push("", `…and ${hidden} more. \`vendorguard diff --format json\` lists every change.`);
  }
  return lines;
}

function operationCell(change: ApiChange): string {
  if (change.operation === undefined) return "(document)";
  const route = `${change.operation.method} ${change.operation.path}`;
  return change.operation.operationId === route
    ? code(route)
    : `${code(change.operation.operationId)}<br>${code(route)}`;
}

function whereCell(change: ApiChange): string {
  let cell = text(change.location);
  if (change.schemaPath) cell += ` ${code(change.schemaPath)}`;
  if (change.component) cell += ` in ${code(change.component.key)}`;
  if (change.repeats) {
    cell += ` (and ${change.repeats} more ${change.repeats === 1 ? "place" : "places"})`;
  }
  return cell;
}
