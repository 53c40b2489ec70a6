/** Writing JSON values from the document as TypeScript literals through the escaping gate. */
import type { JsonValue } from "../model/types.js";
import { propertyKey, stringLiteral } from "./escape.js";

/** A JSON value as an expression; object keys go through `propertyKey` so `__proto__` stays data. */
export function jsonLiteral(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(", ")}]`;
  const entries = Object.keys(value).map((key) => `${propertyKey(key, { inObjectLiteral: true })}: ${jsonLiteral(value[key]!)}`);
  return `{ ${entries.join(", ")} }`;
}

/** Writes a JSON value as a TypeScript literal type, or `unknown` for objects and arrays. */
export function jsonLiteralType(value: JsonValue): string {
  if (value === null || typeof value !== "object") return jsonLiteral(value);
  return "unknown";
}
