/**
 * The meaning of an expression in a scanned file, as far as HTTP calls go: the global `fetch`, a
 * member of an HTTP library, a client created with a base URL, or a generated vendor client.
 * Names are followed through imports, `require` and variables of the same file.
 */
import path from "node:path";
import ts from "typescript";
import { originOf, requiredModule } from "./bindings.js";
import {
  CREATE_METHODS,
  type Library,
  libraryOfModule,
  UNDICI_AGENT_CLASSES,
  UNDICI_ORIGIN_CLASSES,
} from "./libraries.js";
import { asObjectLiteral, propertyValue } from "./object-literal.js";
import { evaluateUrl, skipOuterExpressions, type UrlValue } from "./url-value.js";

/** A client object created by a library call, such as the result of `axios.create(...)`. */
export interface ClientInstance {
  kind: "instance";
  library: Library;
  /** The creating call, for messages: `axios.create`, `new undici.Client`. */
  createdBy: string;
  /** The base URL it was created with, when it has one. */
  base?: UrlValue;
}

export type Entity =
  | { kind: "global-object" }
  | { kind: "global-fetch" }
  | { kind: "library"; library: Library; member?: string }
  | ClientInstance
  | { kind: "instance-member"; instance: ClientInstance; member: string }
  | { kind: "generated"; vendor: string; name: string }
  | { kind: "unknown" };

/** A vendor's generated client folder. */
export interface GeneratedFolder {
  vendor: string;
  /** Absolute path of the vendor's `out` folder. */
  out: string;
}

/** Facts about the scanned file that resolving names needs. */
export interface FileContext {
  checker: ts.TypeChecker;
  /** Absolute folder of the file, against which relative imports are resolved. */
  directory: string;
  generatedFolders: readonly GeneratedFolder[];
}

const UNKNOWN: Entity = { kind: "unknown" };
const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(["globalThis", "window", "self"]);

/** How many variables one evaluation follows, which also ends a cycle of them. */
const MAX_VARIABLE_DEPTH = 10;

/** Returns what `expression` stands for. */
export function entityOf(expression: ts.Expression, context: FileContext, depth = 0): Entity {
  const node = skipOuterExpressions(expression);
  if (ts.isIdentifier(node)) return entityOfIdentifier(node, context, depth);
  if (ts.isPropertyAccessExpression(node)) {
    return memberOf(entityOf(node.expression, context, depth), node.name.text);
  }
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return memberOf(entityOf(node.expression, context, depth), node.argumentExpression.text);
  }
  if (ts.isCallExpression(node)) return entityOfCall(node, context, depth);
  if (ts.isNewExpression(node)) return entityOfConstruction(node, context, depth);
  return UNKNOWN;
}

/** Returns the client a create call such as `axios.create({ baseURL })` makes, if it is one. */
export function createdInstance(
  call: ts.CallExpression,
  callee: Entity,
  checker: ts.TypeChecker,
): ClientInstance | undefined {
  const library =
    callee.kind === "library"
      ? callee.library
      : callee.kind === "instance-member"
        ? callee.instance.library
        : undefined;
  const member =
    callee.kind === "library" || callee.kind === "instance-member" ? callee.member : undefined;
  if (library === undefined || member === undefined) return undefined;
  const creation = CREATE_METHODS[library];
  if (creation === undefined || !creation.methods.has(member)) return undefined;
  const inherited = callee.kind === "instance-member" ? callee.instance.base : undefined;
  const option = creation.baseOption;
  const baseExpression =
    option === undefined
      ? undefined
      : propertyValue(asObjectLiteral(call.arguments[0], checker), option);
  const base = baseExpression === undefined ? inherited : evaluateUrl(baseExpression, checker);
  return {
    kind: "instance",
    library,
    createdBy: `${library}.${member}`,
    ...(base === undefined ? {} : { base }),
  };
}

/** Returns the undici dispatcher a `new Client(origin)`, `new Pool(origin)` or `new Agent()` makes. */
export function constructedDispatcher(
  construction: ts.NewExpression,
  callee: Entity,
  checker: ts.TypeChecker,
): ClientInstance | undefined {
  if (callee.kind !== "library" || callee.library !== "undici" || callee.member === undefined) {
    return undefined;
  }
  const createdBy = `new undici.${callee.member}`;
  if (UNDICI_AGENT_CLASSES.has(callee.member))
    return { kind: "instance", library: "undici", createdBy };
  if (!UNDICI_ORIGIN_CLASSES.has(callee.member)) return undefined;
  const origin = construction.arguments?.[0];
  const base: UrlValue = origin === undefined ? { kind: "unknown" } : evaluateUrl(origin, checker);
  return { kind: "instance", library: "undici", createdBy, base };
}

function entityOfIdentifier(
  identifier: ts.Identifier,
  context: FileContext,
  depth: number,
): Entity {
  const origin = originOf(identifier, context.checker);
  switch (origin.kind) {
    case "global":
      if (identifier.text === "fetch") return { kind: "global-fetch" };
      return GLOBAL_OBJECTS.has(identifier.text) ? { kind: "global-object" } : UNKNOWN;
    case "import":
      return entityOfImport(origin.module, origin.name, context);
    case "variable": {
      const initializer = origin.declaration.initializer;
      if (initializer === undefined || depth >= MAX_VARIABLE_DEPTH) return UNKNOWN;
      return entityOf(initializer, context, depth + 1);
    }
    case "other":
      return UNKNOWN;
  }
}

function entityOfImport(module: string, name: string, context: FileContext): Entity {
  if (module.startsWith(".")) {
    const vendor = generatedVendorOf(path.resolve(context.directory, module), context);
    // A generated client's own files import each other; only code outside it uses the client.
    const isInside =
      vendor !== undefined && generatedVendorOf(context.directory, context) === vendor;
    return vendor === undefined || isInside ? UNKNOWN : { kind: "generated", vendor, name };
  }
  const library = libraryOfModule(module);
  if (library === undefined) return UNKNOWN;
  return name === "*" ? { kind: "library", library } : { kind: "library", library, member: name };
}

function generatedVendorOf(file: string, context: FileContext): string | undefined {
  const folder = context.generatedFolders.find(
    (candidate) => file === candidate.out || file.startsWith(`${candidate.out}${path.sep}`),
  );
  return folder?.vendor;
}

function memberOf(owner: Entity, name: string): Entity {
  switch (owner.kind) {
    case "global-object":
      return name === "fetch" ? { kind: "global-fetch" } : UNKNOWN;
    case "library":
      if (owner.member !== undefined) return UNKNOWN;
      // `require("axios").default` is the same function as `require("axios")`.
      return name === "default" ? owner : { kind: "library", library: owner.library, member: name };
    case "instance":
      return { kind: "instance-member", instance: owner, member: name };
    case "generated":
      return owner.name === "*" ? { kind: "generated", vendor: owner.vendor, name } : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function entityOfCall(call: ts.CallExpression, context: FileContext, depth: number): Entity {
  const module = requiredModule(call);
  if (module !== undefined) return entityOfImport(module, "*", context);
  const callee = entityOf(call.expression, context, depth);
  return createdInstance(call, callee, context.checker) ?? UNKNOWN;
}

function entityOfConstruction(
  construction: ts.NewExpression,
  context: FileContext,
  depth: number,
): Entity {
  const callee = entityOf(construction.expression, context, depth);
  return constructedDispatcher(construction, callee, context.checker) ?? UNKNOWN;
}
