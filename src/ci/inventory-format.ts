/**
 * The inventory as CSV (RFC 4180) or a Markdown table, with one row per vendor. JSON keeps the
 * structured entries instead.
 */
import type { InventoryEntry } from "./inventory.js";
import { markdownText } from "./markdown.js";

export interface InventoryColumn {
  header: string;
  cell: (entry: InventoryEntry) => string;
}

/** The inventory's columns in output order, each with its header and the text of its cell. */
export const INVENTORY_COLUMNS: readonly InventoryColumn[] = [
  { header: "vendor", cell: (entry) => entry.vendor },
  { header: "vendor name", cell: (entry) => entry.vendorName },
  { header: "owner", cell: (entry) => entry.owner },
  { header: "purpose", cell: (entry) => entry.purpose },
  { header: "data classification", cell: (entry) => entry.dataClassification.join(", ") },
  { header: "owning service", cell: (entry) => entry.owningService },
  { header: "auth", cell: (entry) => entry.auth },
  { header: "base URL", cell: (entry) => entry.baseUrl },
  { header: "allowed hosts", cell: (entry) => entry.allowedHosts.join(", ") },
  { header: "TLS minimum", cell: (entry) => entry.tlsMinVersion },
  { header: "timeouts (ms)", cell: (entry) => describeSettings(entry.timeouts) },
  { header: "retries", cell: (entry) => describeSettings(entry.retries) },
  { header: "circuit breaker", cell: (entry) => describeSettings(entry.circuitBreaker) },
  { header: "redirects", cell: (entry) => describeSettings(entry.redirects) },
  { header: "max response bytes", cell: (entry) => String(entry.maxResponseBytes) },
  { header: "unknown keys", cell: (entry) => entry.unknownKeys },
  { header: "operations", cell: (entry) => String(entry.operations) },
  { header: "spec file", cell: (entry) => entry.specFile },
  { header: "spec title", cell: (entry) => entry.specTitle },
  { header: "spec version", cell: (entry) => entry.specVersion },
  { header: "spec sha256", cell: (entry) => entry.specSha256 },
  { header: "policy file", cell: (entry) => entry.policyFile },
  { header: "policy sha256", cell: (entry) => entry.policySha256 },
];

/**
 * Describes a group of policy settings as `key: value` pairs in the policy's own key names, so a
 * key added to the policy schema later shows up without a change here.
 */
export function describeSettings(settings: object): string {
  return Object.entries(settings)
    .map(([key, value]) => `${key}: ${describeValue(value)}`)
    .join("; ");
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(describeValue).join(" ");
  if (value !== null && typeof value === "object") {
    const inner = Object.entries(value).map(([key, item]) => `${key}: ${describeValue(item)}`);
    return `{ ${inner.join(", ")} }`;
  }
  return String(value);
}

/** Renders CSV with a header row and CRLF line ends, as RFC 4180 specifies. */
export function renderInventoryCsv(entries: InventoryEntry[]): string {
  const rows = [
    INVENTORY_COLUMNS.map((column) => column.header),
    ...entries.map((entry) => INVENTORY_COLUMNS.map((column) => column.cell(entry))),
  ];
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * Quotes a field that contains a comma, quote or line break, doubling its quotes. A field that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) gets a
 * leading apostrophe, since titles and names come from vendor documents and policy authors.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Renders a Markdown table; cell text is escaped so no value can end a cell or a row. */
export function renderInventoryMarkdown(entries: InventoryEntry[]): string {
  const header = `| ${INVENTORY_COLUMNS.map((column) => column.header).join(" | ")} |`;
  const separator = `| ${INVENTORY_COLUMNS.map(() => "---").join(" | ")} |`;
  const rows = entries.map(
    (entry) =>
      `| ${INVENTORY_COLUMNS.map((column) => markdownText(column.cell(entry))).join(" | ")} |`,
  );
  return [header, separator, ...rows].join("\n") + "\n";
}
