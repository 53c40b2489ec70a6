/**
 * Builds the request target of a call on the pinned base URL. Every path parameter value is
 * percent-encoded so that no `/`, `?`, `#`, `%` or dot segment in it can leave the operation's
 * path, and the result is checked against the base URL's origin and path once more.
 */
import type { CallInput, OperationSpec, ParameterSpec } from "./operation.js";
import { RequestValidationError, type ErrorContext } from "./errors.js";
import { isAbsent, shapeParameter, type ParameterShape } from "./parameter-value.js";
import { buildQueryString } from "./query-string.js";

/** The base URL split into the origin that every request must keep and the path prefix. */
export interface PinnedBase {
  /** Scheme, host and port, e.g. `https://api.example.com`. */
  origin: string;
  /** Path prefix without a trailing slash; empty for a base URL at the root. */
  basePath: string;
}

/** Request target of one call. */
export interface RequestTarget {
  /** Path and query as sent on the request line, e.g. `/v1/files/a%2Fb?x=1`. */
  path: string;
  /** Origin and path without the query string, safe to show in errors and events. */
  displayUrl: string;
}

/**
 * Parses a base URL. Throws a TypeError unless it is an absolute URL without credentials, query
 * string or fragment.
 */
export function parseBaseUrl(baseUrl: string): PinnedBase {
  const url = new URL(baseUrl);
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new TypeError("base URL must not contain credentials, a query string or a fragment");
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, "") };
}

/** Returns the display URL of an operation before its parameters are known. */
export function describeOperationUrl(base: PinnedBase, operation: OperationSpec): string {
  return base.origin + base.basePath + operation.path;
}

/**
 * Builds the path and query of a call. `extraQuery` contains raw name-value pairs added by the
 * runtime, such as an API key; they are encoded here and never appear in `displayUrl`.
 */
export function buildRequestTarget(
  base: PinnedBase,
  operation: OperationSpec,
  input: CallInput,
  extraQuery: ReadonlyArray<readonly [string, string]>,
  context: ErrorContext,
): RequestTarget {
  const pathname = base.basePath + substitutePathParameters(operation, input.path, context) || "/";
  assertInsideBase(base, pathname, context);
  const query = buildQueryString(operation.parameters, input.query, extraQuery, context);
  return {
    path: query === "" ? pathname : `${pathname}?${query}`,
    displayUrl: base.origin + pathname,
  };
}

function substitutePathParameters(
  operation: OperationSpec,
  values: Record<string, unknown> | undefined,
  context: ErrorContext,
): string {
  if (!operation.path.includes("{")) {
    return operation.path;
  }
  // Placeholders are matched by their exact name, so `{doc.id}` never takes the value of `doc`.
  return operation.path.replace(/\{([^{}]+)\}/g, (_placeholder, name: string) => {
    const parameter = operation.parameters.find((p) => p.in === "path" && p.name === name);
    if (parameter === undefined) {
      throw new RequestValidationError(context, `path placeholder {${name}} has no parameter`);
    }
    const value = values?.[name];
    if (isAbsent(value)) {
      throw new RequestValidationError(context, `path parameter "${name}" is missing`);
    }
    return serialisePathParameter(parameter, value, context);
  });
}

function serialisePathParameter(
  parameter: ParameterSpec,
  value: unknown,
  context: ErrorContext,
): string {
  if (parameter.json === true) {
    return encodePathValue(JSON.stringify(value));
  }
  const shape = shapeParameter(value);
  if (typeof shape === "string") {
    throw new RequestValidationError(context, `path parameter "${parameter.name}" ${shape}`);
  }
  switch (parameter.style) {
    case "label":
      return "." + joinShape(shape, parameter.explode, parameter.explode ? "." : ",");
    case "matrix":
      return serialiseMatrix(parameter.name, shape, parameter.explode);
    case "simple":
      return joinShape(shape, parameter.explode, ",");
    default:
      throw new RequestValidationError(
        context,
        `path parameter "${parameter.name}" has style "${parameter.style}", ` +
          "which paths do not support",
      );
  }
}

/** Joins a value for the simple and label styles; exploded objects become `key=value` items. */
function joinShape(shape: ParameterShape, explode: boolean, separator: string): string {
  if (shape.kind === "primitive") {
    return encodePathValue(shape.value);
  }
  if (shape.kind === "array") {
    return shape.items.map(encodePathValue).join(separator);
  }
  const items = shape.entries.map(([key, item]) =>
    explode
      ? `${encodePathValue(key)}=${encodePathValue(item)}`
      : `${encodePathValue(key)},${encodePathValue(item)}`,
  );
  return items.join(separator);
}

function serialiseMatrix(name: string, shape: ParameterShape, explode: boolean): string {
  const encodedName = encodePathValue(name);
  if (shape.kind === "primitive") {
    return `;${encodedName}=${encodePathValue(shape.value)}`;
  }
  if (shape.kind === "array") {
    const items = shape.items.map(encodePathValue);
    return explode
      ? items.map((item) => `;${encodedName}=${item}`).join("")
      : `;${encodedName}=${items.join(",")}`;
  }
  if (explode) {
    return shape.entries
      .map(([key, item]) => `;${encodePathValue(key)}=${encodePathValue(item)}`)
      .join("");
  }
  return `;${encodedName}=${joinShape(shape, false, ",")}`;
}

/**
 * Percent-encodes one path value. encodeURIComponent leaves `.` alone, so the dots of the values
 * `.` and `..` are encoded as `%2E` too. Left as they are, those values would be dot segments
 * that move the request up the path.
 */
export function encodePathValue(value: string): string {
  if (value === "." || value === "..") {
    return value.replaceAll(".", "%2E");
  }
  return encodeURIComponent(value);
}

/**
 * A path that the WHATWG URL parser leaves in the same segments on the same origin, so it is
 * checked without parsing it. It starts with one `/` and has no dot (no dot segment) and no `%`
 * (no encoded dot). It also has no backslash, which the parser reads as `/`, and no control
 * character, because the parser removes tabs and newlines.
 */
const plainPathPattern = /^\/(?!\/)[^.%\\\x00-\x1f\x7f]*$/;

/**
 * Checks that a built path stays under the base path, both as sent and as a WHATWG URL parser
 * would normalise it. The parser treats `%2E%2E` as `..`, so a server or proxy that normalises
 * paths could otherwise be led above the base path.
 */
function assertInsideBase(base: PinnedBase, pathname: string, context: ErrorContext): void {
  const insideBase = (candidate: string) =>
    candidate === base.basePath || candidate.startsWith(base.basePath + "/");
  if (plainPathPattern.test(pathname)) {
    if (!insideBase(pathname)) {
      throw new RequestValidationError(context, "path would leave the base path");
    }
    return;
  }
  const normalised = new URL(pathname, base.origin);
  if (normalised.origin !== base.origin) {
    throw new RequestValidationError(context, "path would leave the pinned origin");
  }
  if (!insideBase(pathname) || !insideBase(normalised.pathname)) {
    throw new RequestValidationError(context, "path would leave the base path");
  }
}
