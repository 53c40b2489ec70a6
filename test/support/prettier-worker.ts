/** Worker thread body for tests: formats one text per job with the pinned prettier. */
import { parentPort } from "node:worker_threads";
import { formatWithPrettier } from "../../src/format/prettier.js";
import { serveJobs } from "../../src/format/worker-pool.js";

serveJobs(parentPort, formatWithPrettier);
