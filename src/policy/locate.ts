/**
 * Maps key paths of a policy back to lines and columns in its YAML or JSON text.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from "yaml";

export interface SourcePosition {
  /** Line, counted from 1. */
  line: number;
  /** Column, counted from 1 in UTF-16 code units. */
  column: number;
}

/**
 * Finds where `path` is written: the key of a mapping entry, or the item of a list. When the
 * path goes further than the document (a missing key), returns the deepest part that exists,
 * so a missing `vendor.owner` points at `vendor`. Aliases are followed to their anchor.
 */
export function findPosition(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
): SourcePosition | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);

  for (const segment of path) {
    node = isAlias(node) ? node.resolve(doc) : node;
    let next: { at: unknown; node: unknown } | undefined;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      next = pair && { at: pair.key, node: pair.value };
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      next = item === undefined ? undefined : { at: item, node: item };
    }
    if (next === undefined) {
      break;
    }
    offset = rangeStart(next.at) ?? offset;
    node = next.node;
  }

  if (offset === undefined) {
    return undefined;
  }
  const position = lineCounter.linePos(offset);
  return { line: position.line, column: position.col };
}

/** Returns where a parsed node starts in the text, or undefined for anything else. */
export function rangeStart(node: unknown): number | undefined {
  if (typeof node !== "object" || node === null || !("range" in node)) {
    return undefined;
  }
  const range = (node as { range?: unknown }).range;
  return Array.isArray(range) && typeof range[0] === "number" ? range[0] : undefined;
}
