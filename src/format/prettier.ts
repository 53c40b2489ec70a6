/**
 * The format stage: prettier over every emitted file with options fixed in `options.ts`, so the
 * output never depends on a prettier configuration found in the user's repository.
 *
 * Prettier needs about 10 seconds per megabyte on the schema files of large documents (measured on
 * GitHub's, 2 cores), so big files are cut between top-level statements and the pieces are
 * formatted in worker threads. Prettier lays out top-level statements independently, and the
 * emitters separate them with exactly one blank line. Joining the pieces therefore gives the
 * same bytes as formatting the whole file, which a test checks on a real document.
 */
import os from "node:os";
import { Worker } from "node:worker_threads";
import * as prettier from "prettier";
import { PRETTIER_OPTIONS } from "./options.js";

export { PRETTIER_OPTIONS };

/** Files below this size are formatted whole, in this thread. */
const CHUNKING_THRESHOLD_BYTES = 200_000;

/** Target size of one piece: consecutive statements formatted by one prettier call. */
const PIECE_BYTES = 64_000;

/** Pieces sent to a worker in one message. */
const BATCH_SIZE = 4;

/** Formats one TypeScript file in this thread. */
export async function formatTypeScript(code: string): Promise<string> {
  return prettier.format(code, PRETTIER_OPTIONS);
}

/**
 * Formats many files, spreading large ones over worker threads by top-level statement. Emitters
 * must separate top-level statements with one blank line and put no blank line inside one.
 */
export async function formatFiles(
  files: Array<{ path: string; content: string; chunkable: boolean }>,
  chunkingThresholdBytes = CHUNKING_THRESHOLD_BYTES,
): Promise<string[]> {
  const isLarge = (file: { content: string; chunkable: boolean }): boolean =>
    file.chunkable && file.content.length >= chunkingThresholdBytes;
  const large = files.filter(isLarge);
  const pool = large.length > 0 ? new FormatPool(Math.max(1, Math.min(os.availableParallelism(), 4))) : undefined;
  try {
    return await Promise.all(
      files.map((file) =>
        pool && isLarge(file)
          ? formatInChunks(file.content, pool)
          : formatTypeScript(file.content),
      ),
    );
  } finally {
    await pool?.close();
  }
}

async function formatInChunks(code: string, pool: FormatPool): Promise<string> {
  const pieces = splitIntoPieces(code);
  const batches: string[][] = [];
  for (let i = 0; i < pieces.length; i += BATCH_SIZE) batches.push(pieces.slice(i, i + BATCH_SIZE));
  const formatted = await Promise.all(batches.map((batch) => pool.format(batch)));
  return formatted.flat().join("\n");
}

/** Groups consecutive top-level statements into pieces of about `PIECE_BYTES`, cut only at blank lines. */
function splitIntoPieces(code: string): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const statement of code.split(/\n\n+/)) {
    if (statement.trim().length === 0) continue;
    current.push(statement);
    size += statement.length;
    if (size >= PIECE_BYTES) {
      pieces.push(current.join("\n\n"));
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) pieces.push(current.join("\n\n"));
  return pieces;
}

/** A fixed set of worker threads, each taking one batch at a time. */
class FormatPool {
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: Array<{ chunks: string[]; resolve: (value: string[]) => void; reject: (error: Error) => void }> = [];
  readonly #pending = new Map<number, { worker: Worker; resolve: (value: string[]) => void; reject: (error: Error) => void }>();
  #nextId = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL("./format-worker.js", import.meta.url));
      worker.on("message", (message: { id: number; formatted?: string[]; error?: string }) => this.#settle(message));
      worker.on("error", (error) => this.#failAll(error));
      this.#workers.push(worker);
      this.#idle.push(worker);
    }
  }

  format(chunks: string[]): Promise<string[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ chunks, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!;
      const job = this.#queue.shift()!;
      const id = this.#nextId++;
      this.#pending.set(id, { worker, resolve: job.resolve, reject: job.reject });
      worker.postMessage({ id, chunks: job.chunks });
    }
  }

  #settle(message: { id: number; formatted?: string[]; error?: string }): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    this.#idle.push(pending.worker);
    if (message.error !== undefined) pending.reject(new Error(`prettier failed: ${message.error}`));
    else pending.resolve(message.formatted ?? []);
    this.#dispatch();
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    for (const job of this.#queue.splice(0)) job.reject(error);
  }
}
