/**
 * The model stage: from a loaded document to the sorted, named `ApiModel` the emitters read.
 */
import type { HttpMethod } from "../runtime/config.js";
import type { LoadedSpec } from "../spec/load.js";
import { escapePointerToken } from "../spec/refs.js";
import { NameAllocator, toCamelCase, toPascalCase } from "./names.js";
import { HTTP_METHODS, OperationBuilder, type UnnamedOperation } from "./operations.js";
import { compareCodeUnits, SchemaRegistry } from "./registry.js";
import { DocumentSet } from "./resolve.js";
import type { ApiModel, OperationModel } from "./types.js";

/** Which operations the client contains, by operationId or `METHOD /path`. */
export interface OperationSelection {
  /** Empty means every operation. */
  include: string[];
  exclude: string[];
}

/** Method names the client class defines itself, which operations may not take. */
const CLIENT_MEMBERS = ["constructor", "health", "close", "runtime"];

export function buildModel(spec: LoadedSpec, selection: OperationSelection): ApiModel {
  const docs = new DocumentSet(spec.file, spec.displayPath, spec.files);
  const registry = new SchemaRegistry(docs, spec.version);
  registry.registerComponents();
  const builder = new OperationBuilder(registry, spec.version, spec.document);
  const unnamed = collectOperations(spec, builder, selection);
  registry.normalizeAll();

  const info = (spec.document.info ?? {}) as Record<string, unknown>;
  const operations = nameOperations(unnamed);
  return {
    title: typeof info.title === "string" ? info.title : "API",
    version: typeof info.version === "string" ? info.version : String(info.version ?? ""),
    specVersion: spec.version,
    schemas: registry.named(),
    operations: operations.models,
    warnings: [...registry.normalizer.warnings, ...builder.warnings, ...operations.warnings],
  };
}

/** Returns a predicate telling whether a JSON pointer lies inside an operation the selection leaves out. */
export function excludedPointerTest(document: Record<string, unknown>, selection: OperationSelection): (pointer: string) => boolean {
  const excluded: string[] = [];
  forEachOperation(document, (pathKey, method, operation) => {
    if (!isSelected(selection, operation, method, pathKey)) excluded.push(`/paths/${escapePointerToken(pathKey)}/${method}`);
  });
  return (pointer) => excluded.some((prefix) => pointer === prefix || pointer.startsWith(`${prefix}/`));
}

/** Every operation of the document as method, path and operationId (or `METHOD /path`). */
export function listOperations(document: Record<string, unknown>): Array<{ operationId: string; method: HttpMethod; path: string }> {
  const list: Array<{ operationId: string; method: HttpMethod; path: string }> = [];
  forEachOperation(document, (pathKey, method, operation) => {
    const httpMethod = method.toUpperCase() as HttpMethod;
    const operationId = typeof operation.operationId === "string" ? operation.operationId : `${httpMethod} ${pathKey}`;
    list.push({ operationId, method: httpMethod, path: pathKey });
  });
  return list;
}

function collectOperations(spec: LoadedSpec, builder: OperationBuilder, selection: OperationSelection): UnnamedOperation[] {
  const operations: UnnamedOperation[] = [];
  forEachOperation(spec.document, (pathKey, method, operation, pathItem) => {
    if (!isSelected(selection, operation, method, pathKey)) return;
    const at = { file: spec.file, pointer: `/paths/${escapePointerToken(pathKey)}/${method}` };
    operations.push(builder.build(pathKey, method, pathItem, operation, at));
  });
  return operations;
}

function forEachOperation(
  document: Record<string, unknown>,
  visit: (pathKey: string, method: (typeof HTTP_METHODS)[number], operation: Record<string, unknown>, pathItem: Record<string, unknown>) => void,
): void {
  const paths = (document.paths ?? {}) as Record<string, unknown>;
  for (const pathKey of Object.keys(paths).sort(compareCodeUnits)) {
    const pathItem = paths[pathKey];
    if (pathItem === null || typeof pathItem !== "object") continue;
    for (const method of [...HTTP_METHODS].sort()) {
      const operation = (pathItem as Record<string, unknown>)[method];
      if (operation === null || typeof operation !== "object") continue;
      visit(pathKey, method, operation as Record<string, unknown>, pathItem as Record<string, unknown>);
    }
  }
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
function nameOperations(unnamed: UnnamedOperation[]): { models: OperationModel[]; warnings: string[] } {
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
    return { ...operation, methodName, typeName: toPascalCase(methodName) };
  });
  return { models, warnings };
}

/** `GET /items/{id}` to `get items by id`. */
function nameFromPath(method: string, pathKey: string): string {
  const words = pathKey.split("/").map((segment) => segment.replace(/^\{(.+)\}$/, "by $1"));
  return `${method.toLowerCase()} ${words.join(" ")}`;
}
