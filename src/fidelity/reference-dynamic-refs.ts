/**
 * The reference's reading of `$recursiveRef` (JSON Schema 2019-09) and `$dynamicRef` (2020-12),
 * written from the README's rule and apart from `src/model/dynamic-refs.ts`, so the check compares
 * two readings. The README's rule: a schema resource is a component schema or a file that is a
 * schema as a whole. The reference goes to the root of its resource (`"#"`) or to the schema in it
 * with that `$anchor` or `$dynamicAnchor` (`"#name"`). When that target carries the dynamic anchor
 * (`$recursiveAnchor: true`, `$dynamicAnchor: name`), JSON Schema moves it to the outermost
 * resource in the dynamic scope with the same anchor. The target is therefore fixed only when no
 * other resource with that anchor can reach it through `$ref`s, and otherwise it is not resolved.
 */
import type { DocumentSet, Location } from "../model/resolve.js";
import { locationKey } from "../model/resolve.js";

type JsonObject = Record<string, unknown>;

/** A marker that can move a dynamic reference: the 2019-09 boolean, or a 2020-12 anchor name. */
type DynamicAnchor = { recursive: true } | { name: string };

export class ReferenceDynamicRefs {
  readonly #docs: DocumentSet;
  #resources: Location[] | undefined;
  readonly #reachable = new Map<string, Set<string>>();

  constructor(docs: DocumentSet) {
    this.#docs = docs;
  }

  /** Returns the target of the dynamic reference in `schema` at `at`, or undefined without one. */
  targetOf(schema: JsonObject, at: Location): Location | undefined {
    const resource = this.#resourceOf(at);
    if (!resource) return undefined;
    if (typeof schema.$recursiveRef === "string") {
      if (schema.$recursiveRef !== "#") return undefined;
      return this.#settle(resource, resource, { recursive: true });
    }
    if (typeof schema.$dynamicRef !== "string") return undefined;
    const value = schema.$dynamicRef;
    if (value === "#") return resource;
    if (value.startsWith("#/")) {
      const target = this.#docs.locate(value, at);
      return this.#docs.find(target) === undefined ? undefined : target;
    }
    if (!value.startsWith("#")) return undefined;
    const name = value.slice(1);
    const anchored = this.#anchorsIn(resource, name);
    if (anchored.length !== 1) return undefined;
    return this.#settle(anchored[0]!, resource, { name });
  }

  /**
   * Returns `target` unless it carries `anchor` and another resource with the same anchor reaches
   * `resource`, in which case the dynamic scope decides and the result is undefined.
   */
  #settle(target: Location, resource: Location, anchor: DynamicAnchor): Location | undefined {
    if (!carries(this.#docs.find(target), anchor)) return target;
    const contested = this.#resourceList().some(
      (other) =>
        locationKey(other) !== locationKey(resource) &&
        this.#declares(other, anchor) &&
        this.#canEnter(other, resource),
    );
    return contested ? undefined : target;
  }

  #declares(resource: Location, anchor: DynamicAnchor): boolean {
    if ("recursive" in anchor) return carries(this.#docs.find(resource), anchor);
    return this.#anchorsIn(resource, anchor.name).some((location) =>
      carries(this.#docs.find(location), anchor),
    );
  }

