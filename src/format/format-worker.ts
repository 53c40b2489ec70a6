/** Worker thread body: formats one piece of emitted TypeScript per job. */
import { parentPort } from "node:worker_threads";
import { formatEmittedCode } from "./emitted-code.js";
import { serveJobs } from "./worker-pool.js";

serveJobs(parentPort, formatEmittedCode);
