/** The prettier options every emitted file is formatted with; prettier itself is pinned to one exact version. */
import type { Options } from "prettier";

export const PRETTIER_OPTIONS: Options = {
  parser: "typescript",
  printWidth: 100,
  singleQuote: false,
  trailingComma: "all",
  endOfLine: "lf",
};
