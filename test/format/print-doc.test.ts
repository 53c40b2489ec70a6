/**
 * The layout engine must place every line break where prettier's own document printer places
 * it. Random documents are built twice, with vendorguard's builders and with prettier's, and
 * printed at random widths.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { doc as prettierDoc } from "prettier";
import * as ours from "../../src/format/layout/doc.js";
import { printDoc } from "../../src/format/layout/print-doc.js";

type Recipe =
  | { kind: "text"; text: string }
  | { kind: "concat"; parts: Recipe[] }
  | { kind: "group"; contents: Recipe; shouldBreak: boolean }
  | { kind: "conditional"; states: Recipe[] }
  | { kind: "indent"; contents: Recipe }
  | { kind: "line" | "softline" | "hardline" }
  | { kind: "if-break"; breakContents: Recipe; flatContents: Recipe }
  | { kind: "fluid"; left: Recipe; right: Recipe }
  | { kind: "fill"; parts: Recipe[] };

const word = fc.stringMatching(/^[a-z]{0,14}$/).map((text): Recipe => ({ kind: "text", text }));
const lineKind = fc.constantFrom<Recipe>({ kind: "line" }, { kind: "softline" }, { kind: "hardline" });

const { recipe } = fc.letrec<{ recipe: Recipe }>((tie) => ({
  recipe: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    word,
    lineKind,
    fc.array(tie("recipe"), { maxLength: 5 }).map((parts): Recipe => ({ kind: "concat", parts })),
    fc.record({ contents: tie("recipe"), shouldBreak: fc.boolean() }).map((r): Recipe => ({ kind: "group", ...r })),
    fc.array(tie("recipe"), { minLength: 1, maxLength: 3 }).map((states): Recipe => ({ kind: "conditional", states })),
    tie("recipe").map((contents): Recipe => ({ kind: "indent", contents })),
    fc.record({ breakContents: tie("recipe"), flatContents: tie("recipe") }).map((r): Recipe => ({ kind: "if-break", ...r })),
    fc.record({ left: tie("recipe"), right: tie("recipe") }).map((r): Recipe => ({ kind: "fluid", ...r })),
    fc.array(word, { minLength: 1, maxLength: 8 }).map((parts): Recipe => ({ kind: "fill", parts })),
  ),
}));

function buildOurs(r: Recipe): ours.Doc {
  switch (r.kind) {
    case "text":
      return r.text;
    case "concat":
      return r.parts.map(buildOurs);
    case "group":
      return ours.group(buildOurs(r.contents), { shouldBreak: r.shouldBreak });
    case "conditional":
      return ours.conditionalGroup(r.states.map(buildOurs));
    case "indent":
      return ours.indent(buildOurs(r.contents));
    case "line":
      return ours.line;
    case "softline":
      return ours.softline;
    case "hardline":
      return ours.hardline;
    case "if-break":
      return ours.ifBreak(buildOurs(r.breakContents), buildOurs(r.flatContents));
    case "fluid": {
      const id = Symbol("assignment");
      return ours.group([ours.group(buildOurs(r.left)), " =", ours.group(ours.indent(ours.line), { id }), ours.indentIfBreak(buildOurs(r.right), id)]);
    }
    case "fill":
      return ours.fill(ours.join(ours.line, r.parts.map(buildOurs)));
  }
}

type PrettierDoc = Parameters<typeof prettierDoc.printer.printDocToString>[0];

function buildPrettier(r: Recipe): PrettierDoc {
  const b = prettierDoc.builders;
  switch (r.kind) {
    case "text":
      return r.text;
    case "concat":
      return r.parts.map(buildPrettier);
    case "group":
      return b.group(buildPrettier(r.contents), { shouldBreak: r.shouldBreak });
    case "conditional":
      return b.conditionalGroup(r.states.map(buildPrettier));
    case "indent":
      return b.indent(buildPrettier(r.contents));
    case "line":
      return b.line;
    case "softline":
      return b.softline;
    case "hardline":
      return b.hardline;
    case "if-break":
      return b.ifBreak(buildPrettier(r.breakContents), buildPrettier(r.flatContents));
    case "fluid": {
      const groupId = Symbol("assignment");
      return b.group([b.group(buildPrettier(r.left)), " =", b.group(b.indent(b.line), { id: groupId }), b.indentIfBreak(buildPrettier(r.right), { groupId })]);
    }
    case "fill":
      return b.fill(b.join(b.line, r.parts.map(buildPrettier)) as PrettierDoc[]);
  }
}

function printWithPrettier(r: Recipe, width: number): string {
  return prettierDoc.printer.printDocToString(buildPrettier(r), {
    printWidth: width,
    tabWidth: 2,
    useTabs: false,
    parser: "typescript",
  } as Parameters<typeof prettierDoc.printer.printDocToString>[1]).formatted;
}

test("layout equals prettier's printer on random documents", () => {
  fc.assert(
    fc.property(recipe, fc.integer({ min: 8, max: 100 }), (r, width) => {
      assert.equal(printDoc(buildOurs(r), width), printWithPrettier(r, width));
    }),
    { numRuns: 3000 },
  );
});

test("layout breaks a group that does not fit and keeps one that does", () => {
  const doc = (): ours.Doc => ours.group(["call(", ours.indent([ours.softline, "argument"]), ours.softline, ")"]);
  assert.equal(printDoc(doc(), 20), "call(argument)");
  assert.equal(printDoc(doc(), 10), "call(\n  argument\n)");
});
