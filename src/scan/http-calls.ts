/**
 * Finding the outbound HTTP calls of a parsed file: every call or construction whose callee is
 * the global `fetch`, a request method of a recognised library or of a client created by one,
 * and every construction of a generated client.
 */
import ts from "typescript";
import {
  type ClientInstance,
  constructedDispatcher,
  createdInstance,
  type Entity,
  entityOf,
  type FileContext,
} from "./entities.js";
import { DISPATCHER_METHODS, type Library, REQUEST_METHODS } from "./libraries.js";
import { asObjectLiteral, propertyValue } from "./object-literal.js";
import { withBase } from "./url-target.js";
import { evaluateUrl, type UrlValue } from "./url-value.js";

/** A place where the code decides the host a request goes to. */
export interface OutboundCall {
  /** The call or construction, where findings are reported. */
  node: ts.Node;
  /** The callee, for messages: `fetch`, `axios.get`, `new undici.Client`. */
  label: string;
  url: UrlValue;
}

/** A construction of a generated client class. */
export interface GeneratedClientCall {
  node: ts.Node;
  vendor: string;
  name: string;
}

export interface FileCalls {
  calls: OutboundCall[];
  generatedClients: GeneratedClientCall[];
}

const UNKNOWN_URL: UrlValue = { kind: "unknown" };

/** Returns the outbound calls and generated-client constructions in `sourceFile`. */
export function findOutboundCalls(sourceFile: ts.SourceFile, context: FileContext): FileCalls {
  const found: FileCalls = { calls: [], generatedClients: [] };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) recordCall(node, context, found);
    else if (ts.isNewExpression(node)) recordConstruction(node, context, found);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function recordCall(call: ts.CallExpression, context: FileContext, found: FileCalls): void {
  const callee = entityOf(call.expression, context);
  const created = createdInstance(call, callee, context.checker);
  if (created !== undefined) {
    if (created.base !== undefined) {
      found.calls.push({ node: call, label: created.createdBy, url: created.base });
    }
    return;
  }
  const outbound = describeCall(call, callee, context.checker);
  if (outbound !== undefined) found.calls.push({ node: call, ...outbound });
}

function recordConstruction(
  construction: ts.NewExpression,
  context: FileContext,
  found: FileCalls,
): void {
  const callee = entityOf(construction.expression, context);
  if (callee.kind === "generated") {
    found.generatedClients.push({ node: construction, vendor: callee.vendor, name: callee.name });
    return;
  }
  const dispatcher = constructedDispatcher(construction, callee, context.checker);
  if (dispatcher?.base !== undefined) {
    found.calls.push({ node: construction, label: dispatcher.createdBy, url: dispatcher.base });
  }
}

type CallDescription = Omit<OutboundCall, "node">;

function describeCall(
  call: ts.CallExpression,
  callee: Entity,
  checker: ts.TypeChecker,
): CallDescription | undefined {
  switch (callee.kind) {
    case "global-fetch":
      return { label: "fetch", url: urlArgument(call, 0, checker) };
    case "library":
      return describeLibraryCall(call, callee.library, callee.member, checker);
    case "instance":
      return describeInstanceCall(call, callee, undefined, checker);
    case "instance-member":
      return describeInstanceCall(call, callee.instance, callee.member, checker);
    default:
      return undefined;
  }
}

/** Describes a call of a library's default export (`member` undefined) or of a request method. */
function describeLibraryCall(
  call: ts.CallExpression,
  library: Library,
  member: string | undefined,
  checker: ts.TypeChecker,
): CallDescription | undefined {
  const label = member === undefined ? library : `${library}.${member}`;
  if (member === undefined) {
    const url = defaultExportUrl(call, library, checker);
    return url === undefined ? undefined : { label, url };
  }
  if (!REQUEST_METHODS[library].has(member)) return undefined;
  if (library === "http" || library === "https") {
    return { label, url: nodeHttpUrl(call.arguments[0], library, checker) };
  }
  if (library === "undici") return { label, url: dispatcherUrl(call.arguments[0], checker) };
  if (library === "axios" && member === "request")
    return { label, url: axiosConfigUrl(call, checker) };
  return {
    label,
    url: withBase(urlArgument(call, 0, checker), optionBase(call, library, checker)),
  };
}

