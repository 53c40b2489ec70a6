/**
 * Resolving `$ref`s across the document and the local files it references. A location is an
 * absolute file path plus a JSON pointer, written `file#pointer`.
 */
import path from "node:path";
import { VendorguardError } from "../errors.js";
import { unescapePointerToken } from "../spec/refs.js";

export interface Location {
  file: string;
  /** JSON pointer without the leading `#`, e.g. `/components/schemas/Pet`. */
  pointer: string;
}

export function locationKey(location: Location): string {
  return `${location.file}#${location.pointer}`;
}

export class DocumentSet {
  readonly #files: Map<string, unknown>;
  /** Entry document's absolute path. */
  readonly entry: string;
  /** Entry document's path as the user gave it, for messages. */
  readonly displayEntry: string;

  constructor(entry: string, displayEntry: string, files: Map<string, unknown>) {
    this.entry = entry;
    this.displayEntry = displayEntry;
    this.#files = files;
  }

  /** Returns the absolute paths (or URLs) of every loaded file, the entry document first. */
  fileNames(): string[] {
    return [this.entry, ...[...this.#files.keys()].filter((file) => file !== this.entry)];
  }

  /** Turns a `$ref` written in `from`'s file into an absolute location. */
  locate(ref: string, from: Location): Location {
    const hash = ref.indexOf("#");
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? "" : decodeURIComponent(ref.slice(hash + 1));
    return { file: this.#locateFile(filePart, from.file), pointer };
  }

  /** Resolves the file part of a `$ref` against the file that contains it. Remote files are URLs. */
  #locateFile(filePart: string, fromFile: string): string {
    if (filePart === "") return fromFile;
    if (/^https?:/i.test(filePart)) return new URL(filePart).href;
    if (/^https?:/i.test(fromFile)) return new URL(filePart, fromFile).href;
    return path.resolve(path.dirname(fromFile), decodeURIComponent(filePart));
  }

  /** Returns the value at a location, or undefined when there is none. */
  find(location: Location): unknown {
    let value: unknown = this.#files.get(location.file);
    if (location.pointer === "") return value;
    for (const token of location.pointer.slice(1).split("/").map(unescapePointerToken)) {
      if (value === null || typeof value !== "object" || !Object.hasOwn(value, token)) return undefined;
      value = (value as Record<string, unknown>)[token];
    }
    return value;
  }

  /** Returns the value at a location, or throws an error naming the reference and where it was written. */
  get(location: Location, ref: string, from: Location): unknown {
    const root = this.#files.get(location.file);
    if (root === undefined) {
      throw new VendorguardError(
        "unresolvable_ref",
        `${this.describe(from)}: the $ref "${ref}" names a file that was not loaded (${location.file}).`,
      );
    }
    let value: unknown = root;
    if (location.pointer === "") return value;
    if (!location.pointer.startsWith("/")) {
      throw new VendorguardError(
        "unresolvable_ref",
        `${this.describe(from)}: the $ref "${ref}" has a fragment that is not a JSON pointer. Write it as "#/path/to/schema".`,
      );
    }
    for (const token of location.pointer.slice(1).split("/").map(unescapePointerToken)) {
      if (value === null || typeof value !== "object" || !Object.hasOwn(value, token)) {
        throw new VendorguardError(
          "unresolvable_ref",
          `${this.describe(from)}: the $ref "${ref}" points to nothing (no key "${token}"). Fix the pointer after '#'.`,
        );
      }
      value = (value as Record<string, unknown>)[token];
    }
    return value;
  }

  /**
   * `#/components/schemas/Pet` for the entry document, a path relative to it otherwise: the same
   * on every machine and from every working folder, so it may appear in generated code.
   */
  describeStable(location: Location): string {
    if (location.file === this.entry) return `#${location.pointer}`;
    if (/^https?:/i.test(location.file)) return `${location.file}#${location.pointer}`;
    return `${path.relative(path.dirname(this.entry), location.file).split(path.sep).join("/")}#${location.pointer}`;
  }

  /** `spec.yaml#/paths/...` for the entry document, a path relative to it for other files. */
  describe(location: Location): string {
    if (/^https?:/i.test(location.file)) return `${location.file}#${location.pointer}`;
    const file =
      location.file === this.entry
        ? this.displayEntry
        : path.relative(path.dirname(this.entry), location.file).split(path.sep).join("/");
    return `${file}#${location.pointer}`;
  }
}
