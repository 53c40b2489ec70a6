/**
 * The evidence page as a small document tree that both renderers read, so the HTML page and the
 * Markdown file always carry the same content. Every string in it is plain text: the renderers
 * escape it for their format.
 */

/** Outcome shown with a colour in HTML and in bold in Markdown. */
export type Status = "pass" | "fail" | "warn" | "none";

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "status"; status: Status; text: string };

/** A run of inline pieces: a paragraph, a list item, a table cell or a fact's value. */
export type Content = Inline[];

export interface Table {
  kind: "table";
  /** Kind of rows the table lists, e.g. `controls`, which HTML uses as the table's class. */
  role: string;
  headers: string[];
  rows: Content[][];
}

export interface Section {
  kind: "section";
  /** Fragment identifier, unique in the page. */
  id: string;
  heading: string;
  /** Subject of the section, e.g. `vendor`, which HTML uses as the section's class. */
  role?: string;
  blocks: Block[];
}

export type Block =
  | { kind: "paragraph"; content: Content }
  | { kind: "facts"; items: Array<{ term: string; value: Content }> }
  | { kind: "list"; items: Content[] }
  | Table
  | Section;

export interface ReportDocument {
  title: string;
  blocks: Block[];
}

export function text(value: string): Inline {
  return { kind: "text", text: value };
}

export function code(value: string): Inline {
  return { kind: "code", text: value };
}

export function status(outcome: Status, label: string): Inline {
  return { kind: "status", status: outcome, text: label };
}

/** `1 file` or `3 files`. */
export function count(value: number, singular: string, plural: string): string {
  return `${value} ${value === 1 ? singular : plural}`;
}
