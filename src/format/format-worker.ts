/**
 * Worker thread body: formats batches of TypeScript chunks with prettier and posts the results
 * back in the same order.
 */
import { parentPort } from "node:worker_threads";
import * as prettier from "prettier";
import { PRETTIER_OPTIONS } from "./options.js";

interface Job {
  id: number;
  chunks: string[];
}

parentPort?.on("message", async (job: Job) => {
  try {
    const formatted: string[] = [];
    for (const chunk of job.chunks) formatted.push(await prettier.format(chunk, PRETTIER_OPTIONS));
    parentPort?.postMessage({ id: job.id, formatted });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
