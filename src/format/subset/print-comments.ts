/**
 * Comments on their own lines before a statement or member. A block comment whose every line
 * starts with `*` is re-indented to the code it precedes, as prettier does. Any other comment is
 * kept exactly as written.
 */
import type { Comment } from "./ast.js";
import { hardline, join, type Doc } from "../layout/doc.js";

export function printLeadingComments(comments: Comment[]): Doc {
  return comments.map((comment) => [printComment(comment), hardline]);
}

function printComment(comment: Comment): Doc {
  if (!comment.block) return comment.text.trimEnd();
  const value = comment.text.slice(2, -2);
  if (!isIndentable(value)) return comment.text;
  const lines = value.split("\n");
  const printed = lines.map((text, index) => {
    if (index === 0) return text.trimEnd();
    return ` ${index < lines.length - 1 ? text.trim() : text.trimStart()}`;
  });
  return ["/*", join(hardline, printed), "*/"];
}

function isIndentable(value: string): boolean {
  const lines = `*${value}*`.split("\n");
  return lines.length > 1 && lines.every((text) => text.trimStart()[0] === "*");
}
