/**
 * The format stage: prettier over every emitted file with options fixed here, so the output never
 * depends on a prettier configuration found in the user's repository.
 */
import * as prettier from "prettier";

/** Options every emitted file is formatted with; prettier itself is pinned to one exact version. */
export const PRETTIER_OPTIONS: prettier.Options = {
  parser: "typescript",
  printWidth: 100,
  singleQuote: false,
  trailingComma: "all",
  endOfLine: "lf",
};

/** Formats one TypeScript file. */
export async function formatTypeScript(code: string): Promise<string> {
  return prettier.format(code, PRETTIER_OPTIONS);
}
