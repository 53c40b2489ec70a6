/**
 * The model stage: from a loaded document to the sorted, named `ApiModel` the emitters read.
 */
import type { HttpMethod } from "../runtime/config.js";
import type { LoadedSpec } from "../spec/load.js";
import { escapePointerToken } from "../spec/refs.js";
import { NameAllocator, toCamelCase, toPascalCase } from "./names.js";
import { HTTP_METHODS, OperationBuilder, type UnnamedOperation } from "./operations.js";
import { compareCodeUnits, SchemaRegistry } from "./registry.js";
import { DocumentSet, type Location } from "./resolve.js";
import type { SchemaWarning } from "./schema.js";
import type { ApiModel, NamedSchema, OperationModel } from "./types.js";

/** Operations the client contains, named by operationId or `METHOD /path`. */
export interface OperationSelection {
  /** Empty means every operation. */
  include: string[];
  exclude: string[];
}

/**
 * Method names operations may not take: those the client class defines itself, and `then`,
 * which would make `await client` call an operation.
 */
const CLIENT_MEMBERS = ["constructor", "health", "close", "runtime", "then"];

/**
 * Builds the model. `reservedTypeNames` are names the client's index also exports (the runtime's),
 * which no schema or operation type may take.
 */
export function buildModel(spec: LoadedSpec, selection: OperationSelection, reservedTypeNames: string[] = []): ApiModel {
  const docs = new DocumentSet(spec.file, spec.displayPath, spec.files);
  const registry = new SchemaRegistry(docs, spec.version);
  registry.registerComponents();
  const builder = new OperationBuilder(registry, spec.version, spec.document);
  const unnamed = collectOperations(spec, builder, selection);
  registry.normalizeAll();

  const info = (spec.document.info ?? {}) as Record<string, unknown>;
  const typeNames = new NameAllocator(reservedTypeNames);
  const schemas = registry.named(typeNames);
  const operations = nameOperations(unnamed, typeNames);
  return {
    title: typeof info.title === "string" ? info.title : "API",
    version: typeof info.version === "string" ? info.version : String(info.version ?? ""),
    specVersion: spec.version,
    schemas,
    operations: operations.models,
    warnings: [...schemaWarnings(registry.normalizer.warnings, schemas), ...builder.warnings, ...operations.warnings],
  };
}

/** Writes schema warnings as lines, each naming its location and the type of its named schema. */
function schemaWarnings(warnings: SchemaWarning[], schemas: NamedSchema[]): string[] {
  const typeNames = new Map(schemas.map((schema) => [schema.key, schema.typeName]));
  return warnings.map(({ location, text, schema }) => {
    const typeName = schema === undefined ? undefined : typeNames.get(schema);
    return typeName === undefined ? `${location}: ${text}` : `${location} (schema ${typeName}): ${text}`;
  });
}

/** Returns a predicate telling whether a JSON pointer lies inside an operation the selection leaves out. */
export function excludedPointerTest(spec: LoadedSpec, selection: OperationSelection): (pointer: string) => boolean {
  const excluded: string[] = [];
  forEachOperation(spec, ({ pathKey, method, operation }) => {
    if (!isSelected(selection, operation, method, pathKey)) excluded.push(`/paths/${escapePointerToken(pathKey)}/${method}`);
  });
  return (pointer) => excluded.some((prefix) => pointer === prefix || pointer.startsWith(`${prefix}/`));
}

/** Every operation of the document as method, path and operationId (or `METHOD /path`). */
export function listOperations(spec: LoadedSpec): Array<{ operationId: string; method: HttpMethod; path: string }> {
  const list: Array<{ operationId: string; method: HttpMethod; path: string }> = [];
  forEachOperation(spec, ({ pathKey, method, operation }) => {
    const httpMethod = method.toUpperCase() as HttpMethod;
    const operationId = typeof operation.operationId === "string" ? operation.operationId : `${httpMethod} ${pathKey}`;
    list.push({ operationId, method: httpMethod, path: pathKey });
  });
  return list;
}

function collectOperations(spec: LoadedSpec, builder: OperationBuilder, selection: OperationSelection): UnnamedOperation[] {
  const operations: UnnamedOperation[] = [];
  forEachOperation(spec, ({ pathKey, method, operation, pathItem, at }) => {
    if (!isSelected(selection, operation, method, pathKey)) return;
    operations.push(builder.build(pathKey, method, pathItem, operation, at));
  });
  return operations;
}

