/**
 * The vocabulary of schema comparison: who sends a value, how severe a change is for the
 * consumer, and one change found in a schema.
 */
import type { SchemaNode } from "../model/types.js";

/** Sender of a value: the vendor (`response`) or the client (`request`). */
export type Direction = "request" | "response";

export type Severity = "breaking" | "non-breaking";

export interface SchemaChange {
  /**
   * Location of the change below the compared node: `.name` for a property, `[]` for array
   * items, `{}` for the values of a map, `|n` for union variant n, `&n` for allOf part n, and
   * empty for the node itself.
   */
  path: string;
  severity: Severity;
  /** Stable identifier of the change, e.g. `property-added`. */
  kind: string;
  message: string;
  /** Component schema the change sits in, with the path inside it, when it sits in one. */
  component?: { key: string; path: string };
}

/**
 * Returns the severity of a change that lets the sender send more (`widened`) or less. More
 * from the vendor breaks the client's validation, less accepted by the vendor breaks calls.
 */
export function severityOf(widened: boolean, direction: Direction): Severity {
  return widened === (direction === "response") ? "breaking" : "non-breaking";
}

export function change(
  path: string,
  kind: string,
  severity: Severity,
  message: string,
): SchemaChange {
  return { path, kind, severity, message };
}

/** Places changes found below `step` (a path segment) under it. */
export function prefix(step: string, changes: SchemaChange[]): SchemaChange[] {
  return changes.map((found) => ({ ...found, path: step + found.path }));
}

/** Returns a short name of a node's type for messages, e.g. `string`, `integer`, `schema repository`. */
export function describeNode(node: SchemaNode): string {
  switch (node.kind) {
    case "ref":
      return `schema ${node.target}`;
    case "number":
      return node.integer ? "integer" : "number";
    case "nullable":
      return `${describeNode(node.inner)} or null`;
    case "enum":
      return `enum ${node.values.map((value) => JSON.stringify(value)).join(" | ")}`;
    case "const":
      return `constant ${JSON.stringify(node.value)}`;
    case "intersection":
      return "allOf";
    default:
      return node.kind;
  }
}
