/**
 * A fixed set of worker threads, each running one job at a time. A worker receives
 * `{ id, input }` and posts back `{ id, output }` or `{ id, error }`.
 */
import { Worker } from "node:worker_threads";

interface Job<Input, Output> {
  input: Input;
  resolve: (output: Output) => void;
  reject: (error: Error) => void;
}

interface Answer<Output> {
  id: number;
  output?: Output;
  error?: string;
}

export class WorkerPool<Input, Output> {
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: Array<Job<Input, Output>> = [];
  readonly #running = new Map<number, Job<Input, Output> & { worker: Worker }>();
  #nextId = 0;

  constructor(script: URL, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      worker.on("message", (answer: Answer<Output>) => this.#settle(answer));
      worker.on("error", (error) => this.#failAll(error));
      this.#workers.push(worker);
      this.#idle.push(worker);
    }
  }

  run(input: Input): Promise<Output> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
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
      this.#running.set(id, { ...job, worker });
      worker.postMessage({ id, input: job.input });
    }
  }

  #settle(answer: Answer<Output>): void {
    const job = this.#running.get(answer.id);
    if (!job) return;
    this.#running.delete(answer.id);
    this.#idle.push(job.worker);
    if (answer.error !== undefined) job.reject(new Error(answer.error));
    else job.resolve(answer.output as Output);
    this.#dispatch();
  }

  #failAll(error: Error): void {
    for (const job of this.#running.values()) job.reject(error);
    this.#running.clear();
    for (const job of this.#queue.splice(0)) job.reject(error);
  }
}

/** Runs `handle` on each job a `WorkerPool` sends to this worker thread and posts the result back. */
export function serveJobs<Input, Output>(port: import("node:worker_threads").MessagePort | null, handle: (input: Input) => Promise<Output>): void {
  port?.on("message", async ({ id, input }: { id: number; input: Input }) => {
    try {
      port.postMessage({ id, output: await handle(input) });
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
}
