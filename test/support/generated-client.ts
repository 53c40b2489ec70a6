/**
 * Generates real clients for tests. Each client is written under `.test-output/` in the
 * repository, so that `zod`, `undici` and `cockatiel` resolve from its node_modules. All clients
 * of one test file are then compiled by a single run of the real `tsc` and imported.
 *
 * One tsc run takes seconds, so callers start their servers first (the policies need the ports),
 * then pass every client they need to one `generateClients` call.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateClient } from "../../src/generate.js";
import type { SchemaTyping } from "../../src/emit/schemas-file.js";
import type { ApiModel } from "../../src/model/types.js";
import type { Policy } from "../../src/policy/schema.js";
import type {
  ApiResponse,
  CallInput,
  CallOptions,
  ClientOptions,
} from "../../src/runtime/index.js";

/** Root of the repository, found from this file's place in `dist/test/support/`. */
export const REPOSITORY_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../..",
);

/** Folder that contains every generated test client; it is listed in .gitignore. */
export const TEST_OUTPUT_ROOT = path.join(REPOSITORY_ROOT, ".test-output");

const TSC = path.join(REPOSITORY_ROOT, "node_modules", "typescript", "bin", "tsc");

/**
 * Compiler options of the test build: those of the repository's own tsconfig, so generated code
 * must pass the same strict checks as vendorguard's source.
 */
const COMPILER_OPTIONS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2023"],
  types: ["node"],
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  skipLibCheck: true,
  declaration: false,
  sourceMap: false,
};

/** One client to generate. */
export interface ClientRequest {
  /** Folder of the client inside the run folder; a plain name such as `case-01`. */
  name: string;
  specPath: string;
  /** The policy, written to a file as JSON (which the YAML policy loader reads). */
  policy: Policy;
  /** Default: `checked`, so tsc proves that each zod schema matches its declared type. */
  schemaTyping?: SchemaTyping;
}

/** A TypeScript file compiled together with the clients, e.g. a probe of their types. */
export interface ExtraSource {
  /** Path relative to the run folder, ending in `.ts`. */
  path: string;
  content: string;
}

/** A method of a generated client, seen without its generated types. */
export type ClientMethod = (input?: CallInput, options?: CallOptions) => Promise<ApiResponse>;

/** A generated client instance, seen without its generated types. */
export interface LooseClient {
  [method: string]: unknown;
  health(): { vendor: string; breaker: string };
  close(): Promise<void>;
}

/** A generated, compiled and imported client. */
export interface GeneratedClient {
  name: string;
  /** Folder of the generated TypeScript and the compiled JavaScript. */
  outDir: string;
  /** The policy file the client was generated from. */
  policyPath: string;
  /** Wall time of generating the client, in milliseconds, without compiling it. */
  generationMs: number;
  className: string;
  model: ApiModel;
  /** The client's `index.js` module. */
  module: Record<string, unknown>;
  /** Creates an instance of the client class. */
  create(options?: ClientOptions): LooseClient;
}

/** The clients of one run; `remove()` deletes the run folder. */
export interface GeneratedClients {
  folder: string;
  clients: Map<string, GeneratedClient>;
  get(name: string): GeneratedClient;
  remove(): Promise<void>;
}

/**
 * Generates every requested client, compiles them and `extraSources` with one tsc run, and
 * imports each client's index module. Rejects with the compiler output when tsc reports any
 * error; the run folder is then kept so the output can be read.
 */
