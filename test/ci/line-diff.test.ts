import assert from "node:assert/strict";
import { test } from "node:test";
import { unifiedDiff } from "../../src/ci/line-diff.js";

function lines(oldText: string, newText: string, context?: number): string[] {
  const diff = unifiedDiff(oldText, newText, context === undefined ? {} : { context });
  assert.ok(diff.ok, "diff was not computed");
  return diff.lines;
}

/** Applies unified hunks to `oldText`, as `patch` would, to check that a diff is complete. */
function applyHunks(oldText: string, hunks: string[]): string {
  const source = oldText === "" ? [] : oldText.replace(/\n$/, "").split("\n");
  const result: string[] = [];
  let cursor = 0;
  for (const line of hunks) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(line);
    if (header) {
      const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
      while (cursor < start) result.push(source[cursor++]!);
      continue;
    }
    if (line.startsWith("+")) {
      result.push(line.slice(1));
      continue;
    }
    assert.equal(
      source[cursor],
      line.slice(1),
      `hunk line ${JSON.stringify(line)} does not match the old text`,
    );
    if (line.startsWith(" ")) result.push(source[cursor]!);
    cursor++;
  }
  while (cursor < source.length) result.push(source[cursor++]!);
  return result.length === 0 ? "" : `${result.join("\n")}\n`;
}

const TEN = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`).join("\n") + "\n";

test("identical texts give no hunks", () => {
  assert.deepEqual(lines(TEN, TEN), []);
});

test("one changed line with three lines of context", () => {
  const changed = TEN.replace("line 5\n", "line five\n");
  assert.deepEqual(lines(TEN, changed), [
    "@@ -2,7 +2,7 @@",
    " line 2",
    " line 3",
    " line 4",
    "-line 5",
    "+line five",
    " line 6",
    " line 7",
    " line 8",
  ]);
});

test("insertion at the start", () => {
  assert.deepEqual(lines("a\nb\n", "new\na\nb\n"), ["@@ -1,2 +1,3 @@", "+new", " a", " b"]);
});

test("deletion at the end", () => {
  assert.deepEqual(lines("a\nb\nc\n", "a\nb\n"), ["@@ -1,3 +1,2 @@", " a", " b", "-c"]);
});

test("changes far apart get separate hunks", () => {
  const text = Array.from({ length: 30 }, (_, index) => `${index}`).join("\n") + "\n";
  const changed = text.replace("\n2\n", "\ntwo\n").replace("\n25\n", "\ntwenty-five\n");
  const hunks = lines(text, changed, 1).filter((line) => line.startsWith("@@"));
  assert.deepEqual(hunks, ["@@ -2,3 +2,3 @@", "@@ -25,3 +25,3 @@"]);
});

test("changes two contexts apart share a hunk", () => {
  const text = "a\nb\nc\nd\ne\nf\ng\n";
  const changed = text.replace("b", "B").replace("e", "E");
  assert.deepEqual(lines(text, changed, 1), [
    "@@ -1,6 +1,6 @@",
    " a",
    "-b",
    "+B",
    " c",
    " d",
    "-e",
    "+E",
    " f",
  ]);
});

test("empty old text", () => {
  assert.deepEqual(lines("", "x\n"), ["@@ -0,0 +1,1 @@", "+x"]);
});

test("too many differing lines give a reason instead", () => {
  const oldText = Array.from({ length: 50 }, (_, index) => `old ${index}`).join("\n");
  const newText = Array.from({ length: 50 }, (_, index) => `new ${index}`).join("\n");
  const diff = unifiedDiff(oldText, newText, { maxEdits: 20 });
  assert.equal(diff.ok, false);
});

test("hunks rebuild the new text from the old", () => {
  // A fixed linear congruential generator keeps the cases the same on every run.
  let seed = 7;
  const random = (limit: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % limit;
  };
  for (let round = 0; round < 200; round++) {
    const oldLines = Array.from({ length: random(25) }, () => `v${random(6)}`);
    const newLines = oldLines.filter(() => random(4) !== 0);
    for (let insert = random(5); insert > 0; insert--)
      newLines.splice(random(newLines.length + 1), 0, `v${random(6)}`);
    const oldText = oldLines.length === 0 ? "" : `${oldLines.join("\n")}\n`;
    const newText = newLines.length === 0 ? "" : `${newLines.join("\n")}\n`;
    assert.equal(
      applyHunks(oldText, lines(oldText, newText, random(4))),
      newText,
      `round ${round}`,
    );
  }
});
