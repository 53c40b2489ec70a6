/**
 * A document of layout choices, in the model prettier 3 prints with: text, groups that are laid
 * out flat when they fit the line and broken otherwise, and line breaks whose form depends on the
 * enclosing group. The printers in this folder build these documents so that `printDoc` gives
 * the bytes prettier gives for the same code.
 */

export type Doc = string | Doc[] | DocNode;

export type DocNode =
  | GroupDoc
  | IndentDoc
  | LineDoc
  | IfBreakDoc
  | IndentIfBreakDoc
  | FillDoc
  | BreakParentDoc;

export interface GroupDoc {
  kind: "group";
  contents: Doc;
  /**
   * Broken whatever the width: set by the builder, or because the contents hold a hard line
   * outside any conditional group. prettier's printer computes the same in `propagateBreaks`.
   */
  break: boolean;
  /** The builder's `shouldBreak`, or a hard line anywhere in the contents or first states: prettier's `willBreak`. */
  forced: boolean;
  id?: symbol;
  /** Set on a conditional group: the layouts tried in order, each flat, the last one broken. */
  expandedStates?: Doc[];
}

export interface IndentDoc {
  kind: "indent";
  contents: Doc;
}

export interface LineDoc {
  kind: "line";
  /** A soft line prints nothing when its group is flat; a plain line prints a space. */
  soft: boolean;
  /** A hard line always breaks. */
  hard: boolean;
}

export interface IfBreakDoc {
  kind: "if-break";
  breakContents: Doc;
  flatContents: Doc;
  /** The group whose mode decides; the enclosing one when absent. */
  groupId?: symbol;
}

export interface IndentIfBreakDoc {
  kind: "indent-if-break";
  contents: Doc;
  groupId: symbol;
}

/** Parts separated by lines, where each separator breaks only when the next part does not fit. */
export interface FillDoc {
  kind: "fill";
  parts: Doc[];
}

export interface BreakParentDoc {
  kind: "break-parent";
}

export const line: LineDoc = { kind: "line", soft: false, hard: false };
export const softline: LineDoc = { kind: "line", soft: true, hard: false };
export const breakParent: BreakParentDoc = { kind: "break-parent" };
const hardLineOnly: LineDoc = { kind: "line", soft: false, hard: true };
export const hardline: Doc = [hardLineOnly, breakParent];

export function group(contents: Doc, options: { shouldBreak?: boolean; id?: symbol } = {}): GroupDoc {
  const explicit = options.shouldBreak === true;
  const inside = scanBreaks(contents);
  const doc: GroupDoc = {
    kind: "group",
    contents,
    break: explicit || (inside & PROPAGATED) !== 0,
    forced: explicit || (inside & FORCED) !== 0,
  };
  if (options.id) doc.id = options.id;
  return doc;
}

/**
 * Builds a group that tries each state in turn and takes the first that fits, or else the last
 * one broken. A hard line inside does not break the groups around it, as in prettier.
 */
export function conditionalGroup(states: Doc[]): GroupDoc {
  return { kind: "group", contents: states[0]!, break: false, forced: (scanBreaks(states[0]!) & FORCED) !== 0, expandedStates: states };
}

export function indent(contents: Doc): IndentDoc {
  return { kind: "indent", contents };
}

export function ifBreak(breakContents: Doc, flatContents: Doc = "", groupId?: symbol): IfBreakDoc {
  const doc: IfBreakDoc = { kind: "if-break", breakContents, flatContents };
  if (groupId) doc.groupId = groupId;
  return doc;
}

export function indentIfBreak(contents: Doc, groupId: symbol): IndentIfBreakDoc {
  return { kind: "indent-if-break", contents, groupId };
}

export function fill(parts: Doc[]): FillDoc {
  return { kind: "fill", parts };
}

export function join(separator: Doc, docs: Doc[]): Doc[] {
  const out: Doc[] = [];
  docs.forEach((doc, index) => {
    if (index > 0) out.push(separator);
    out.push(doc);
  });
  return out;
}

/** Bit set by `scanBreaks`: a break parent outside nested groups, or a nested group that is broken. */
const PROPAGATED = 1;
/** Bit set by `scanBreaks`: what prettier's `willBreak` finds. */
const FORCED = 2;

/** Scans a document down to its groups, whose flags were computed when they were built. */
function scanBreaks(doc: Doc): number {
  if (typeof doc === "string") return 0;
  if (Array.isArray(doc)) {
    let bits = 0;
    for (const part of doc) {
      bits |= scanBreaks(part);
      if (bits === (PROPAGATED | FORCED)) break;
    }
    return bits;
  }
  switch (doc.kind) {
    case "group":
      return (doc.break ? PROPAGATED : 0) | (doc.forced ? FORCED : 0);
    case "indent":
    case "indent-if-break":
      return scanBreaks(doc.contents);
    case "if-break":
      return scanBreaks(doc.breakContents) | scanBreaks(doc.flatContents);
    case "fill":
      return scanBreaks(doc.parts);
    case "line":
      return doc.hard ? FORCED : 0;
    case "break-parent":
      return PROPAGATED | FORCED;
  }
}

/**
 * True when the document contains a forced break: a group marked broken, a hard line or a break
 * parent. Conditional groups are searched in their first state only, as prettier does.
 */
export function willBreak(doc: Doc): boolean {
  return (scanBreaks(doc) & FORCED) !== 0;
}

/** True when the document contains any line, so that it can print on more than one line. */
export function canBreak(doc: Doc): boolean {
  const stack: Doc[] = [doc];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (typeof current === "string") continue;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push(current[i]!);
      continue;
    }
    switch (current.kind) {
      case "line":
        return true;
      case "group":
      case "indent":
      case "indent-if-break":
        stack.push(current.contents);
        break;
      case "if-break":
        stack.push(current.flatContents, current.breakContents);
        break;
      case "fill":
        for (let i = current.parts.length - 1; i >= 0; i--) stack.push(current.parts[i]!);
        break;
      case "break-parent":
        break;
    }
  }
  return false;
}
