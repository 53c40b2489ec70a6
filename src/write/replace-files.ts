/**
 * Replacing a few files inside a folder that may hold other files. Each file is written in full
 * to a temporary sibling before any is renamed into place, so a failed write changes nothing, a
 * reader never sees a half-written file, and other files of the folder stay as they are.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { VendorguardError } from "../errors.js";
import type { OutputFile } from "./atomic.js";

/** Characters at the start of a file that an ownership check reads. */
const HEAD_LENGTH = 512;

/**
 * Writes `files` (paths without folders) into `dir`. A file that exists already is replaced only
 * when `isOwned` accepts its first characters, so a file vendorguard did not write is never lost.
 */
export async function replaceFiles(
  dir: string,
  files: OutputFile[],
  isOwned: (head: string) => boolean,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await assertReplaceable(
    dir,
    files.map((file) => file.path),
    isOwned,
  );

  // The name starts with .vendorguard-tmp- so that .gitignore keeps a leftover out of commits.
  const suffix = randomBytes(4).toString("hex");
  const staged = files.map((file) => ({
    temporary: path.join(dir, `.vendorguard-tmp-${suffix}-${file.path}`),
    destination: path.join(dir, file.path),
    content: file.content,
  }));
  try {
    for (const file of staged) await writeFile(file.temporary, file.content, { flag: "wx" });
    // NOTE: each rename is atomic, but the pair is not: a crash between them leaves one file new.
    for (const file of staged) await rename(file.temporary, file.destination);
  } catch (error) {
    await Promise.all(staged.map((file) => rm(file.temporary, { force: true })));
    throw error;
  }
}

/**
 * Throws unless each of `names` in `dir` is absent or accepted by `isOwned`, so a caller can
 * fail before it does the work whose result it would write.
 */
export async function assertReplaceable(
  dir: string,
  names: string[],
  isOwned: (head: string) => boolean,
): Promise<void> {
  for (const name of names) await assertFileReplaceable(path.join(dir, name), isOwned);
}

async function assertFileReplaceable(
  file: string,
  isOwned: (head: string) => boolean,
): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return;
    if (code === "EISDIR") {
      throw new VendorguardError(
        "output_not_file",
        `${file} is a folder, so it cannot be replaced by a file. Choose another --out folder.`,
      );
    }
    throw error;
  }
  if (!isOwned(text.slice(0, HEAD_LENGTH))) {
    throw new VendorguardError(
      "output_not_owned",
      `${file} was not written by vendorguard, so it is not replaced. Choose another --out folder, or move the file away.`,
    );
  }
}