  /**
   * Returns the component schema, or the schema file, that `at` lies in. Returns undefined outside
   * both, or below a `$id`.
   */
  #resourceOf(at: Location): Location | undefined {
    const file = this.#docs.find({ file: at.file, pointer: "" });
    let root = "";
    if (!isSchemaDocument(file)) {
      const tokens = at.pointer.split("/").slice(1);
      const containerLength =
        tokens[0] === "components" && tokens[1] === "schemas"
          ? 2
          : tokens[0] === "definitions"
            ? 1
            : 0;
      if (containerLength === 0 || tokens.length <= containerLength) return undefined;
      root = `/${tokens.slice(0, containerLength + 1).join("/")}`;
    }
    // A `$id` below the root would start a resource of its own, which the README does not support.
    let pointer = root;
    for (const token of at.pointer.slice(root.length).split("/").slice(1)) {
      pointer += `/${token}`;
      const value = this.#docs.find({ file: at.file, pointer });
      if (isObject(value) && typeof value.$id === "string") return undefined;
    }
    return { file: at.file, pointer: root };
  }

  /** Every resource of the loaded files. */
  #resourceList(): Location[] {
    if (this.#resources) return this.#resources;
    this.#resources = this.#docs.fileNames().flatMap((file) => {
      const root = this.#docs.find({ file, pointer: "" });
      if (isSchemaDocument(root)) return [{ file, pointer: "" }];
      const schemas = (pointer: string) => {
        const value = this.#docs.find({ file, pointer });
        return isObject(value)
          ? Object.keys(value).map((name) => ({ file, pointer: `${pointer}/${escape(name)}` }))
          : [];
      };
      return [...schemas("/components/schemas"), ...schemas("/definitions")];
    });
    return this.#resources;
  }

  /** Schemas in `resource` that declare the anchor `name`, outside any inner `$id` resource. */
  #anchorsIn(resource: Location, name: string): Location[] {
    const found: Location[] = [];
    const visit = (value: unknown, pointer: string): void => {
      if (Array.isArray(value)) {
        value.forEach((item, index) => visit(item, `${pointer}/${index}`));
        return;
      }
      if (!isObject(value)) return;
      if (pointer !== resource.pointer && typeof value.$id === "string") return;
      if (value.$anchor === name || value.$dynamicAnchor === name)
        found.push({ file: resource.file, pointer });
      for (const key of Object.keys(value)) visit(value[key], `${pointer}/${escape(key)}`);
    };
    visit(this.#docs.find(resource), resource.pointer);
    return found;
  }

  /** True when a `$ref` chain from `from` leads into `resource`, or to a schema around it. */
  #canEnter(from: Location, resource: Location): boolean {
    for (const key of this.#reachableFrom(from)) {
      const hash = key.indexOf("#");
      if (key.slice(0, hash) !== resource.file) continue;
      const pointer = key.slice(hash + 1);
      if (isPrefix(resource.pointer, pointer) || isPrefix(pointer, resource.pointer)) return true;
    }
    return false;
  }

  /** Location keys of every `$ref` target validation of `from` can reach, transitively. */
  #reachableFrom(from: Location): Set<string> {
    const cached = this.#reachable.get(locationKey(from));
    if (cached) return cached;
    const reached = new Set<string>();
    const queue: Location[] = [from];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const source = next;
      forEachReference(this.#docs.find(source), (ref) => {
        const target = this.#docs.locate(ref, source);
        const key = locationKey(target);
        if (key === locationKey(from) || reached.has(key)) return;
        if (this.#docs.find(target) === undefined) return;
        reached.add(key);
        queue.push(target);
      });
    }
    this.#reachable.set(locationKey(from), reached);
    return reached;
  }
}

/** True when a schema carries the anchor: `$recursiveAnchor: true`, or `$dynamicAnchor: name`. */
function carries(schema: unknown, anchor: DynamicAnchor): boolean {
  if (!isObject(schema)) return false;
  return "recursive" in anchor
    ? schema.$recursiveAnchor === true
    : schema.$dynamicAnchor === anchor.name;
}

/** Calls `visit` with every `$ref`, and every `$dynamicRef` that is a JSON pointer, in a value. */
function forEachReference(value: unknown, visit: (ref: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) forEachReference(item, visit);
    return;
  }
  if (!isObject(value)) return;
  if (typeof value.$ref === "string") visit(value.$ref);
  if (typeof value.$dynamicRef === "string" && value.$dynamicRef.includes("#/"))
    visit(value.$dynamicRef);
  for (const item of Object.values(value)) forEachReference(item, visit);
}

/** True for a parsed file that is a schema rather than an OpenAPI document. */
function isSchemaDocument(root: unknown): boolean {
  if (!isObject(root)) return false;
  return !["openapi", "swagger", "info", "paths", "components", "definitions"].some((key) =>
    Object.hasOwn(root, key),
  );
}

function isPrefix(prefix: string, pointer: string): boolean {
  return pointer === prefix || pointer.startsWith(`${prefix}/`);
}

function escape(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
