/**
 * The write stage: replacing an output folder as a whole. Files are written to a new sibling
 * folder first, which then takes the old folder's place, so a failed run leaves the previous
 * output untouched and a reader never sees half of each.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { VendorguardError } from "../errors.js";
import { hasHeader } from "./header.js";

export interface OutputFile {
  /** Path relative to the output folder, with `/` separators. */
  path: string;
  content: string;
}

/**
 * Replaces `outDir` with exactly `files`. A folder that holds a file vendorguard did not write is
 * left alone unless `force` is set, so pointing `--out` at the wrong folder loses nothing.
 */
export async function writeOutput(outDir: string, files: OutputFile[], options: { force?: boolean } = {}): Promise<void> {
  const target = path.resolve(outDir);
  if (!options.force) await assertOwnedByVendorguard(target);
  const suffix = randomBytes(4).toString("hex");
  const staging = `${target}.vendorguard-tmp-${suffix}`;
  const retired = `${target}.vendorguard-old-${suffix}`;
  await mkdir(path.dirname(target), { recursive: true });
  try {
    for (const file of files) {
      const destination = path.join(staging, ...file.path.split("/"));
      await mkdir(path.dirname(destination), { recursive: true });
      await writeFile(destination, file.content);
    }
    const hadPrevious = await exists(target);
    if (hadPrevious) await rename(target, retired);
    await rename(staging, target);
    if (hadPrevious) await rm(retired, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Lists every file under a folder, relative and sorted, with `/` separators. */
export async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else found.push(path.relative(dir, full).split(path.sep).join("/"));
    }
  };
  await walk(dir);
  return found.sort();
}

async function assertOwnedByVendorguard(target: string): Promise<void> {
  if (!(await exists(target))) return;
  const info = await stat(target);
  if (!info.isDirectory()) {
    throw new VendorguardError("output_not_directory", `${target} exists and is not a folder. Choose another --out path.`);
  }
  for (const file of await listFiles(target)) {
    const text = await readFile(path.join(target, file), "utf8");
    if (!hasHeader(text)) {
      throw new VendorguardError(
        "output_not_owned",
        `${path.join(target, file)} was not written by vendorguard, so ${target} is not replaced. Choose an empty or vendorguard-owned --out folder, or pass --force to replace it anyway.`,
      );
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
