/**
 * Shared helpers that turn a caller's parameter value into the pieces the OpenAPI styles join:
 * a primitive string, a list of strings, or a list of key-value pairs.
 */

/** A parameter value after classification; `undefined` and `null` count as absent. */
export type ParameterShape =
  | { kind: "primitive"; value: string }
  | { kind: "array"; items: string[] }
  | { kind: "object"; entries: Array<[string, string]> };

/** Converts a primitive to its wire text, or returns undefined when the value is not primitive. */
export function formatPrimitive(value: unknown): string | undefined {
  if (typeof value === "string") {
    return value;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  return undefined;
}

/** Returns whether a parameter value is absent, so that it is left out of the request. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

/**
 * Classifies a present parameter value. Returns a string that describes the problem when the
 * value nests arrays or objects, which no simple OpenAPI style can express.
 */
export function shapeParameter(value: unknown): ParameterShape | string {
  const primitive = formatPrimitive(value);
  if (primitive !== undefined) {
    return { kind: "primitive", value: primitive };
  }
  if (Array.isArray(value)) {
    return shapeArray(value);
  }
  if (typeof value === "object" && value !== null) {
    return shapeObject(value as Record<string, unknown>);
  }
  return `has unsupported type ${typeof value}`;
}

function shapeArray(values: unknown[]): ParameterShape | string {
  const items: string[] = [];
  for (const item of values) {
    const text = formatPrimitive(item);
    if (text === undefined) {
      return "contains an item that is not a string, number, boolean or date";
    }
    items.push(text);
  }
  return { kind: "array", items };
}

function shapeObject(record: Record<string, unknown>): ParameterShape | string {
  const entries: Array<[string, string]> = [];
  for (const [key, item] of Object.entries(record)) {
    if (isAbsent(item)) {
      continue;
    }
    const text = formatPrimitive(item);
    if (text === undefined) {
      return `has property "${key}" that is not a string, number, boolean or date`;
    }
    entries.push([key, text]);
  }
  return { kind: "object", entries };
}
