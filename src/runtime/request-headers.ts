/**
 * Builds the header and cookie parameters of a call and validates every header before it is
 * sent. A value containing CR, LF or NUL is rejected, because it could inject a header or split
 * the request.
 */
import { RequestValidationError, type ErrorContext } from "./errors.js";
import type { OperationSpec, ParameterSpec } from "./operation.js";
import { isAbsent, shapeParameter, type ParameterShape } from "./parameter-value.js";

// OpenAPI 3 ignores header parameters with these names, because other fields set those headers.
const ignoredHeaderParameters = new Set(["accept", "content-type", "authorization"]);

// RFC 9110 token characters, the only ones allowed in a header name.
const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

// Names that passed the pattern. Header names come from the document and the policy, not from
// callers, so the set stays small. The bound only guards against a document with very many.
const validHeaderNames = new Set<string>();
const maxValidHeaderNames = 1024;

/**
 * Serialises the declared header parameters (simple style) into `headers` under lower-cased
 * names, checking each with `assertValidHeader`.
 */
export function addHeaderParameters(
  headers: Record<string, string>,
  operation: OperationSpec,
  values: Record<string, unknown> | undefined,
  context: ErrorContext,
): void {
  for (const parameter of operation.parameters) {
    if (parameter.in !== "header") {
      continue;
    }
    const name = parameter.name.toLowerCase();
    if (ignoredHeaderParameters.has(name)) {
      continue;
    }
    const value = readParameter(parameter, values, context);
    if (value !== undefined) {
      const text =
        parameter.json === true
          ? JSON.stringify(value)
          : serialiseSimple(parameter, value, context);
      assertValidHeader(name, text, context);
      headers[name] = text;
    }
  }
}

/**
 * Builds the Cookie header from the declared cookie parameters (form style) and the extra pairs
 * added by the runtime, such as an API key. Returns undefined when there is no cookie.
 */
export function buildCookieHeader(
  operation: OperationSpec,
  values: Record<string, unknown> | undefined,
  extraPairs: ReadonlyArray<readonly [string, string]>,
  context: ErrorContext,
): string | undefined {
  if (operation.parameters.length === 0 && extraPairs.length === 0) {
    return undefined;
  }
  const pairs: string[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in !== "cookie") {
      continue;
    }
    const value = readParameter(parameter, values, context);
    if (value !== undefined) {
      pairs.push(...serialiseCookie(parameter, value, context));
    }
  }
  for (const [name, value] of extraPairs) {
    pairs.push(`${name}=${encodeURIComponent(value)}`);
  }
  return pairs.length === 0 ? undefined : pairs.join("; ");
}

/** Throws RequestValidationError for an invalid header name or a value with CR, LF or NUL. */
export function assertValidHeader(name: string, value: string, context: ErrorContext): void {
  if (!validHeaderNames.has(name)) {
    if (!headerNamePattern.test(name)) {
      throw new RequestValidationError(context, `header name "${name}" is not a valid token`);
    }
    if (validHeaderNames.size < maxValidHeaderNames) {
      validHeaderNames.add(name);
    }
  }
  if (value.includes("\r") || value.includes("\n") || value.includes("\0")) {
    // The value is left out of the message because it may be a credential.
    throw new RequestValidationError(context, `header "${name}" contains CR, LF or NUL`);
  }
}

// Generated operation specs are constants, so the header is computed and checked once per spec.
const acceptHeaders = new WeakMap<OperationSpec, string>();

/**
 * Returns the Accept header: every media type the operation's responses declare. Throws
 * RequestValidationError when a declared media type contains CR, LF or NUL.
 */
export function buildAcceptHeader(operation: OperationSpec, context: ErrorContext): string {
  let header = acceptHeaders.get(operation);
  if (header === undefined) {
    const mediaTypes = new Set(operation.responses.flatMap((response) => response.mediaTypes));
    header = mediaTypes.size === 0 ? "*/*" : [...mediaTypes].join(", ");
    assertValidHeader("accept", header, context);
    acceptHeaders.set(operation, header);
  }
  return header;
}

function readParameter(
  parameter: ParameterSpec,
  values: Record<string, unknown> | undefined,
  context: ErrorContext,
): unknown {
  const value = values?.[parameter.name];
  if (isAbsent(value)) {
    if (parameter.required) {
      throw new RequestValidationError(
        context,
        `${parameter.in} parameter "${parameter.name}" is missing`,
      );
    }
    return undefined;
  }
  return value;
}

function shapeOrThrow(
  parameter: ParameterSpec,
  value: unknown,
  context: ErrorContext,
): ParameterShape {
  const shape = shapeParameter(value);
  if (typeof shape === "string") {
    throw new RequestValidationError(
      context,
      `${parameter.in} parameter "${parameter.name}" ${shape}`,
    );
  }
  return shape;
}

function serialiseSimple(parameter: ParameterSpec, value: unknown, context: ErrorContext): string {
  const shape = shapeOrThrow(parameter, value, context);
  if (shape.kind === "primitive") {
    return shape.value;
  }
  if (shape.kind === "array") {
    return shape.items.join(",");
  }
  const separator = parameter.explode ? "=" : ",";
  return shape.entries.map(([key, item]) => `${key}${separator}${item}`).join(",");
}

function serialiseCookie(
  parameter: ParameterSpec,
  value: unknown,
  context: ErrorContext,
): string[] {
  const name = parameter.name;
  const shape = shapeOrThrow(parameter, value, context);
  if (shape.kind === "primitive") {
    return [`${name}=${encodeURIComponent(shape.value)}`];
  }
  if (shape.kind === "array") {
    const items = shape.items.map(encodeURIComponent);
    return parameter.explode
      ? items.map((item) => `${name}=${item}`)
      : [`${name}=${items.join(",")}`];
  }
  if (parameter.explode) {
    return shape.entries.map(([key, item]) => `${key}=${encodeURIComponent(item)}`);
  }
  return [`${name}=${shape.entries.flat().map(encodeURIComponent).join(",")}`];
}
