/**
 * Collecting the files of a scan: walking the given paths in a stable order, and adding the
 * policy and spec files of the config, which are searched for secrets wherever they are.
 */
import { type Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { VendorguardError } from "../errors.js";
import { compareCodeUnits } from "../model/registry.js";
import { EXCLUDED_FOLDER_NAMES, type FileKind, kindOfFileName, toSlashes } from "./file-filter.js";

/** A file to scan. */
export interface ScanTarget {
  /** Absolute path. */
  path: string;
  /** Path relative to the scan root, with `/` separators. */
  file: string;
  kind: FileKind;
}

export interface CollectOptions {
  /** Absolute folder that report paths are relative to. */
  root: string;
  /** Absolute files and folders to scan. A file named here is scanned even if a filter would skip it. */
  paths: readonly string[];
  /** Absolute folders never walked into, such as the generated clients' `runtime/`. */
  excludedFolders: readonly string[];
  /** Decides whether a file found by walking a folder is scanned. */
  accepts: (file: string) => boolean;
  /** Absolute files searched for secrets in any case: the config's policies and specs. */
  dataFiles: readonly string[];
}

/** Returns the files to scan, each once, sorted by relative path in code-unit order. */
export async function collectFiles(options: CollectOptions): Promise<ScanTarget[]> {
  const found = new Map<string, FileKind>();
  const specsFolder = path.join(options.root, "specs");
  for (const start of options.paths) {
    const info = await statPath(start);
    if (info.isDirectory()) {
      await walkFolder(start, options, specsFolder, found);
    } else {
      found.set(start, kindOfFileName(path.basename(start)) ?? "data");
    }
  }
  for (const file of options.dataFiles) {
    if (!found.has(file)) found.set(file, "data");
  }
  const targets = [...found].map(([file, kind]) => ({
    path: file,
    file: toSlashes(path.relative(options.root, file)),
    kind,
  }));
  return targets.sort((a, b) => compareCodeUnits(a.file, b.file));
}

async function statPath(file: string): Promise<{ isDirectory(): boolean }> {
  try {
    return await stat(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "was not found" : "cannot be read";
    throw new VendorguardError(
      "scan_path_not_found",
      `${file} ${reason}. Pass files or folders that exist, or no path to scan the current folder.`,
      { cause: error },
    );
  }
}

// Symbolic links are not followed, so a link cannot make the walk loop or leave the tree.
async function walkFolder(
  folder: string,
  options: CollectOptions,
  specsFolder: string,
  found: Map<string, FileKind>,
): Promise<void> {
  const entries: Dirent[] = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (EXCLUDED_FOLDER_NAMES.has(entry.name) || options.excludedFolders.includes(full)) continue;
      await walkFolder(full, options, specsFolder, found);
    } else if (entry.isFile()) {
      const kind = kindOfWalkedFile(full, entry.name, specsFolder);
      if (kind !== undefined && options.accepts(full)) found.set(full, kind);
    }
  }
}

function kindOfWalkedFile(file: string, name: string, specsFolder: string): FileKind | undefined {
  const kind = kindOfFileName(name);
  if (kind !== undefined) return kind;
  return file.startsWith(`${specsFolder}${path.sep}`) ? "data" : undefined;
}
