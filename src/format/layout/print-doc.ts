/**
 * Lays out a `Doc` at a maximum line width, with the decisions prettier 3.10's document printer
 * makes. A group prints flat when it fits in the rest of the line together with the text after it
 * up to the next possible line break. A conditional group tries its states in order, and `fill`
 * breaks only the separators it must. Indentation is two spaces per level. Line breaks are LF,
 * and spaces before a line break are removed.
 */
import type { Doc, DocNode, GroupDoc } from "./doc.js";
import { textWidth } from "./text-width.js";

const FLAT = 0;
const BREAK = 1;
type Mode = typeof FLAT | typeof BREAK;

interface Command {
  indent: number;
  mode: Mode;
  doc: Doc;
}

/** A fill whose first `printed` parts have been laid out already. */
interface FillRest {
  kind: "fill-rest";
  parts: Doc[];
  printed: number;
}

type QueuedDoc = Doc | FillRest;

interface QueuedCommand {
  indent: number;
  mode: Mode;
  doc: QueuedDoc;
}

/** Lays out a document; groups carry their break flags from `doc.ts`, so nothing is propagated here. */
export function printDoc(doc: Doc, width: number): string {
  const printer = new DocPrinter(width);
  return printer.print(doc);
}

class DocPrinter {
  readonly #width: number;
  readonly #groupModes = new Map<symbol, Mode>();
  readonly #commands: QueuedCommand[] = [];
  #out: string[] = [];
  #position = 0;
  #shouldRemeasure = false;

  constructor(width: number) {
    this.#width = width;
  }

  print(doc: Doc): string {
    const commands = this.#commands;
    commands.push({ indent: 0, mode: BREAK, doc });
    while (commands.length > 0) {
      const command = commands.pop()!;
      this.#step(command);
    }
    return this.#out.join("");
  }

  #step({ indent, mode, doc }: QueuedCommand): void {
    const commands = this.#commands;
    if (typeof doc === "string") {
      if (doc.length === 0) return;
      this.#out.push(doc);
      if (commands.length > 0) this.#position += textWidth(doc);
      return;
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) commands.push({ indent, mode, doc: doc[i]! });
      return;
    }
    switch (doc.kind) {
      case "indent":
        commands.push({ indent: indent + 2, mode, doc: doc.contents });
        return;
      case "group":
        this.#printGroup(indent, mode, doc);
        return;
      case "fill":
        this.#printFill(indent, mode, doc.parts, 0);
        return;
      case "fill-rest":
        this.#printFill(indent, mode, doc.parts, doc.printed);
        return;
      case "if-break":
      case "indent-if-break":
        this.#printConditional(indent, mode, doc);
        return;
      case "line":
        this.#printLine(indent, mode, doc.soft, doc.hard);
        return;
      case "break-parent":
        return;
    }
  }

  #printGroup(indent: number, mode: Mode, doc: GroupDoc): void {
    const command = this.#chooseGroupCommand(indent, mode, doc);
    this.#commands.push(command);
    if (doc.id) this.#groupModes.set(doc.id, command.mode);
  }

  #chooseGroupCommand(indent: number, mode: Mode, doc: GroupDoc): Command {
    if (mode === FLAT && !this.#shouldRemeasure) {
      return { indent, mode: doc.break ? BREAK : FLAT, doc: doc.contents };
    }
    this.#shouldRemeasure = false;
    const remaining = this.#width - this.#position;
    const flat: Command = { indent, mode: FLAT, doc: doc.contents };
    if (!doc.break && this.#fits(flat, remaining, false)) return flat;
    const states = doc.expandedStates;
    if (!states) return { indent, mode: BREAK, doc: doc.contents };
    if (!doc.break) {
      // The first state was tried above and the last is the fallback, broken.
      for (let i = 1; i < states.length - 1; i++) {
        const candidate: Command = { indent, mode: FLAT, doc: states[i]! };
        if (this.#fits(candidate, remaining, false)) return candidate;
      }
    }
    return { indent, mode: BREAK, doc: states[states.length - 1]! };
  }

  #printFill(indent: number, mode: Mode, parts: Doc[], offset: number): void {
    const commands = this.#commands;
    const length = parts.length - offset;
    if (length === 0) return;
    const remaining = this.#width - this.#position;
    const content = parts[offset]!;
    const contentFlat: Command = { indent, mode: FLAT, doc: content };
    const contentBreak: Command = { indent, mode: BREAK, doc: content };
    const contentFits = this.#fitsAlone(contentFlat, remaining);
    if (length === 1) {
      commands.push(contentFits ? contentFlat : contentBreak);
      return;
    }
    const separator = parts[offset + 1]!;
    const separatorFlat: Command = { indent, mode: FLAT, doc: separator };
    const separatorBreak: Command = { indent, mode: BREAK, doc: separator };
    if (length === 2) {
      if (contentFits) commands.push(separatorFlat, contentFlat);
      else commands.push(separatorBreak, contentBreak);
      return;
    }
    const next = parts[offset + 2]!;
    const rest: FillRest = { kind: "fill-rest", parts, printed: offset + 2 };
    const pairFits = this.#fitsAlone({ indent, mode: FLAT, doc: [content, separator, next] }, remaining);
    commands.push({ indent, mode, doc: rest });
    if (pairFits) commands.push(separatorFlat, contentFlat);
    else if (contentFits) commands.push(separatorBreak, contentFlat);
    else commands.push(separatorBreak, contentBreak);
  }

  #printConditional(indent: number, mode: Mode, doc: Extract<DocNode, { kind: "if-break" | "indent-if-break" }>): void {
    const groupMode = doc.groupId ? this.#groupModes.get(doc.groupId) : mode;
    if (groupMode === undefined) return;
    if (doc.kind === "if-break") {
      const contents = groupMode === BREAK ? doc.breakContents : doc.flatContents;
      this.#commands.push({ indent, mode, doc: contents });
      return;
    }
    this.#commands.push({ indent: groupMode === BREAK ? indent + 2 : indent, mode, doc: doc.contents });
  }

  #printLine(indent: number, mode: Mode, soft: boolean, hard: boolean): void {
    if (mode === FLAT && !hard) {
      if (!soft) {
        this.#out.push(" ");
        this.#position += 1;
      }
      return;
    }
    if (mode === FLAT) this.#shouldRemeasure = true;
    this.#trimTrailingSpaces();
    this.#out.push(`\n${" ".repeat(indent)}`);
    this.#position = indent;
  }

  #trimTrailingSpaces(): void {
    const out = this.#out;
    while (out.length > 0) {
      const trimmed = out[out.length - 1]!.replace(/[ \t]+$/, "");
      if (trimmed.length > 0) {
        out[out.length - 1] = trimmed;
        return;
      }
      out.pop();
    }
  }

  /** A fill part measured on its own, where any broken group makes it not fit. */
  #fitsAlone(next: Command, remaining: number): boolean {
    return measureFits(next, [], remaining, this.#groupModes, true);
  }

  #fits(next: Command, remaining: number, mustBeFlat: boolean): boolean {
    return measureFits(next, this.#commands, remaining, this.#groupModes, mustBeFlat);
  }
}

