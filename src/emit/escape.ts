/**
 * The escaping gate: every string taken from a vendor's document reaches emitted code through one
 * of these functions, chosen by where it lands. Templates and emitters never insert document text
 * any other way.
 */
import { isIdentifier } from "../model/names.js";

/**
 * Characters that reorder or hide text when displayed (Trojan Source): bidirectional embeddings,
 * overrides and isolates, zero-width characters, the BOM and the line and paragraph separators.
 */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u2028\u2029]/g;

/** Writes a double-quoted string literal of printable ASCII, with every other character as a `\u` escape. */
export function stringLiteral(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x22) out += '\\"';
    else if (code === 0x5c) out += "\\\\";
    else if (code >= 0x20 && code <= 0x7e) out += value[i];
    else if (code === 0x0a) out += "\\n";
    else if (code === 0x0d) out += "\\r";
    else if (code === 0x09) out += "\\t";
    else out += `\\u${code.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

/**
 * A property key for an object literal or a type literal: bare when it is an identifier, quoted
 * otherwise. `__proto__` is written as a computed key, because `__proto__: value` and
 * `"__proto__": value` in an object literal set the prototype instead of creating a property.
 */
export function propertyKey(name: string, options: { inObjectLiteral: boolean }): string {
  if (name === "__proto__") return options.inObjectLiteral ? `[${stringLiteral(name)}]` : stringLiteral(name);
  return isIdentifier(name) ? name : stringLiteral(name);
}

/** Writes a property access: `.name` for identifiers, `["name"]` otherwise. */
export function propertyAccess(name: string): string {
  return isIdentifier(name) && name !== "__proto__" ? `.${name}` : `[${stringLiteral(name)}]`;
}

/** Document text made safe for the inside of a `/** ... *\/` block: no early close, no invisible characters. */
export function commentText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "/\\*")
    .trim();
}

/** A JSDoc block from one or more paragraphs of document text, or an empty string when there is none. */
export function docComment(...paragraphs: Array<string | undefined>): string {
  const lines = paragraphs
    .filter((paragraph): paragraph is string => typeof paragraph === "string" && paragraph.trim().length > 0)
    .map(commentText)
    .join("\n\n")
    .split("\n")
    .map((line) => line.trimEnd());
  if (lines.length === 0 || (lines.length === 1 && lines[0] === "")) return "";
  if (lines.length === 1) return `/** ${lines[0]} */\n`;
  return `/**\n${lines.map((line) => (line ? ` * ${line}` : " *")).join("\n")}\n */\n`;
}

/** Writes a single-line `//` comment from document text, with line breaks turned into spaces. */
export function lineComment(text: string): string {
  return `// ${commentText(text).replace(/\n/g, " ")}`;
}
