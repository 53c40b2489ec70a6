/**
 * Reading inline suppression comments: the directive's grammar, and comments found by the real
 * TypeScript parser, so directive text inside strings, templates and JSX text is not read.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  codeSuppressions,
  hashCommentSuppressions,
  parseDirective,
} from "../../src/scan/inline-suppressions.js";
import { parseCode } from "../../src/scan/parse.js";

const directives: Array<{ body: string; want: ReturnType<typeof parseDirective> }> = [
  {
    body: "vendorguard-ignore-next-line plain-http -- printer has no TLS",
    want: { ok: true, rules: ["plain-http"], reason: "printer has no TLS" },
  },
  {
    body: "vendorguard-ignore-next-line plain-http ,host-not-allowed -- a reason -- with dashes",
    want: {
      ok: true,
      rules: ["plain-http", "host-not-allowed"],
      reason: "a reason -- with dashes",
    },
  },
  { body: "vendorguard-ignore-next-line plain-http", want: { ok: true, rules: ["plain-http"] } },
  {
    body: "vendorguard-ignore-next-line plain-http --   ",
    want: { ok: true, rules: ["plain-http"] },
  },
  {
    body: "vendorguard-ignore-next-line -- reason only",
    want: { ok: false, message: "vendorguard-ignore-next-line names no rule id." },
  },
  {
    body: "vendorguard-ignore-line plain-http -- wrong directive",
    want: {
      ok: false,
      message:
        '"vendorguard-ignore-line" is not a vendorguard directive; the only one is vendorguard-ignore-next-line.',
    },
  },
  {
    body: "vendorguard-ignore-next-lineplain-http -- no space",
    want: {
      ok: false,
      message:
        '"vendorguard-ignore-next-lineplain-http" is not a vendorguard directive; the only one is vendorguard-ignore-next-line.',
    },
  },
  {
    body: "vendorguard-ignore-next-line plain-http, hardcoded-secrets -- typo",
    want: {
      ok: false,
      message:
        '"hardcoded-secrets" is not a rule id. Rule ids: host-not-allowed, client-bypass, plain-http, hardcoded-secret, tls-verification-disabled.',
    },
  },
  { body: "an ordinary comment mentioning vendorguard-ignore-next-line", want: undefined },
];

for (const { body, want } of directives) {
  test(`directive: ${body}`, () => {
    assert.deepEqual(parseDirective(body), want);
  });
}

test("code comments: line, block and JSDoc forms", () => {
  const code = [
    "// vendorguard-ignore-next-line plain-http -- line comment",
    'fetch("http://a.example");',
    "/* vendorguard-ignore-next-line host-not-allowed -- block comment */",
    'fetch("https://b.example");',
    "/**",
    " * vendorguard-ignore-next-line client-bypass -- over two",
    " * lines of a block comment",
    " */",
    'fetch("https://c.example");',
    'fetch("https://d.example"); // vendorguard-ignore-next-line plain-http -- trailing',
    'fetch("http://e.example");',
  ].join("\n");
  const found = codeSuppressions(parseCode("/p/a.ts", code).sourceFile, "a.ts");
  assert.deepEqual(
    found.suppressions.map((entry) => [
      entry.line,
      entry.targetLine,
      entry.rules.join(","),
      entry.reason,
    ]),
    [
      [1, 2, "plain-http", "line comment"],
      [3, 4, "host-not-allowed", "block comment"],
      [5, 9, "client-bypass", "over two lines of a block comment"],
      [10, 11, "plain-http", "trailing"],
    ],
  );
  assert.deepEqual(found.notices, []);
});

test("code comments: text in strings, templates and JSX is not a comment", () => {
  const code = [
    'const a = "// vendorguard-ignore-next-line plain-http -- in a string";',
    "const b = `${a} // vendorguard-ignore-next-line plain-http -- in a template`;",
    "const c = <p>// vendorguard-ignore-next-line plain-http -- in JSX text</p>;",
    "const d = <p>{a}// vendorguard-ignore-next-line plain-http -- after an expression</p>;",
  ].join("\n");
  const found = codeSuppressions(parseCode("/p/a.tsx", code).sourceFile, "a.tsx");
  assert.deepEqual(found.suppressions, []);
  assert.deepEqual(found.notices, []);
});

test("code comments: a misspelled directive is a notice", () => {
  const code = "// vendorguard-ignore plain-http -- missing -next-line\nconst x = 1;";
  const found = codeSuppressions(parseCode("/p/a.ts", code).sourceFile, "a.ts");
  assert.deepEqual(found.suppressions, []);
  assert.deepEqual(
    found.notices.map((notice) => [notice.code, notice.line, notice.column]),
    [["invalid-suppression", 1, 1]],
  );
});

test("hash comments: .env and YAML lines", () => {
  const text = "A=1\n  # vendorguard-ignore-next-line hardcoded-secret -- sample value\nTOKEN=x\n";
  const found = hashCommentSuppressions(text, ".env");
  assert.deepEqual(
    found.suppressions.map((entry) => [entry.line, entry.column, entry.targetLine, entry.reason]),
    [[2, 3, 3, "sample value"]],
  );
});
