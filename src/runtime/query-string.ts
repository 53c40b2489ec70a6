/**
 * Serialises query parameters by their OpenAPI style and explode flag. Names and values are
 * percent-encoded with encodeURIComponent, while the separators a style defines (`,` `|` `[` `]`)
 * stay literal.
 */
import type { ErrorContext } from "./errors.js";
import { RequestValidationError } from "./errors.js";
import type { ParameterSpec } from "./operation.js";
import { isAbsent, shapeParameter, type ParameterShape } from "./parameter-value.js";

/** One encoded `name=value` pair of the query string. */
type QueryPair = string;

/**
 * Builds the query string, without the leading `?`, from the declared query parameters and the
 * already encoded extra pairs (an API key sent in the query). Keys of `values` that no parameter
 * declares are not sent.
 */
export function buildQueryString(
  parameters: ParameterSpec[],
  values: Record<string, unknown> | undefined,
  extraPairs: ReadonlyArray<readonly [string, string]>,
  context: ErrorContext,
): string {
  const pairs: QueryPair[] = [];
  for (const parameter of parameters) {
    if (parameter.in !== "query") {
      continue;
    }
    const value = values?.[parameter.name];
    if (isAbsent(value)) {
      if (parameter.required) {
        throw new RequestValidationError(context, `query parameter "${parameter.name}" is missing`);
      }
      continue;
    }
    pairs.push(...serialiseQueryParameter(parameter, value, context));
  }
  for (const [name, value] of extraPairs) {
    pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return pairs.join("&");
}

function serialiseQueryParameter(
  parameter: ParameterSpec,
  value: unknown,
  context: ErrorContext,
): QueryPair[] {
  const name = encodeURIComponent(parameter.name);
  if (parameter.json === true) {
    return [`${name}=${encodeURIComponent(JSON.stringify(value))}`];
  }
  if (parameter.style === "deepObject") {
    return serialiseDeepObject(name, value, parameter.name, context);
  }

  const shape = shapeParameter(value);
  if (typeof shape === "string") {
    throw new RequestValidationError(context, `query parameter "${parameter.name}" ${shape}`);
  }
  switch (parameter.style) {
    case "spaceDelimited":
      return serialiseDelimited(name, shape, parameter.explode, "%20");
    case "pipeDelimited":
      return serialiseDelimited(name, shape, parameter.explode, "|");
    case "form":
      return serialiseDelimited(name, shape, parameter.explode, ",");
    default:
      throw new RequestValidationError(
        context,
        `query parameter "${parameter.name}" has style "${parameter.style}", ` +
          "which query strings do not support",
      );
  }
}

/**
 * Serialises the form, spaceDelimited and pipeDelimited styles, which differ only in the
 * separator between the items of a non-exploded value.
 */
function serialiseDelimited(
  name: string,
  shape: ParameterShape,
  explode: boolean,
  separator: string,
): QueryPair[] {
  if (shape.kind === "primitive") {
    return [`${name}=${encodeURIComponent(shape.value)}`];
  }
  if (shape.kind === "array") {
    const items = shape.items.map(encodeURIComponent);
    return explode ? items.map((item) => `${name}=${item}`) : [`${name}=${items.join(separator)}`];
  }
  const entries = shape.entries.map(([key, item]) => [
    encodeURIComponent(key),
    encodeURIComponent(item),
  ]);
  if (explode) {
    // An exploded object sends each property as a parameter of its own, without the name.
    return entries.map(([key, item]) => `${key}=${item}`);
  }
  return [`${name}=${entries.flat().join(separator)}`];
}

/** Serialises `name[key]=value`, recursing into nested objects and repeating array items. */
function serialiseDeepObject(
  prefix: string,
  value: unknown,
  parameterName: string,
  context: ErrorContext,
): QueryPair[] {
  if (isAbsent(value)) {
    return [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => serialiseDeepObject(prefix, item, parameterName, context));
  }
  if (typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      serialiseDeepObject(`${prefix}[${encodeURIComponent(key)}]`, item, parameterName, context),
    );
  }
  const shape = shapeParameter(value);
  if (typeof shape === "string" || shape.kind !== "primitive") {
    throw new RequestValidationError(
      context,
      `query parameter "${parameterName}" has an unsupported value`,
    );
  }
  return [`${prefix}=${encodeURIComponent(shape.value)}`];
}
