/**
 * `check` for one vendor: render the client in memory and compare it with the output folder,
 * compare the policy with the config's floor and the document's digest with the recorded one.
 * Nothing is written.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Floor } from "../config/floor.js";
import { VendorguardError } from "../errors.js";
import { renderClient } from "../generate.js";
import { compareCodeUnits } from "../model/registry.js";
import { loadPolicy } from "../policy/load.js";
import type { OutputFile } from "../write/atomic.js";
import { listFiles } from "../write/atomic.js";
import { type FloorViolation, findFloorViolations } from "./floor-check.js";
import type { DocumentReadOptions } from "./document-options.js";
import { type UnifiedDiff, unifiedDiff } from "./line-diff.js";

export interface CheckTarget extends DocumentReadOptions {
  /** Name in the report. Default: the policy's vendor.name. */
  name?: string;
  specPath: string;
  policyPath: string;
  outDir: string;
  /** sha256 the config records for the document; unchecked when absent. */
  recordedSha256?: string;
  /** Weakest controls the policy may set; unchecked when absent. */
  floor?: Floor;
}

/**
 * Kind of difference between a file of the output folder and the rendered client:
 * - `missing`: generation produces it, the folder lacks it;
 * - `extra`: the folder has it, generation does not produce it;
 * - `stale`: its header names another document, policy or vendorguard version, so one of them
 *   changed since it was generated;
 * - `edited`: its header names the same inputs and version but the code differs, so it was
 *   edited by hand (or, between releases, vendorguard's output changed without a new version).
 */
export type FileProblemKind = "missing" | "extra" | "stale" | "edited";

export interface FileProblem {
  kind: FileProblemKind;
  /** Path inside the output folder, with `/` separators. */
  path: string;
  /** From the file on disk to the rendered one; set for `stale` and `edited`. */
  diff?: UnifiedDiff;
}

export interface DigestMismatch {
  recorded: string;
  actual: string;
}

export interface VendorCheck {
  name: string;
  target: CheckTarget;
  /** Number of files the rendered client has. */
  fileCount: number;
  /** sha256 of the document as loaded, in the form the generated headers carry. */
  specSha256: string;
  files: FileProblem[];
  floorViolations: FloorViolation[];
  digestMismatch?: DigestMismatch;
}

/** Renders the target's client once and returns every difference found; writes nothing. */
export async function checkVendor(target: CheckTarget): Promise<VendorCheck> {
  const rendered = await renderClient({
    specPath: target.specPath,
    policyPath: target.policyPath,
    outDir: target.outDir,
    ...(target.maxDocumentBytes === undefined ? {} : { maxDocumentBytes: target.maxDocumentBytes }),
    ...(target.allowRemoteRefHosts === undefined
      ? {}
      : { allowRemoteRefHosts: target.allowRemoteRefHosts }),
  });
  const onDisk = await readOutputFolder(target.outDir);
  // Reading the policy again costs a YAML parse, not a generation; renderClient keeps its own.
  const floorViolations =
    target.floor === undefined
      ? []
      : findFloorViolations(await loadPolicy(target.policyPath), target.floor);

  const result: VendorCheck = {
    name: target.name ?? rendered.vendorName,
    target,
    fileCount: rendered.files.length,
    specSha256: rendered.specSha256,
    files: compareOutput(rendered.files, onDisk),
    floorViolations,
  };
  if (target.recordedSha256 !== undefined && target.recordedSha256 !== rendered.specSha256) {
    result.digestMismatch = { recorded: target.recordedSha256, actual: rendered.specSha256 };
  }
  return result;
}

/** True when the check found anything that fails it. */
export function hasFailures(check: VendorCheck): boolean {
  return (
    check.files.length > 0 || check.floorViolations.length > 0 || check.digestMismatch !== undefined
  );
}

/** Compares rendered files with the files of an output folder, sorted by path. */
export function compareOutput(rendered: OutputFile[], onDisk: Map<string, string>): FileProblem[] {
  const problems: FileProblem[] = [];
  const renderedPaths = new Set<string>();
  for (const file of rendered) {
    renderedPaths.add(file.path);
    const current = onDisk.get(file.path);
    if (current === undefined) {
      problems.push({ kind: "missing", path: file.path });
    } else if (current !== file.content) {
      const kind = headerOf(current) === headerOf(file.content) ? "edited" : "stale";
      problems.push({ kind, path: file.path, diff: unifiedDiff(current, file.content) });
    }
  }
  for (const file of onDisk.keys()) {
    if (!renderedPaths.has(file)) problems.push({ kind: "extra", path: file });
  }
  return problems.sort((a, b) => compareCodeUnits(a.path, b.path));
}

/**
 * The header of a generated file: its lines up to the policy digest line, which names the
 * vendorguard version and the digests of the document and policy. Undefined without one.
 */
function headerOf(text: string): string | undefined {
  const marker = "\n// Policy sha256: ";
  const start = text.indexOf(marker);
  if (start === -1) return undefined;
  const end = text.indexOf("\n", start + marker.length);
  return end === -1 ? text : text.slice(0, end);
}

/** Reads every file of an output folder. A folder that does not exist has no files. */
async function readOutputFolder(outDir: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = await listFiles(outDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return new Map();
    if (code === "ENOTDIR") {
      throw new VendorguardError(
        "output_not_directory",
        `${outDir} is not a folder. Point --out or the config's out at the client's folder.`,
      );
    }
    throw error;
  }
  const files = new Map<string, string>();
  for (const name of names) {
    files.set(name, await readFile(path.join(outDir, ...name.split("/")), "utf8"));
  }
  return files;
}
