/**
 * Strings, numbers and property keys written the way prettier writes them with double quotes
 * preferred: a string switches to single quotes when that needs fewer escapes, numbers are
 * normalised, and quoted keys that need no quotes lose them.
 */
import type { Identifier, NumericLiteral, StringLiteral } from "./ast.js";
import { UnsupportedSyntax } from "./tokens.js";

/** Writes a string literal with the quotes that need fewer escapes, double quotes on a tie. */
export function printStringLiteral(raw: string): string {
  const content = raw.slice(1, -1);
  let doubles = 0;
  let singles = 0;
  for (let i = 0; i < content.length; i++) {
    const char = content[i];
    if (char === '"') doubles++;
    else if (char === "'") singles++;
  }
  const quote = doubles > singles ? "'" : '"';
  if (raw[0] === quote && !content.includes("\\")) return raw;
  return quote + requote(content, quote) + quote;
}

/** Re-escapes the content of a string literal for `quote`: only that quote stays escaped. */
function requote(content: string, quote: string): string {
  return content.replace(/\\(.)|(["'])/gs, (match, escaped: string | undefined, bare: string | undefined) => {
    if (escaped === undefined) return bare === quote ? `\\${bare}` : bare!;
    if (escaped === quote) return match;
    if (escaped === '"' || escaped === "'") return escaped;
    // Escapes other than quotes are kept as written; the emitters write only meaningful ones.
    return match;
  });
}

/** Returns the value of a string literal. The emitters write printable ASCII and standard escapes only. */
export function stringValue(raw: string): string {
  const content = raw.slice(1, -1);
  if (!content.includes("\\")) return content;
  return content.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape: string) => {
    if (escape.length === 5) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", v: "\v", "0": "\0" };
    return simple[escape] ?? escape;
  });
}

/** Normalises a number as prettier does: lower case, no `+` or leading zeros in the exponent, no trailing zeros. */
export function printNumber(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(\d)/, "$1$2$3")
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, "$1")
    .replace(/^([+-])?\./, "$10.")
    .replace(/(\.\d+?)0+(?=e|$)/, "$1")
    .replace(/\.(?=e|$)/, "");
}

const ES5_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Writes a property key of an object literal or type literal. A quoted key that is an identifier
 * is written bare, as prettier's `quoteProps: "as-needed"` does; numeric keys stay as written,
 * because prettier keeps them in TypeScript.
 */
export function printPropertyKey(key: Identifier | StringLiteral | NumericLiteral): string {
  if (key.type === "Identifier") return key.name;
  if (key.type === "NumericLiteral") {
    if (printNumber(key.raw) !== key.raw) throw new UnsupportedSyntax("numeric key that prettier rewrites", 0);
    return key.raw;
  }
  const content = key.raw.slice(1, -1);
  if (!content.includes("\\") && ES5_IDENTIFIER.test(content)) return content;
  return printStringLiteral(key.raw);
}