/**
 * True when `next`, followed by the queued commands up to their first line break, fits in
 * `remaining` columns. Groups inside are measured flat unless they are broken; a broken
 * conditional group is measured in its last state.
 */
function measureFits(
  next: Command,
  rest: QueuedCommand[],
  remaining: number,
  groupModes: Map<symbol, Mode>,
  mustBeFlat: boolean,
): boolean {
  let restIndex = rest.length;
  let pendingSpace = false;
  const stack: Array<{ mode: Mode; doc: QueuedDoc }> = [next];
  while (remaining >= 0) {
    if (stack.length === 0) {
      if (restIndex === 0) return true;
      stack.push(rest[--restIndex]!);
      continue;
    }
    const { mode, doc } = stack.pop()!;
    if (typeof doc === "string") {
      if (doc.length > 0) {
        if (pendingSpace) {
          remaining -= 1;
          pendingSpace = false;
        }
        remaining -= textWidth(doc);
      }
      continue;
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) stack.push({ mode, doc: doc[i]! });
      continue;
    }
    switch (doc.kind) {
      case "fill":
      case "fill-rest": {
        const start = doc.kind === "fill-rest" ? doc.printed : 0;
        for (let i = doc.parts.length - 1; i >= start; i--) stack.push({ mode, doc: doc.parts[i]! });
        break;
      }
      case "indent":
      case "indent-if-break":
        stack.push({ mode, doc: doc.contents });
        break;
      case "group": {
        if (mustBeFlat && doc.break) return false;
        const groupMode = doc.break ? BREAK : mode;
        const contents = doc.expandedStates && groupMode === BREAK ? doc.expandedStates[doc.expandedStates.length - 1]! : doc.contents;
        stack.push({ mode: groupMode, doc: contents });
        break;
      }
      case "if-break": {
        const groupMode = doc.groupId ? (groupModes.get(doc.groupId) ?? FLAT) : mode;
        stack.push({ mode, doc: groupMode === BREAK ? doc.breakContents : doc.flatContents });
        break;
      }
      case "line":
        if (mode === BREAK || doc.hard) return true;
        if (!doc.soft) pendingSpace = true;
        break;
      case "break-parent":
        break;
    }
  }
  return false;
}
