/**
 * The selection of files a folder walk hands to the scan: the kind of each file by its name, test
 * files, the folders always left out, and the include and exclude globs of `scan:` in the config.
 */
import path from "node:path";
import picomatch from "picomatch";

/**
 * The way a file is scanned. `code` is parsed as TypeScript or JavaScript, `env` is a `.env`
 * file, `package-json` has its scripts read, and `data` (policies, specs) is only searched for
 * secrets.
 */
export type FileKind = "code" | "env" | "package-json" | "data";

/** Folder names never walked into: installed packages, build output and git's own files. */
export const EXCLUDED_FOLDER_NAMES: ReadonlySet<string> = new Set(["node_modules", "dist", ".git"]);

const CODE_EXTENSIONS: ReadonlySet<string> = new Set([
  ".ts",
  ".tsx",
  ".mts",
  ".cts",
  ".js",
  ".jsx",
  ".mjs",
  ".cjs",
]);

const TEST_FOLDER_NAMES: ReadonlySet<string> = new Set(["test", "tests", "__tests__"]);
const TEST_FILE_NAME = /\.(test|spec)\.[cm]?[jt]sx?$/;

/** Returns how a walked file is scanned, or undefined for a file the walk skips. */
export function kindOfFileName(name: string): FileKind | undefined {
  if (name === "package.json") return "package-json";
  if (name === ".env" || name.startsWith(".env.")) return "env";
  return CODE_EXTENSIONS.has(path.extname(name)) ? "code" : undefined;
}

/**
 * Returns whether a path (relative, with `/` separators) is a test file: named `*.test.*` or
 * `*.spec.*`, or inside a folder named test, tests or __tests__.
 */
export function isTestFile(relativePath: string): boolean {
  const segments = relativePath.split("/");
  const name = segments.pop() ?? "";
  return TEST_FILE_NAME.test(name) || segments.some((segment) => TEST_FOLDER_NAMES.has(segment));
}

/** The settings that decide whether a walked file is scanned. */
export interface FileFilterOptions {
  /** Folder the globs are relative to: the config file's folder. */
  globBase: string;
  include?: readonly string[];
  exclude?: readonly string[];
  includeTestFiles: boolean;
}

/** Returns a predicate over absolute file paths that applies the globs and the test-file rule. */
export function createFileFilter(options: FileFilterOptions): (file: string) => boolean {
  const matchOptions = { dot: true };
  const included =
    options.include === undefined || options.include.length === 0
      ? () => true
      : picomatch([...options.include], matchOptions);
  const excluded =
    options.exclude === undefined || options.exclude.length === 0
      ? () => false
      : picomatch([...options.exclude], matchOptions);
  return (file) => {
    const relative = toSlashes(path.relative(options.globBase, file));
    if (!included(relative) || excluded(relative)) return false;
    return options.includeTestFiles || !isTestFile(relative);
  };
}

/** Writes a relative path with `/` separators, as reports and globs use them. */
export function toSlashes(relative: string): string {
  return relative.split(path.sep).join("/");
}
