/**
 * Inline suppressions: a comment on the line above a finding,
 *
 *   // vendorguard-ignore-next-line <rule-id>[, <rule-id>...] -- <reason>
 *
 * also written as a block comment, or after `#` in `.env` and YAML files. Comments in code are
 * taken from the TypeScript parser, so text inside strings and templates is never read as one.
 */
import ts from "typescript";
import { SCAN_NOTICES } from "./rules.js";
import { SCAN_RULE_IDS, type ScanNotice, type ScanRuleId } from "./types.js";

export const SUPPRESSION_DIRECTIVE = "vendorguard-ignore-next-line";

/** A suppression comment, valid or not yet checked for a reason. */
export interface InlineSuppression {
  file: string;
  /** Line and column of the comment. */
  line: number;
  column: number;
  /** The line whose findings it suppresses: the one after the comment ends. */
  targetLine: number;
  rules: ScanRuleId[];
  /** Absent when the comment gives none, which makes the suppression invalid. */
  reason?: string;
}

export interface FileSuppressions {
  suppressions: InlineSuppression[];
  notices: ScanNotice[];
}

interface Comment {
  /** The comment without its markers. */
  body: string;
  line: number;
  column: number;
  endLine: number;
}

type Directive =
  { ok: true; rules: ScanRuleId[]; reason?: string } | { ok: false; message: string };

/** Reads the suppression comments of a parsed code file. */
export function codeSuppressions(sourceFile: ts.SourceFile, file: string): FileSuppressions {
  return suppressionsFrom(codeComments(sourceFile), file);
}

/** Reads the suppression comments of a file whose comments are lines starting with `#`. */
export function hashCommentSuppressions(text: string, file: string): FileSuppressions {
  const comments: Comment[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^(\s*)#(.*)$/.exec(line);
    if (match === null) return;
    comments.push({
      body: match[2]!.trim(),
      line: index + 1,
      column: match[1]!.length + 1,
      endLine: index + 1,
    });
  });
  return suppressionsFrom(comments, file);
}

/** Parses a comment body; undefined when it is not meant as a suppression. */
export function parseDirective(body: string): Directive | undefined {
  if (!body.startsWith("vendorguard-ignore")) return undefined;
  const rest = body.slice(SUPPRESSION_DIRECTIVE.length);
  if (!body.startsWith(SUPPRESSION_DIRECTIVE) || (rest !== "" && !/^\s/.test(rest))) {
    const word = body.split(/\s/)[0];
    return {
      ok: false,
      message: `"${word}" is not a vendorguard directive; the only one is ${SUPPRESSION_DIRECTIVE}.`,
    };
  }
  const separator = /\s--(?:\s|$)/.exec(rest);
  const ruleText = separator === null ? rest : rest.slice(0, separator.index);
  const reason = separator === null ? "" : rest.slice(separator.index + separator[0].length).trim();
  const names = ruleText
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.length === 0) {
    return { ok: false, message: `${SUPPRESSION_DIRECTIVE} names no rule id.` };
  }
  const unknown = names.filter((name) => !(SCAN_RULE_IDS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    const list = unknown.map((name) => `"${name}"`).join(", ");
    return {
      ok: false,
      message: `${list} ${unknown.length === 1 ? "is not a rule id" : "are not rule ids"}. Rule ids: ${SCAN_RULE_IDS.join(", ")}.`,
    };
  }
  return { ok: true, rules: names as ScanRuleId[], ...(reason === "" ? {} : { reason }) };
}

function suppressionsFrom(comments: readonly Comment[], file: string): FileSuppressions {
  const result: FileSuppressions = { suppressions: [], notices: [] };
  for (const comment of comments) {
    const directive = parseDirective(comment.body);
    if (directive === undefined) continue;
    if (!directive.ok) {
      result.notices.push({
        code: "invalid-suppression",
        severity: SCAN_NOTICES["invalid-suppression"].severity,
        file,
        line: comment.line,
        column: comment.column,
        message: directive.message,
        fix: `Write // ${SUPPRESSION_DIRECTIVE} <rule-id> -- <reason> on the line above the finding.`,
      });
      continue;
    }
    result.suppressions.push({
      file,
      line: comment.line,
      column: comment.column,
      targetLine: comment.endLine + 1,
      rules: directive.rules,
      ...(directive.reason === undefined ? {} : { reason: directive.reason }),
    });
  }
  return result;
}

/**
 * Collects every comment of a parsed file. Comments sit in the trivia before or after a node, so
 * the ranges at each node's start and end cover them. A range seen twice counts once.
 */
function codeComments(sourceFile: ts.SourceFile): Comment[] {
  const text = sourceFile.text;
  const ranges = new Map<number, ts.CommentRange>();
  // Leading ranges start after the first line break; trailing ones are those before it.
  const collect = (position: number) => {
    const found = [
      ...(ts.getLeadingCommentRanges(text, position) ?? []),
      ...(ts.getTrailingCommentRanges(text, position) ?? []),
    ];
    for (const range of found) ranges.set(range.pos, range);
  };
  const visit = (node: ts.Node): void => {
    // Between the children of a JSX element lies JSX text, where `//` is text, not a comment.
    const parent = node.parent as ts.Node | undefined;
    const isJsxChild =
      parent !== undefined && (ts.isJsxElement(parent) || ts.isJsxFragment(parent));
    if (!isJsxChild) collect(node.pos);
    ts.forEachChild(node, visit);
    if (!isJsxChild) collect(node.end);
  };
  visit(sourceFile);
  collect(sourceFile.endOfFileToken.pos);
  return [...ranges.values()]
    .sort((a, b) => a.pos - b.pos)
    .map((range) => toComment(sourceFile, range));
}

function toComment(sourceFile: ts.SourceFile, range: ts.CommentRange): Comment {
  const raw = sourceFile.text.slice(range.pos, range.end);
  const body =
    range.kind === ts.SyntaxKind.SingleLineCommentTrivia
      ? raw.slice(2)
      : raw
          .slice(2, -2)
          .split(/\r?\n/)
          .map((line) => line.replace(/^\s*\*?\s*/, "").trimEnd())
          .filter((line) => line !== "")
          .join(" ");
  const start = sourceFile.getLineAndCharacterOfPosition(range.pos);
  const end = sourceFile.getLineAndCharacterOfPosition(range.end);
  return {
    body: body.trim(),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
  };
}
