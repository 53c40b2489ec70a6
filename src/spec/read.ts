/**
 * Reading a document from disk and parsing it as JSON or YAML, with errors that give the file,
 * line and column.
 */
import { readFile, stat } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import { VendorguardError } from "../errors.js";

/** Default upper bound of one document file, in bytes. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** YAML alias expansions allowed in one document before it is rejected as an alias bomb. */
const MAX_YAML_ALIASES = 10_000;

export interface ReadOptions {
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
}

/** Reads a file as bytes, rejecting a missing, unreadable or oversized file with a clear message. */
export async function readDocumentBytes(file: string, options: ReadOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      throw new VendorguardError("not_a_file", `${file} is not a file. Pass the path of a JSON or YAML document.`);
    }
    size = info.size;
  } catch (error) {
    throw fileError(file, error);
  }
  if (size > maxBytes) {
    throw new VendorguardError(
      "document_too_large",
      `${file} is ${size} bytes, over the limit of ${maxBytes} bytes. Raise it with --max-document-bytes if the document is trusted.`,
    );
  }
  try {
    return await readFile(file);
  } catch (error) {
    throw fileError(file, error);
  }
}

function fileError(file: string, error: unknown): Error {
  if (error instanceof VendorguardError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return new VendorguardError("file_not_found", `${file} was not found. Check the path.`);
  }
  if (code === "EACCES" || code === "EPERM") {
    return new VendorguardError("file_unreadable", `${file} cannot be read (permission denied).`);
  }
  return new VendorguardError("file_unreadable", `${file} cannot be read: ${(error as Error).message}`);
}

/** Parses document text: JSON when it starts with `{` or `[`, YAML otherwise. */
export function parseDocumentText(text: string, file: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return parseJson(text, file);
  return parseYaml(text, file);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : "";
    throw new VendorguardError(
      "invalid_json",
      `${file}${where}: invalid JSON (${message}). Fix the syntax at that place.`,
    );
  }
}

function parseYaml(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = document.errors[0];
  if (first) {
    const at = lineCounter.linePos(first.pos[0]);
    throw new VendorguardError(
      "invalid_yaml",
      `${file}:${at.line}:${at.col}: invalid YAML (${first.message.split("\n")[0]}). Fix the syntax at that place.`,
    );
  }
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    throw new VendorguardError(
      "yaml_alias_limit",
      `${file}: YAML aliases expand too far (${(error as Error).message}). A document that needs more than ${MAX_YAML_ALIASES} alias expansions is rejected as an alias bomb.`,
    );
  }
}

/** Converts a character offset into `line:column`, both counted from 1. */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${offset - lineStart + 1}`;
}
