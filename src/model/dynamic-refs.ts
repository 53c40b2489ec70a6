/**
 * Static resolution of JSON Schema's dynamic references: `$recursiveRef` (2019-09) and
 * `$dynamicRef` (2020-12). Their target depends on the schemas validation passed through on the
 * way (the dynamic scope), so a reference resolves here only when every scope gives the same
 * target.
 *
 * A schema resource is a component schema (`#/components/schemas/X`, `#/definitions/X`) or a
 * file that is a schema as a whole. `$recursiveRef: "#"` first names the root of its resource.
 * When that root has `$recursiveAnchor: true`, JSON Schema moves the target to the outermost
 * resource in the dynamic scope that also has `$recursiveAnchor: true`. That is the same root
 * unless another anchored resource can reach it through `$ref`s. `$dynamicRef: "#name"` works
 * alike with the `$anchor` or `$dynamicAnchor` named `name` in its resource.
 */
import { escapePointerToken } from "../spec/refs.js";
import { type DocumentSet, type Location, locationKey } from "./resolve.js";

export type DynamicRefKeyword = "$recursiveRef" | "$dynamicRef";

/** The resolved target, or why the reference cannot be resolved without the dynamic scope. */
export type DynamicRefResolution = { location: Location } | { problem: string };

type Raw = Record<string, unknown>;

/** Top-level keys that make a file an OpenAPI document rather than a schema. */
const DOCUMENT_KEYS = ["openapi", "swagger", "paths", "components", "definitions", "info"];

export class DynamicRefResolver {
  readonly #docs: DocumentSet;
  /** Resource roots of every loaded file, found on first use. */
  #resources?: Location[];
  /** Locations whose subtrees a resource's `$ref`s reach, by the resource's location key. */
  readonly #reached = new Map<string, Location[]>();

  constructor(docs: DocumentSet) {
    this.#docs = docs;
  }

  resolve(keyword: DynamicRefKeyword, value: string, at: Location): DynamicRefResolution {
    const root = this.#resourceRoot(at);
    if ("problem" in root) return root;
    if (keyword === "$recursiveRef") return this.#resolveRecursive(value, root.location);
    return this.#resolveDynamic(value, root.location, at);
  }

  #resolveRecursive(value: string, root: Location): DynamicRefResolution {
    if (value !== "#") return { problem: 'JSON Schema 2019-09 allows only "#" as its value' };
    if (!hasRecursiveAnchor(this.#docs.find(root))) return { location: root };
    const rival = this.#allResources().find(
      (resource) =>
        locationKey(resource) !== locationKey(root) &&
        hasRecursiveAnchor(this.#docs.find(resource)) &&
        this.#reaches(resource, root),
    );
    if (rival) return { problem: `${this.#docs.describe(rival)} also has $recursiveAnchor: true and reaches ${this.#docs.describe(root)}, so the target depends on where validation started` };
    return { location: root };
  }

  #resolveDynamic(value: string, root: Location, at: Location): DynamicRefResolution {
    if (!value.startsWith("#")) return { problem: "it names another document, which is not supported" };
    const fragment = value.slice(1);
    // A JSON pointer fragment is not an anchor, so the reference behaves like `$ref`.
    if (fragment.startsWith("/")) {
      const location = this.#docs.locate(value, at);
      return this.#docs.find(location) === undefined ? { problem: "it points to nothing" } : { location };
    }
    if (fragment === "") return { location: root };
    const anchors = findAnchors(this.#docs, root, fragment);
    if (anchors.length === 0) return { problem: `no $anchor or $dynamicAnchor named "${fragment}" is in ${this.#docs.describe(root)}` };
    if (anchors.length > 1) return { problem: `${anchors.length} schemas in ${this.#docs.describe(root)} declare the anchor "${fragment}"` };
    const anchor = anchors[0]!;
    if (!anchor.dynamic) return { location: anchor.location };
    const rival = this.#allResources().find(
      (resource) =>
        locationKey(resource) !== locationKey(root) &&
        findAnchors(this.#docs, resource, fragment).some((found) => found.dynamic) &&
        this.#reaches(resource, root),
    );
    if (rival) return { problem: `${this.#docs.describe(rival)} also has $dynamicAnchor "${fragment}" and reaches ${this.#docs.describe(root)}, so the target depends on where validation started` };
    return { location: anchor.location };
  }

  /** Returns the root of the schema resource that contains `at`. */
  #resourceRoot(at: Location): { location: Location } | { problem: string } {
    const fileRoot = this.#docs.find({ file: at.file, pointer: "" });
    let root: Location;
    if (isSchemaFile(fileRoot)) {
      root = { file: at.file, pointer: "" };
    } else {
      const component = /^\/(?:components\/schemas|definitions)\/[^/]+/.exec(at.pointer);
      if (!component) return { problem: "it is not inside a component schema, so it has no schema resource to refer to" };
      root = { file: at.file, pointer: component[0] };
    }
    const inner = this.#innerIdentifier(root, at);
    if (inner) return { problem: `${this.#docs.describe(inner)} has a $id, and schema resources inside a component are not supported` };
    return { location: root };
  }

