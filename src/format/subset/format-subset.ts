/**
 * Formats emitted TypeScript without running prettier, with the bytes prettier 3.10 gives at
 * width 100. The code is parsed into the subset of `ast.ts`. Each top-level statement becomes a
 * layout document built the way prettier's printer builds it, and the document is laid out.
 *
 * Top-level statements are laid out independently, as in prettier, where each ends with a hard
 * line break. A statement outside the subset is handed to `fallback` (prettier itself); a file
 * that cannot be parsed raises `UnsupportedSyntax` and is left to the caller.
 */
import { printDoc } from "../layout/print-doc.js";
import type { SourceStatement } from "./ast.js";
import { parseSource, UnsupportedSyntax } from "./parse.js";
import { clearPrintCache } from "./print-expressions.js";
import { printSourceStatement } from "./print-statements.js";

export { UnsupportedSyntax };

export const PRINT_WIDTH = 100;

export interface SubsetFormatResult {
  text: string;
  /** Source texts of the statements that `fallback` formatted, for tests and measurements. */
  fallbackStatements: string[];
}

export async function formatSubset(
  source: string,
  fallback: (statement: string) => Promise<string>,
): Promise<SubsetFormatResult> {
  const out: string[] = [];
  const fallbackStatements: string[] = [];
  let previous: SourceStatement | undefined;
  for (const statement of parseSource(source)) {
    if (previous) out.push(previous.blankLineAfter ? "\n\n" : "\n");
    previous = statement;
    let printed: string;
    try {
      printed = printDoc(printSourceStatement(statement), PRINT_WIDTH);
      clearPrintCache();
    } catch (error) {
      clearPrintCache();
      if (!(error instanceof UnsupportedSyntax)) throw error;
      const text = source.slice(statement.start, statement.end);
      fallbackStatements.push(text);
      printed = (await fallback(text)).replace(/\n+$/, "");
    }
    out.push(printed);
  }
  out.push("\n");
  return { text: out.join(""), fallbackStatements };
}
