/**
 * The evidence page as GitHub-flavoured Markdown, with the same content as the HTML page. Every
 * string from the evidence goes through the Markdown escaping of the other reports.
 */
import { markdownCode, markdownText } from "../ci/markdown.js";
import type { Evidence } from "./build.js";
import { layoutEvidence } from "./layout.js";
import { EVIDENCE_MARKER } from "./render-html.js";
import type { Block, Content, Inline, Section, Table } from "./report-blocks.js";

/** Renders the Markdown file. */
export function renderEvidenceMarkdown(evidence: Evidence): string {
  const page = layoutEvidence(evidence);
  const parts = [
    `<!-- ${EVIDENCE_MARKER} ${markdownText(evidence.vendorguardVersion)}. Do not edit: rerun vendorguard evidence instead. -->`,
    `# ${markdownText(page.title)}`,
    ...page.blocks.map((block) => renderBlock(block, 2)),
  ];
  return `${parts.join("\n\n")}\n`;
}

function renderBlock(block: Block, level: number): string {
  switch (block.kind) {
    case "paragraph":
      return renderContent(block.content);
    case "facts":
      return block.items
        .map((item) => `- **${markdownText(item.term)}:** ${renderContent(item.value)}`)
        .join("\n");
    case "list":
      return block.items.map((item) => `- ${renderContent(item)}`).join("\n");
    case "table":
      return renderTable(block);
    case "section":
      return renderSection(block, level);
  }
}

function renderSection(section: Section, level: number): string {
  const heading = `${"#".repeat(Math.min(level, 6))} ${markdownText(section.heading)}`;
  return [heading, ...section.blocks.map((block) => renderBlock(block, level + 1))].join("\n\n");
}

function renderTable(table: Table): string {
  const header = `| ${table.headers.map(markdownText).join(" | ")} |`;
  const separator = `| ${table.headers.map(() => "---").join(" | ")} |`;
  const rows = table.rows.map((row) => `| ${row.map(renderContent).join(" | ")} |`);
  return [header, separator, ...rows].join("\n");
}

function renderContent(content: Content): string {
  return content.map(renderInline).join("");
}

function renderInline(inline: Inline): string {
  switch (inline.kind) {
    case "text":
      return markdownText(inline.text);
    case "code":
      return markdownCode(inline.text);
    case "status":
      return `**${markdownText(inline.text)}**`;
  }
}