  /** Returns the first schema strictly inside `root`, on the way to `at`, that has a `$id`. */
  #innerIdentifier(root: Location, at: Location): Location | undefined {
    const tokens = at.pointer.slice(root.pointer.length).split("/").slice(1);
    let pointer = root.pointer;
    for (const token of tokens) {
      pointer = `${pointer}/${token}`;
      const value = this.#docs.find({ file: root.file, pointer });
      if (isRecord(value) && typeof value.$id === "string") return { file: root.file, pointer };
      if (value === undefined) return undefined;
    }
    return undefined;
  }

  #allResources(): Location[] {
    if (this.#resources) return this.#resources;
    const resources: Location[] = [];
    for (const file of this.#docs.fileNames()) {
      const root = this.#docs.find({ file, pointer: "" });
      if (isSchemaFile(root)) {
        resources.push({ file, pointer: "" });
        continue;
      }
      for (const container of ["/components/schemas", "/definitions"]) {
        const components = this.#docs.find({ file, pointer: container });
        if (!isRecord(components)) continue;
        for (const name of Object.keys(components)) resources.push({ file, pointer: `${container}/${escapePointerToken(name)}` });
      }
    }
    this.#resources = resources;
    return resources;
  }

  /** True when validation of `from` can enter `target`'s resource by following `$ref`s. */
  #reaches(from: Location, target: Location): boolean {
    return this.#reachedFrom(from).some(
      (location) =>
        location.file === target.file &&
        (isWithin(location.pointer, target.pointer) || isWithin(target.pointer, location.pointer)),
    );
  }

  /** Returns every location whose subtree validation of `from` walks, `from` excluded. */
  #reachedFrom(from: Location): Location[] {
    const known = this.#reached.get(locationKey(from));
    if (known) return known;
    const seen = new Set<string>([locationKey(from)]);
    const reached: Location[] = [];
    const pending = [from];
    while (pending.length > 0) {
      const location = pending.pop()!;
      for (const ref of collectReferences(this.#docs.find(location))) {
        const target = this.#docs.locate(ref, location);
        if (seen.has(locationKey(target)) || this.#docs.find(target) === undefined) continue;
        seen.add(locationKey(target));
        reached.push(target);
        pending.push(target);
      }
    }
    this.#reached.set(locationKey(from), reached);
    return reached;
  }
}

/** True for a file whose root is a schema rather than an OpenAPI document. */
function isSchemaFile(root: unknown): boolean {
  return isRecord(root) && !DOCUMENT_KEYS.some((key) => Object.hasOwn(root, key));
}

function hasRecursiveAnchor(schema: unknown): boolean {
  return isRecord(schema) && schema.$recursiveAnchor === true;
}

function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

/**
 * Returns the `$ref`s in a value, and the `$dynamicRef`s written as JSON pointers, which behave
 * like `$ref`. Anchor references stay inside their resource, which is walked anyway.
 */
function collectReferences(value: unknown): string[] {
  const found: string[] = [];
  const stack = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) stack.push(...current);
    if (!isRecord(current)) continue;
    if (typeof current.$ref === "string") found.push(current.$ref);
    if (typeof current.$dynamicRef === "string" && current.$dynamicRef.includes("#/")) found.push(current.$dynamicRef);
    stack.push(...Object.values(current));
  }
  return found;
}

/** Finds the schemas in a resource that declare the anchor `name`, not entering inner resources. */
function findAnchors(docs: DocumentSet, root: Location, name: string): Array<{ location: Location; dynamic: boolean }> {
  const found: Array<{ location: Location; dynamic: boolean }> = [];
  const stack: Array<{ value: unknown; pointer: string }> = [{ value: docs.find(root), pointer: root.pointer }];
  while (stack.length > 0) {
    const { value, pointer } = stack.pop()!;
    if (Array.isArray(value)) value.forEach((item, index) => stack.push({ value: item, pointer: `${pointer}/${index}` }));
    if (!isRecord(value)) continue;
    if (pointer !== root.pointer && typeof value.$id === "string") continue;
    if (value.$dynamicAnchor === name || value.$anchor === name) {
      found.push({ location: { file: root.file, pointer }, dynamic: value.$dynamicAnchor === name });
    }
    for (const [key, item] of Object.entries(value)) stack.push({ value: item, pointer: `${pointer}/${escapePointerToken(key)}` });
  }
  return found;
}

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
