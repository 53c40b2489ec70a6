/**
 * Splits emitted TypeScript into tokens. Comments are not tokens: each token carries the comments
 * written before it, so the parser can attach them where they are allowed and reject them
 * elsewhere.
 */
import type { Comment } from "./ast.js";

export type TokenKind = "name" | "private" | "string" | "number" | "punct" | "eof";

export interface Token {
  kind: TokenKind;
  value: string;
  start: number;
  end: number;
  comments: Comment[];
}

/** Thrown for any input outside the subset; the caller formats such code with prettier instead. */
export class UnsupportedSyntax extends Error {
  constructor(message: string, position: number) {
    super(`${message} at offset ${position}`);
    this.name = "UnsupportedSyntax";
  }
}

/** Characters that are a punctuator on their own; `=>` and `...` are read before them. */
const SINGLE_PUNCTUATORS = new Set("{}()[]<>,;:.?=|&!-*");

/** Shared by every token without comments, so tokenizing allocates no array per token. */
const NO_COMMENTS: Comment[] = [];

/** A reader of tokens one at a time, so that a large file never keeps all its tokens in memory at once. */
export class Tokenizer {
  readonly #source: string;
  #index = 0;

  constructor(source: string) {
    this.#source = source;
  }

  next(): Token {
    const source = this.#source;
    const length = source.length;
    let comments: Comment[] = NO_COMMENTS;
    let index = this.#index;
    while (index < length) {
      const char = source.charCodeAt(index);
      if (char === 0x20 || char === 0x0a || char === 0x09 || char === 0x0d) {
        index++;
        continue;
      }
      if (char === 0x2f && source.charCodeAt(index + 1) === 0x2a) {
        const end = source.indexOf("*/", index + 2);
        if (end < 0) throw new UnsupportedSyntax("unterminated comment", index);
        if (comments === NO_COMMENTS) comments = [];
        comments.push({ text: source.slice(index, end + 2), block: true, start: index });
        index = end + 2;
        if (isBlankLineAt(source, index)) throw new UnsupportedSyntax("empty line after a comment", index);
        continue;
      }
      if (char === 0x2f && source.charCodeAt(index + 1) === 0x2f) {
        let end = source.indexOf("\n", index);
        if (end < 0) end = length;
        if (comments === NO_COMMENTS) comments = [];
        comments.push({ text: source.slice(index, end), block: false, start: index });
        if (isBlankLineAt(source, end)) throw new UnsupportedSyntax("empty line after a comment", end);
        index = end;
        continue;
      }
      const start = index;
      const kind = tokenKind(char);
      index = tokenEnd(source, kind, index);
      this.#index = index;
      return { kind, value: source.slice(start, index), start, end: index, comments };
    }
    this.#index = length;
    return { kind: "eof", value: "", start: length, end: length, comments };
  }
}

function tokenKind(char: number): TokenKind {
  if (char === 0x23) return "private";
  if (isNameStart(char)) return "name";
  if (char === 0x22 || char === 0x27) return "string";
  if (char >= 0x30 && char <= 0x39) return "number";
  return "punct";
}

function tokenEnd(source: string, kind: TokenKind, start: number): number {
  switch (kind) {
    case "name":
    case "private": {
      let index = start + 1;
      while (index < source.length && isNamePart(source.charCodeAt(index))) index++;
      return index;
    }
    case "string":
      return skipString(source, start);
    case "number":
      return skipNumber(source, start);
    default:
      return start + punctuatorLength(source, start);
  }
}

function punctuatorLength(source: string, index: number): number {
  if (source.startsWith("=>", index)) return 2;
  if (source.startsWith("...", index)) return 3;
  if (SINGLE_PUNCTUATORS.has(source[index]!)) return 1;
  throw new UnsupportedSyntax(`unexpected character ${JSON.stringify(source[index])}`, index);
}

/** True when the text at `index` is the rest of a line and then an empty line: spaces, a line break, spaces, a line break. */
export function isBlankLineAt(source: string, index: number): boolean {
  let i = index;
  while (source.charCodeAt(i) === 0x20 || source.charCodeAt(i) === 0x09) i++;
  if (source.charCodeAt(i) !== 0x0a) return false;
  i++;
  while (source.charCodeAt(i) === 0x20 || source.charCodeAt(i) === 0x09) i++;
  return source.charCodeAt(i) === 0x0a;
}

function isNameStart(char: number): boolean {
  return (char >= 0x61 && char <= 0x7a) || (char >= 0x41 && char <= 0x5a) || char === 0x5f || char === 0x24;
}

function isNamePart(char: number): boolean {
  return isNameStart(char) || (char >= 0x30 && char <= 0x39);
}

function skipString(source: string, start: number): number {
  const quote = source.charCodeAt(start);
  let index = start + 1;
  while (index < source.length) {
    const char = source.charCodeAt(index);
    if (char === 0x5c) index += 2;
    else if (char === quote) return index + 1;
    else if (char === 0x0a) break;
    else index++;
  }
  throw new UnsupportedSyntax("unterminated string", start);
}

function skipNumber(source: string, start: number): number {
  const match = /^(?:0[xX][0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)/.exec(source.slice(start, start + 64));
  if (!match) throw new UnsupportedSyntax("invalid number", start);
  return start + match[0].length;
}