/** Returns the URL of a call of the library itself: `axios(url | config)`, `got(url)`, `ky(url)`, `superagent(method, url)`. */
function defaultExportUrl(
  call: ts.CallExpression,
  library: Library,
  checker: ts.TypeChecker,
): UrlValue | undefined {
  switch (library) {
    case "axios":
      return axiosConfigUrl(call, checker);
    case "got":
    case "ky":
      return withBase(urlArgument(call, 0, checker), optionBase(call, library, checker));
    case "superagent":
      return urlArgument(call, call.arguments.length >= 2 ? 1 : 0, checker);
    default:
      return undefined;
  }
}

/**
 * Describes a call through a created client. The host of a client with a base URL is checked
 * where the client is created, so its calls are checked again only when their URL is absolute.
 */
function describeInstanceCall(
  call: ts.CallExpression,
  instance: ClientInstance,
  member: string | undefined,
  checker: ts.TypeChecker,
): CallDescription | undefined {
  const label =
    member === undefined ? `${instance.createdBy}()` : `${instance.createdBy}().${member}`;
  let url: UrlValue;
  if (instance.library === "undici") {
    if (member === undefined || !DISPATCHER_METHODS.has(member)) return undefined;
    url = dispatcherUrl(call.arguments[0], checker);
  } else if (member === undefined || member === "request") {
    if (instance.library === "superagent") return undefined;
    url =
      instance.library === "axios" ? axiosConfigUrl(call, checker) : urlArgument(call, 0, checker);
  } else {
    if (!REQUEST_METHODS[instance.library].has(member)) return undefined;
    url = urlArgument(call, 0, checker);
  }
  const keepsBase = url.kind === "unknown" || withBase(url, instance.base) === instance.base;
  if (instance.base !== undefined && keepsBase) return undefined;
  return { label, url };
}

function urlArgument(call: ts.CallExpression, index: number, checker: ts.TypeChecker): UrlValue {
  const argument = call.arguments[index];
  return argument === undefined ? UNKNOWN_URL : evaluateUrl(argument, checker);
}

/** `prefixUrl` of got or ky, or `baseURL` of axios, from the options after the URL. */
function optionBase(
  call: ts.CallExpression,
  library: Library,
  checker: ts.TypeChecker,
): UrlValue | undefined {
  const option = library === "axios" ? "baseURL" : "prefixUrl";
  for (const argument of call.arguments.slice(1)) {
    const value = propertyValue(asObjectLiteral(argument, checker), option);
    if (value !== undefined) return evaluateUrl(value, checker);
  }
  return undefined;
}

/** axios takes `(url, config?)` or `(config)` with `url` and `baseURL` keys. */
function axiosConfigUrl(call: ts.CallExpression, checker: ts.TypeChecker): UrlValue {
  const config = asObjectLiteral(call.arguments[0], checker);
  if (config === undefined) {
    return withBase(urlArgument(call, 0, checker), optionBase(call, "axios", checker));
  }
  const url = propertyValue(config, "url");
  const base = propertyValue(config, "baseURL");
  return withBase(
    url === undefined ? undefined : evaluateUrl(url, checker),
    base === undefined ? undefined : evaluateUrl(base, checker),
  );
}

/** undici takes a URL, or options with `origin` (dispatchers) and `path`. */
function dispatcherUrl(argument: ts.Expression | undefined, checker: ts.TypeChecker): UrlValue {
  if (argument === undefined) return UNKNOWN_URL;
  const options = asObjectLiteral(argument, checker);
  if (options === undefined) return evaluateUrl(argument, checker);
  const origin = propertyValue(options, "origin");
  return origin === undefined ? UNKNOWN_URL : evaluateUrl(origin, checker);
}

/**
 * node:http and node:https take a URL or options with `protocol`, `hostname` or `host`, and
 * `port`. A missing host means localhost, and a `socketPath` means a local socket.
 */
function nodeHttpUrl(
  argument: ts.Expression | undefined,
  library: "http" | "https",
  checker: ts.TypeChecker,
): UrlValue {
  if (argument === undefined) return UNKNOWN_URL;
  const options = asObjectLiteral(argument, checker);
  if (options === undefined) return evaluateUrl(argument, checker);
  if (propertyValue(options, "socketPath") !== undefined) return { kind: "text", text: "/" };
  const part = (name: string) => {
    const value = propertyValue(options, name);
    return value === undefined ? undefined : evaluateUrl(value, checker);
  };
  const protocol = part("protocol") ?? { kind: "text", text: `${library}:` };
  const host = part("hostname") ?? part("host") ?? { kind: "text", text: "localhost" };
  const port = part("port");
  if (protocol.kind !== "text" || host.kind !== "text") return UNKNOWN_URL;
  const portText = port?.kind === "text" ? `:${port.text}` : "";
  return { kind: "text", text: `${protocol.text}//${host.text}${portText}/` };
}
