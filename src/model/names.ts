/**
 * Turning document names (schema keys, operationIds, paths) into TypeScript identifiers that are
 * ASCII-only, valid, unique and stable across runs.
 */

const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function " +
    "if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield any boolean constructor declare get " +
    "module require number set string symbol type from of async await never unknown object undefined bigint keyof " +
    "infer is readonly unique satisfies accessor asserts global namespace out abstract override"
  ).split(" "),
);

/** Names the emitted files use for themselves or take from the runtime and TypeScript's globals. */
const TAKEN_TYPE_NAMES = new Set(
  (
    "Array Blob Boolean Date Error Function Map Number Object Promise Record Partial Required Readonly Set String Symbol " +
    "Uint8Array ReadableStream ApiResponse CallOptions ClientOptions VendorRuntime RuntimeConfig OperationSpec z"
  ).split(" "),
);

/** Splits a name into ASCII words at separators, case changes and non-ASCII characters. */
export function splitWords(name: string): string[] {
  const ascii = name.normalize("NFKD").replace(/[^\x20-\x7e]/g, " ");
  return ascii
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** `list-repos_for user` to `ListReposForUser`; never empty, never starting with a digit. */
export function toPascalCase(name: string): string {
  const words = splitWords(name);
  const joined = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
  if (joined.length === 0) return "Unnamed";
  return /^[0-9]/.test(joined) ? `N${joined}` : joined;
}

/** `list-repos_for user` to `listReposForUser`; reserved words get a trailing underscore. */
export function toCamelCase(name: string): string {
  const pascal = toPascalCase(name);
  const camel = pascal[0]!.toLowerCase() + pascal.slice(1);
  return RESERVED_WORDS.has(camel) ? `${camel}_` : camel;
}

/** Converts a schema name to a type name; one that would shadow a global or runtime type gets `Model`. */
export function toTypeName(name: string): string {
  const pascal = toPascalCase(name);
  return TAKEN_TYPE_NAMES.has(pascal) ? `${pascal}Model` : pascal;
}

/**
 * Hands out unique identifiers: the first request for a base name gets it as is, later ones get
 * `2`, `3` and so on. Callers request names in a sorted order so the result is stable.
 */
export class NameAllocator {
  readonly #used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.#used.add(name.toLowerCase());
  }

  /** True when `name` has not been handed out or reserved. */
  isFree(name: string): boolean {
    return !this.#used.has(name.toLowerCase());
  }

  /**
   * Takes a group of names sharing one base: the first of `base`, `base2`, ... for which every
   * `base + suffix` is free. Returns that base.
   */
  allocateGroup(base: string, suffixes: string[]): string {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}${n}`;
      if (suffixes.every((suffix) => this.isFree(`${candidate}${suffix}`))) {
        for (const suffix of suffixes) this.allocate(`${candidate}${suffix}`);
        return candidate;
      }
    }
  }

  /** Returns `base`, or `base` with the smallest suffix that is still free (compared case-insensitively). */
  allocate(base: string): string {
    let candidate = base;
    for (let suffix = 2; this.#used.has(candidate.toLowerCase()); suffix++) candidate = `${base}${suffix}`;
    this.#used.add(candidate.toLowerCase());
    return candidate;
  }
}

/** True for a string that can be written as a bare identifier or property name. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}