export async function generateClients(
  suite: string,
  requests: ClientRequest[],
  extraSources: ExtraSource[] = [],
): Promise<GeneratedClients> {
  await mkdir(TEST_OUTPUT_ROOT, { recursive: true });
  const folder = await mkdtemp(path.join(TEST_OUTPUT_ROOT, `${suite}-`));

  const generated = [];
  for (const request of requests) {
    generated.push(await generateOne(folder, request));
  }
  for (const source of extraSources) {
    const file = path.join(folder, source.path);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, source.content);
  }
  await compile(folder);

  const clients = new Map<string, GeneratedClient>();
  for (const item of generated) {
    const module = (await import(pathToFileURL(path.join(item.outDir, "index.js")).href)) as Record<
      string,
      unknown
    >;
    clients.set(item.name, {
      ...item,
      module,
      create: (options) => instantiate(module, item.className, options),
    });
  }
  return {
    folder,
    clients,
    get(name) {
      const client = clients.get(name);
      if (client === undefined) throw new Error(`no generated client named ${name}`);
      return client;
    },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

async function generateOne(folder: string, request: ClientRequest) {
  const policyPath = path.join(folder, `${request.name}.policy.json`);
  await writeFile(policyPath, JSON.stringify(request.policy, null, 2));
  const outDir = path.join(folder, request.name);
  const result = await generateClient({
    specPath: request.specPath,
    policyPath,
    outDir,
    schemaTyping: request.schemaTyping ?? "checked",
  });
  return {
    name: request.name,
    outDir,
    policyPath,
    generationMs: result.durationMs,
    className: result.className,
    model: result.model,
  };
}

/** Runs tsc over every `.ts` file of the run folder, emitting JavaScript next to each file. */
async function compile(folder: string): Promise<void> {
  const tsconfig = { compilerOptions: COMPILER_OPTIONS, include: ["**/*.ts"] };
  await writeFile(path.join(folder, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  const output = await new Promise<{ failed: boolean; text: string }>((resolve) => {
    execFile(
      process.execPath,
      [TSC, "-p", path.join(folder, "tsconfig.json"), "--pretty", "false"],
      { cwd: folder, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ failed: error !== null, text: `${stdout}${stderr}` }),
    );
  });
  if (output.failed) {
    throw new Error(`tsc reported errors for the generated clients in ${folder}:\n${output.text}`);
  }
}

function instantiate(
  module: Record<string, unknown>,
  className: string,
  options?: ClientOptions,
): LooseClient {
  const constructor = module[className];
  if (typeof constructor !== "function") {
    throw new Error(`the generated index module does not export the class ${className}`);
  }
  return new (constructor as new (options?: ClientOptions) => LooseClient)(options);
}

/** Returns a client method by name, failing with the names the client has when it is missing. */
export function methodOf(client: LooseClient, name: string): ClientMethod {
  const method = client[name];
  if (typeof method !== "function") {
    const prototype = Object.getPrototypeOf(client) as object;
    const names = Object.getOwnPropertyNames(prototype).filter((key) => key !== "constructor");
    throw new Error(`the client has no method ${name}; it has ${names.join(", ")}`);
  }
  return (method as ClientMethod).bind(client);
}

/** Settings of a test policy; everything left out gets a value suited to a loopback server. */
export interface TestPolicyOptions {
  vendor: string;
  /** Base URL on loopback, e.g. `http://127.0.0.1:PORT/api`. */
  baseUrl: string;
  /** PEM files of CAs to trust, for an https base URL. */
  caFiles?: string[];
  unknownKeys?: "strict" | "strip";
  /** Replaces whole policy keys of the default test policy. */
  overrides?: Partial<Policy>;
}

/**
 * Builds a policy for a loopback test server: plain http is allowed, the base URL's host is the
 * only allowed host, and timeouts and backoff delays are short so failures show up quickly.
 */
export function testPolicy(options: TestPolicyOptions): Policy {
  const url = new URL(options.baseUrl);
  return {
    vendor: {
      name: options.vendor,
      owner: "tests@example.com",
      purpose: "End-to-end tests of generated clients",
      owningService: "vendorguard-tests",
      dataClassification: ["public"],
    },
    baseUrl: options.baseUrl,
    allowInsecureHttp: url.protocol === "http:",
    allowedHosts: [url.host],
    tls: { ca: (options.caFiles ?? []).map((file) => ({ file })) },
    timeouts: { connectMs: 2000, headersMs: 3000, bodyMs: 3000, attemptMs: 4000, callMs: 10000 },
    retries: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    unknownKeys: options.unknownKeys ?? "strict",
    ...options.overrides,
  };
}
