/**
 * Finding `$ref`s in a document and reading the files they point to: local files beside it, and
 * remote documents only on hosts the user allowed (see `remote.ts`).
 */
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { VendorguardError } from "../errors.js";
import { parseDocumentText } from "./read.js";
import { assertRemoteAllowed, fetchRemoteDocument, isRemoteRef, type RemoteRefPolicy } from "./remote.js";

/** One `$ref` found while walking a document, with the JSON pointer of the object holding it. */
export interface FoundRef {
  ref: string;
  pointer: string;
}

/**
 * Deepest JSON nesting accepted in a document; GitHub's 13 MB description nests 20 levels. The
 * validators and emitters recurse, so deeper documents are rejected before they read them.
 */
export const MAX_DOCUMENT_DEPTH = 400;

/**
 * Collects every `$ref` string in a parsed document, iteratively so deep documents cannot
 * overflow the stack, and rejects nesting deeper than `MAX_DOCUMENT_DEPTH`.
 */
export function collectRefs(root: unknown, file = "the document"): FoundRef[] {
  const found: FoundRef[] = [];
  const stack: Array<{ value: unknown; pointer: string; depth: number }> = [{ value: root, pointer: "", depth: 0 }];
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth > MAX_DOCUMENT_DEPTH) {
      throw new VendorguardError(
        "document_too_deep",
        `${file}#${pointer.slice(0, 200)}...: the document nests more than ${MAX_DOCUMENT_DEPTH} levels deep, which no real API description needs. Move inner schemas into components and refer to them with $ref.`,
      );
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], pointer: `${pointer}/${i}`, depth: depth + 1 });
      continue;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.$ref === "string") found.push({ ref: record.$ref, pointer });
    for (const key of Object.keys(record).reverse()) {
      stack.push({ value: record[key], pointer: `${pointer}/${escapePointerToken(key)}`, depth: depth + 1 });
    }
  }
  return found;
}

/**
 * Checks every reference that reaches the network against the remote policy: absolute and
 * scheme-relative URLs anywhere, and every non-fragment reference inside a remote document.
 */
export function checkRemoteRefs(refs: FoundRef[], file: string, policy: RemoteRefPolicy): void {
  const remoteBase = /^https?:/i.test(file) ? file : undefined;
  for (const found of refs) {
    if (found.ref.startsWith("#")) continue;
    if (!isRemoteRef(found.ref) && remoteBase === undefined) continue;
    let target = found.ref;
    if (remoteBase !== undefined) {
      try {
        target = new URL(found.ref, remoteBase).href;
      } catch {
        // assertRemoteAllowed reports the reference as it is written.
      }
    }
    assertRemoteAllowed(target.split("#")[0]!, policy, `${file}#${found.pointer}`);
  }
}

/**
 * swagger-parser options: our parser (alias and depth limits, remote refs checked) and a network
 * resolver that fetches only what the remote policy allows.
 */
function refParserOptions(entryFile: string, policy: RemoteRefPolicy): unknown {
  const guardedRemote = {
    order: 1,
    canRead: /^https?:/i,
    async read(file: { url: string }): Promise<Buffer> {
      const url = assertRemoteAllowed(file.url, policy, entryFile);
      return fetchRemoteDocument(url, policy);
    },
  };
  const ownParser = {
    order: 1,
    canParse: /\.(ya?ml|json)$/i,
    parse(file: { url: string; data: Buffer | string }): unknown {
      const text = typeof file.data === "string" ? file.data : file.data.toString("utf8");
      const parsed = parseDocumentText(text, file.url);
      checkRemoteRefs(collectRefs(parsed, file.url), file.url, policy);
      return parsed;
    },
  };
  return {
    resolve: { external: true, http: guardedRemote },
    parse: { yaml: ownParser, json: ownParser, text: false, binary: false },
  };
}

type RefParserCall<T> = (file: string, api: unknown, options: unknown) => Promise<T>;

/**
 * Reads every local file reachable through `$ref`s from the entry document, using swagger-parser's
 * resolver. Returns the parsed files keyed by absolute path, entry included.
 */
export async function readReferencedFiles(
  entryFile: string,
  entryDocument: unknown,
  policy: RemoteRefPolicy,
): Promise<Map<string, unknown>> {
  const resolve = SwaggerParser.resolve.bind(SwaggerParser) as unknown as RefParserCall<{ values(): Record<string, unknown> }>;
  let refs: { values(): Record<string, unknown> };
  try {
    refs = await resolve(entryFile, structuredClone(entryDocument), refParserOptions(entryFile, policy));
  } catch (error) {
    throw refError(error, entryFile);
  }
  const files = new Map<string, unknown>();
  for (const [location, value] of Object.entries(refs.values())) {
    files.set(/^https?:/i.test(location) ? location : path.resolve(location), value);
  }
  files.set(path.resolve(entryFile), entryDocument);
  return files;
}

/**
 * Returns the document with every other file's content pulled in (swagger-parser's bundle), so
 * that schema validation also checks operations kept in other files.
 */
export async function bundleDocument(
  entryFile: string,
  entryDocument: unknown,
  policy: RemoteRefPolicy,
): Promise<Record<string, unknown>> {
  const bundle = SwaggerParser.bundle.bind(SwaggerParser) as unknown as RefParserCall<Record<string, unknown>>;
  try {
    return await bundle(entryFile, structuredClone(entryDocument), refParserOptions(entryFile, policy));
  } catch (error) {
    throw refError(error, entryFile);
  }
}

function refError(error: unknown, entryFile: string): Error {
  if (error instanceof VendorguardError) return error;
  const cause = error as { message?: string; code?: string; source?: string };
  const original = findVendorguardCause(error);
  if (original) return original;
  return new VendorguardError(
    "unresolvable_ref",
    `${entryFile}: a $ref cannot be resolved (${cause.message ?? String(error)}). Check that the referenced file exists beside the document and the JSON pointer after '#' names an existing key.`,
    { cause: error },
  );
}

function findVendorguardCause(error: unknown): VendorguardError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof VendorguardError) return current;
    const errors = (current as { errors?: unknown[] }).errors;
    const nested = errors?.find((item) => item instanceof VendorguardError);
    if (nested instanceof VendorguardError) return nested;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Escapes one JSON pointer token (`~` to `~0`, `/` to `~1`). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Decodes one JSON pointer token. */
export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}