interface FoundOperation {
  pathKey: string;
  method: (typeof HTTP_METHODS)[number];
  operation: Record<string, unknown>;
  pathItem: Record<string, unknown>;
  /** Location of the operation object, after following a `$ref` to another file. */
  at: Location;
}

/**
 * Visits every operation in path order, then method order. Path items and operation objects
 * that are `$ref`s to other files (as some vendors split their documents) are followed.
 */
function forEachOperation(spec: LoadedSpec, visit: (found: FoundOperation) => void): void {
  const docs = new DocumentSet(spec.file, spec.displayPath, spec.files);
  const paths = (spec.document.paths ?? {}) as Record<string, unknown>;
  for (const pathKey of Object.keys(paths).sort(compareCodeUnits)) {
    const pathAt = { file: spec.file, pointer: `/paths/${escapePointerToken(pathKey)}` };
    const pathItem = followRef(docs, paths[pathKey], pathAt);
    if (!pathItem) continue;
    for (const method of [...HTTP_METHODS].sort()) {
      const operation = followRef(docs, pathItem.value[method], { file: pathItem.at.file, pointer: `${pathItem.at.pointer}/${method}` });
      if (!operation) continue;
      visit({ pathKey, method, operation: operation.value, pathItem: pathItem.value, at: operation.at });
    }
  }
}

function followRef(docs: DocumentSet, value: unknown, at: Location): { value: Record<string, unknown>; at: Location } | undefined {
  let current = value;
  let location = at;
  for (let depth = 0; depth < 8 && isRecord(current) && typeof current.$ref === "string"; depth++) {
    const target = docs.locate(current.$ref, location);
    current = docs.get(target, current.$ref, location);
    location = target;
  }
  return isRecord(current) ? { value: current, at: location } : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isSelected(selection: OperationSelection, operation: Record<string, unknown>, method: string, pathKey: string): boolean {
  const names = [`${method.toUpperCase()} ${pathKey}`];
  if (typeof operation.operationId === "string") names.push(operation.operationId);
  if (selection.include.length > 0 && !names.some((name) => selection.include.includes(name))) return false;
  return !names.some((name) => selection.exclude.includes(name));
}

/**
 * Gives every operation a method name: its operationId in camelCase, or the method and path when
 * it has none. Clashes get numbered suffixes in path order, and duplicate operationIds are
 * reported, so no operation is dropped or paired with another's schemas.
 */
function nameOperations(unnamed: UnnamedOperation[], typeNames: NameAllocator): { models: OperationModel[]; warnings: string[] } {
  const warnings: string[] = [];
  const byId = new Map<string, UnnamedOperation[]>();
  for (const operation of unnamed) {
    if (!operation.hasOperationId) continue;
    byId.set(operation.operationId, [...(byId.get(operation.operationId) ?? []), operation]);
  }
  for (const [operationId, list] of byId) {
    if (list.length < 2) continue;
    warnings.push(
      `operationId ${JSON.stringify(operationId)} is used by ${list.map((operation) => `${operation.method} ${operation.path}`).join(" and ")}; the methods are numbered in path order. Give each a unique operationId, or refer to them as "METHOD /path" in the policy.`,
    );
  }
  const names = new NameAllocator(CLIENT_MEMBERS);
  const models = unnamed.map(({ hasOperationId, ...operation }) => {
    const base = hasOperationId ? toCamelCase(operation.operationId) : toCamelCase(nameFromPath(operation.method, operation.path));
    const methodName = names.allocate(base);
    const typeName = typeNames.allocateGroup(toPascalCase(methodName), operationTypeSuffixes(operation));
    return { ...operation, methodName, typeName };
  });
  return { models, warnings };
}

/** Suffixes of the type names emitted for an operation: input, result and inline response bodies. */
function operationTypeSuffixes(operation: Omit<OperationModel, "methodName" | "typeName">): string[] {
  const suffixes = ["Input", "Result"];
  for (const response of operation.responses) {
    const status = response.status === "default" ? "Default" : response.status.toUpperCase();
    suffixes.push(`Response${status}`, `Response${status}Schema`);
  }
  return suffixes;
}

/** `GET /items/{id}` to `get items by id`. */
function nameFromPath(method: string, pathKey: string): string {
  const words = pathKey.split("/").map((segment) => segment.replace(/^\{(.+)\}$/, "by $1"));
  return `${method.toLowerCase()} ${words.join(" ")}`;
}
