/**
 * A line diff in unified format, for showing how a generated file on disk differs from the one
 * generation produces now. It finds a shortest edit script with Myers' O(ND) algorithm ("An
 * O(ND) Difference Algorithm and Its Variations", 1986) after trimming the common prefix and
 * suffix, which is where generated files almost always agree.
 */

/** One step of an edit script: a line kept, removed from the old text or added by the new. */
interface Edit {
  kind: "equal" | "delete" | "insert";
  /** Line index in the old text (for equal and delete) or the new text (for insert). */
  oldIndex: number;
  newIndex: number;
}

export interface UnifiedDiffOptions {
  /** Unchanged lines shown around each change. Default 3. */
  context?: number;
  /**
   * Maximum number of differing lines searched for. Beyond it no diff is computed, so that two
   * unrelated files of 100,000 lines cannot take minutes. Default 2000.
   */
  maxEdits?: number;
}

/** A unified diff, or the reason none was computed. */
export type UnifiedDiff = { ok: true; lines: string[] } | { ok: false; reason: string };

/**
 * Returns the hunks (`@@ -a,b +c,d @@` and the lines after it) turning `oldText` into
 * `newText`, without file header lines. Identical texts give no lines.
 */
export function unifiedDiff(
  oldText: string,
  newText: string,
  options: UnifiedDiffOptions = {},
): UnifiedDiff {
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  const edits = diffLines(oldLines, newLines, options.maxEdits ?? 2000);
  if (edits === undefined) {
    return { ok: false, reason: "more lines differ than the diff shows" };
  }
  return { ok: true, lines: formatHunks(edits, oldLines, newLines, options.context ?? 3) };
}

/** Splits text into lines; a final newline ends the last line rather than starting an empty one. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Returns a shortest edit script, or undefined when more than `maxEdits` lines differ. */
function diffLines(oldLines: string[], newLines: string[], maxEdits: number): Edit[] | undefined {
  let prefix = 0;
  while (
    prefix < oldLines.length &&
    prefix < newLines.length &&
    oldLines[prefix] === newLines[prefix]
  ) {
    prefix++;
  }
  let suffix = 0;
  while (
    suffix < oldLines.length - prefix &&
    suffix < newLines.length - prefix &&
    oldLines[oldLines.length - 1 - suffix] === newLines[newLines.length - 1 - suffix]
  ) {
    suffix++;
  }

  const middle = myersEdits(
    oldLines.slice(prefix, oldLines.length - suffix),
    newLines.slice(prefix, newLines.length - suffix),
    maxEdits,
  );
  if (middle === undefined) return undefined;

  const edits: Edit[] = [];
  for (let i = 0; i < prefix; i++) edits.push({ kind: "equal", oldIndex: i, newIndex: i });
  for (const edit of middle) {
    edits.push({
      kind: edit.kind,
      oldIndex: edit.oldIndex + prefix,
      newIndex: edit.newIndex + prefix,
    });
  }
  const oldTail = oldLines.length - suffix;
  const newTail = newLines.length - suffix;
  for (let i = 0; i < suffix; i++) {
    edits.push({ kind: "equal", oldIndex: oldTail + i, newIndex: newTail + i });
  }
  return edits;
}

/**
 * Myers' greedy forward search. `frontier[k]` is the furthest old index reached on diagonal
 * k = x - y. The part of the frontier that round d reads (diagonals -d-1 to d+1) is saved before
 * the round, so the path can be walked back afterwards in O(D^2) memory.
 */
function myersEdits(a: string[], b: string[], maxEdits: number): Edit[] | undefined {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, maxEdits);
  const offset = limit + 1;
  const frontier = new Int32Array(2 * limit + 3);
  const history: Int32Array[] = [];

  for (let d = 0; d <= limit; d++) {
    history.push(frontier.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && frontier[offset + k - 1]! < frontier[offset + k + 1]!);
      let x = down ? frontier[offset + k + 1]! : frontier[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      frontier[offset + k] = x;
      if (x >= n && y >= m) return walkBack(history, n, m);
    }
  }
  return undefined;
}

/** Rebuilds the edit script from the frontiers recorded before each round. */
function walkBack(history: Int32Array[], n: number, m: number): Edit[] {
  const reversed: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = history.length - 1; d >= 0; d--) {
    // The saved slice starts at diagonal -d-1.
    const saved = history[d]!;
    const at = (diagonal: number): number => saved[diagonal + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : at(previousK);
    const previousY = d === 0 ? 0 : previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
      reversed.push({ kind: "equal", oldIndex: x, newIndex: y });
    }
    if (d === 0) break;
    if (down) {
      y--;
      reversed.push({ kind: "insert", oldIndex: x, newIndex: y });
    } else {
      x--;
      reversed.push({ kind: "delete", oldIndex: x, newIndex: y });
    }
  }
  return reversed.reverse();
}

/** Groups edits into hunks with `context` unchanged lines around each run of changes. */
function formatHunks(
  edits: Edit[],
  oldLines: string[],
  newLines: string[],
  context: number,
): string[] {
  const changed = edits.flatMap((edit, index) => (edit.kind === "equal" ? [] : [index]));
  const lines: string[] = [];
  let cursor = 0;
  while (cursor < changed.length) {
    const start = Math.max(0, changed[cursor]! - context);
    let last = changed[cursor]!;
    // Changes separated by at most two contexts of unchanged lines share a hunk, as in GNU diff.
    while (cursor + 1 < changed.length && changed[cursor + 1]! - last - 1 <= 2 * context) {
      cursor++;
      last = changed[cursor]!;
    }
    const end = Math.min(edits.length, last + context + 1);
    lines.push(...formatHunk(edits.slice(start, end), oldLines, newLines));
    cursor++;
  }
  return lines;
}

function formatHunk(hunk: Edit[], oldLines: string[], newLines: string[]): string[] {
  const body: string[] = [];
  let oldCount = 0;
  let newCount = 0;
  for (const edit of hunk) {
    if (edit.kind === "insert") {
      body.push(`+${newLines[edit.newIndex]}`);
      newCount++;
    } else if (edit.kind === "delete") {
      body.push(`-${oldLines[edit.oldIndex]}`);
      oldCount++;
    } else {
      body.push(` ${oldLines[edit.oldIndex]}`);
      oldCount++;
      newCount++;
    }
  }
  const first = hunk[0]!;
  // Unified format numbers lines from 1, and a range of no lines names the line before it.
  const oldStart = oldCount === 0 ? first.oldIndex : first.oldIndex + 1;
  const newStart = newCount === 0 ? first.newIndex : first.newIndex + 1;
  return [`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`, ...body];
}
