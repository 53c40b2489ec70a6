/**
 * Parsing a scanned file with the TypeScript compiler API. Each file gets a program of its own,
 * without the standard library or module resolution, so its type checker resolves every name to
 * its declaration in the file, to an import, or to nothing (a global such as `fetch`).
 */
import path from "node:path";
import ts from "typescript";

/** A parsed file with the checker that resolves its names, and its first syntax error. */
export interface ParsedFile {
  sourceFile: ts.SourceFile;
  checker: ts.TypeChecker;
  syntaxError?: { line: number; column: number; message: string; more: number };
}

const SCRIPT_KINDS: Readonly<Record<string, ts.ScriptKind>> = {
  ".ts": ts.ScriptKind.TS,
  ".mts": ts.ScriptKind.TS,
  ".cts": ts.ScriptKind.TS,
  ".tsx": ts.ScriptKind.TSX,
  ".js": ts.ScriptKind.JS,
  ".mjs": ts.ScriptKind.JS,
  ".cjs": ts.ScriptKind.JS,
  ".jsx": ts.ScriptKind.JSX,
};

const COMPILER_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  noLib: true,
  noResolve: true,
  noEmit: true,
  types: [],
  target: ts.ScriptTarget.Latest,
};

/** Parses `text` as the file `fileName`, returning its first syntax error instead of throwing. */
export function parseCode(fileName: string, text: string): ParsedFile {
  const scriptKind = SCRIPT_KINDS[path.extname(fileName)] ?? ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind);
  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  host.getSourceFile = (name) => (name === fileName ? sourceFile : undefined);
  host.fileExists = (name) => name === fileName;
  host.readFile = () => undefined;
  const program = ts.createProgram({ rootNames: [fileName], options: COMPILER_OPTIONS, host });
  const diagnostics = program.getSyntacticDiagnostics(sourceFile);
  const first = diagnostics[0];
  const parsed: ParsedFile = { sourceFile, checker: program.getTypeChecker() };
  if (first === undefined) return parsed;
  const position = sourceFile.getLineAndCharacterOfPosition(first.start ?? 0);
  parsed.syntaxError = {
    line: position.line + 1,
    column: position.character + 1,
    message: ts.flattenDiagnosticMessageText(first.messageText, " "),
    more: diagnostics.length - 1,
  };
  return parsed;
}

/** Returns the 1-based line and column of the start of `node`. */
export function positionOf(node: ts.Node): { line: number; column: number } {
  const sourceFile = node.getSourceFile();
  const position = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
  return { line: position.line + 1, column: position.character + 1 };
}
