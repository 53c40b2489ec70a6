/**
 * The format stage: every emitted file laid out as prettier lays it out (see `emitted-code.ts`).
 *
 * Large files are cut between top-level statements and the pieces are formatted in worker
 * threads. Top-level statements are laid out independently. The emitters of chunkable files
 * separate them with exactly one blank line and put none inside one, so joining the pieces gives
 * the same bytes as formatting the whole file. A test checks it on a real document.
 */
import os from "node:os";
import { formatEmittedCode } from "./emitted-code.js";
import { WorkerPool } from "./worker-pool.js";

export interface FormatInput {
  path: string;
  content: string;
  /** Top-level statements are separated by one blank line and hold none, so the file may be cut there. */
  chunkable: boolean;
}

/** Below this total size, files are formatted in this thread: starting workers would cost more. */
const WORKER_THRESHOLD_BYTES = 400_000;

/** Target size of one piece of a chunkable file. */
const PIECE_BYTES = 128_000;

export async function formatFiles(files: FormatInput[], workerThresholdBytes = WORKER_THRESHOLD_BYTES): Promise<string[]> {
  const total = files.reduce((sum, file) => sum + file.content.length, 0);
  if (total < workerThresholdBytes) {
    const formatted: string[] = [];
    for (const file of files) formatted.push(await formatEmittedCode(file.content));
    return formatted;
  }
  const pool = new WorkerPool<string, string>(new URL("./format-worker.js", import.meta.url), Math.max(1, Math.min(os.availableParallelism(), 4)));
  try {
    const pieces = files.map((file) => (file.chunkable ? splitIntoPieces(file.content) : [file.content]));
    // The largest pieces go first, so that no worker is left with a long one at the end.
    const jobs = pieces.flatMap((filePieces, fileIndex) => filePieces.map((piece, pieceIndex) => ({ piece, fileIndex, pieceIndex })));
    jobs.sort((a, b) => b.piece.length - a.piece.length);
    const results = pieces.map((filePieces) => new Array<string>(filePieces.length));
    await Promise.all(
      jobs.map(async (job) => {
        results[job.fileIndex]![job.pieceIndex] = await pool.run(job.piece);
      }),
    );
    return results.map((formattedPieces) => formattedPieces.join("\n"));
  } finally {
    await pool.close();
  }
}

/** Groups consecutive top-level statements into pieces of about `PIECE_BYTES`, cut only at blank lines. */
function splitIntoPieces(code: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < code.length) {
    let cut = code.indexOf("\n\n", start + PIECE_BYTES);
    if (cut < 0) cut = code.length;
    const piece = code.slice(start, cut);
    if (piece.trim().length > 0) pieces.push(piece);
    start = cut;
    while (code[start] === "\n") start++;
  }
  return pieces;
}
