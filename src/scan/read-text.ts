/**
 * Reading a file to scan as UTF-8 text, or saying why it is skipped: it is larger than the limit,
 * binary, not valid UTF-8, or unreadable.
 */
import { readFile, stat } from "node:fs/promises";

/**
 * Largest file scanned by default, in bytes. A larger file is usually a bundle or a data dump
 * rather than hand-written source or a spec, and parsing it would dominate the scan's time.
 */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A file's text, or the reason it was skipped, phrased to follow the file's path. */
export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** Reads `file` as text unless it is larger than `maxBytes`, binary or not UTF-8. */
export async function readScanText(file: string, maxBytes: number): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    const size = (await stat(file)).size;
    if (size > maxBytes) {
      return { ok: false, reason: `has ${size} bytes, more than the ${maxBytes} bytes scanned` };
    }
    bytes = await readFile(file);
  } catch (error) {
    return { ok: false, reason: `cannot be read (${(error as Error).message})` };
  }
  // git and most editors treat a file with a NUL byte as binary; text formats never contain one.
  if (bytes.includes(0)) {
    return { ok: false, reason: "is binary (it contains a NUL byte)" };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: "is not valid UTF-8 text" };
  }
}
