/**
 * The load stage: from a file path to the parsed document, the files its `$ref`s reach, its
 * version and its digest. Nothing here interprets OpenAPI beyond the version.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { bundleDocument, checkRemoteRefs, collectRefs, readReferencedFiles } from "./refs.js";
import type { RemoteRefPolicy } from "./remote.js";
import { DEFAULT_MAX_DOCUMENT_BYTES, parseDocumentText, readDocumentBytes, type ReadOptions } from "./read.js";
import { assertValidDocument } from "./validate.js";
import { detectSpecVersion, type SpecVersion } from "./version.js";

export interface LoadedSpec {
  /** Absolute path of the entry document. */
  file: string;
  /** Path as the user gave it, for messages. */
  displayPath: string;
  version: SpecVersion;
  /** The parsed entry document. */
  document: Record<string, unknown>;
  /** Every parsed file keyed by absolute path, the entry document included. */
  files: Map<string, unknown>;
  /** True when `$ref`s reach other files; validation then bundles them first. */
  hasExternalRefs: boolean;
  /** The remote reference policy the document was read with; validation reuses it. */
  remote: RemoteRefPolicy;
  /**
   * sha256 of the entry file's bytes. For a document split over several files, it is the sha256
   * of the sorted list of each file's relative path and sha256, so a change in any file changes it.
   */
  sha256: string;
}

export interface LoadOptions extends ReadOptions {
  /** Hosts (`host` or `host:port`) whose https documents `$ref`s may fetch. Default: none. */
  allowRemoteRefHosts?: string[];
}

/**
 * Reads and parses a document and every local file its `$ref`s reach. Validation is a separate
 * step (`validateSpec`) because which problems count depends on the operations the policy selects.
 */
export async function loadSpec(displayPath: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const file = path.resolve(displayPath);
  const bytes = await readDocumentBytes(file, options);
  const document = parseDocumentText(bytes.toString("utf8"), displayPath) as Record<string, unknown>;
  const version = detectSpecVersion(document, displayPath);

  const refs = collectRefs(document, displayPath);
  const remote: RemoteRefPolicy = { allowedHosts: options.allowRemoteRefHosts ?? [], maxBytes: options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES };
  checkRemoteRefs(refs, displayPath, remote);
  const hasExternalRefs = refs.some((found) => !found.ref.startsWith("#"));
  const files = hasExternalRefs
    ? await readReferencedFiles(file, document, remote)
    : new Map<string, unknown>([[file, document]]);

  const sha256 = hasExternalRefs ? await digestFiles(file, files, options) : sha256Hex(bytes);
  return { file, displayPath, version, document, files, hasExternalRefs, remote, sha256 };
}

/** Checks the entry document against its version's JSON Schema, skipping problems `isIgnored` accepts. */
export async function validateSpec(spec: LoadedSpec, isIgnored: (pointer: string) => boolean = () => false): Promise<void> {
  const document = spec.hasExternalRefs ? await bundleDocument(spec.file, spec.document, spec.remote) : spec.document;
  assertValidDocument(document, spec.version, spec.displayPath, isIgnored);
}

/** Returns the sha256 of some bytes as lower-case hex. */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Remote documents are digested by their parsed content, since their bytes are not kept. */
async function digestFiles(entry: string, files: Map<string, unknown>, options: ReadOptions): Promise<string> {
  const base = path.dirname(entry);
  const lines: string[] = [];
  for (const [file, parsed] of files) {
    if (/^https?:/i.test(file)) {
      lines.push(`${file} ${sha256Hex(JSON.stringify(parsed))}`);
      continue;
    }
    const relative = path.relative(base, file).split(path.sep).join("/");
    lines.push(`${relative} ${sha256Hex(await readDocumentBytes(file, options))}`);
  }
  lines.sort();
  return sha256Hex(lines.join("\n"));
}
