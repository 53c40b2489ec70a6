/**
 * The whole pipeline for one vendor: load the document and policy, build the model, emit the
 * files, format them and write them. `renderClient` stops before writing, so `check` can compare
 * in memory.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { emitClientFile, emitIndexFile } from "./emit/client-file.js";
import { jsonLiteral } from "./emit/literal.js";
import { emitOperationsFile } from "./emit/operations-file.js";
import { emitSchemasFile, type SchemaTyping } from "./emit/schemas-file.js";
import { emitTypesFile } from "./emit/types-file.js";
import { formatFiles } from "./format/format-files.js";
import { buildModel, excludedPointerTest, listOperations } from "./model/build.js";
import { toPascalCase } from "./model/names.js";
import { compareCodeUnits } from "./model/registry.js";
import type { ApiModel, JsonValue } from "./model/types.js";
import { createPolicyError, loadPolicy } from "./policy/load.js";
import { findOperationKeyProblems, toRuntimeConfig } from "./policy/runtime-config.js";
import { loadSpec, validateSpec } from "./spec/load.js";
import { PACKAGE_ROOT, VENDORGUARD_VERSION } from "./version.js";
import { VendorguardError } from "./errors.js";
import { fileHeader } from "./write/header.js";
import { type OutputFile, writeOutput } from "./write/atomic.js";

export interface GenerateRequest {
  specPath: string;
  policyPath: string;
  outDir: string;
  /** Replaces an output folder that holds files vendorguard did not write. */
  force?: boolean;
  /** Largest document file accepted, in bytes. */
  maxDocumentBytes?: number;
  /** Hosts (`host` or `host:port`) whose https documents `$ref`s may fetch. Default: none. */
  allowRemoteRefHosts?: string[];
  /** The way `schemas.ts` ties schemas to their types (`generate` writes `unchecked`); see `SchemaTyping`. */
  schemaTyping?: SchemaTyping;
}

export interface RenderedClient {
  files: OutputFile[];
  model: ApiModel;
  className: string;
  /** `vendor.name` from the policy. */
  vendorName: string;
  specSha256: string;
  policySha256: string;
}

export interface GenerateResult extends RenderedClient {
  outDir: string;
  durationMs: number;
}

/** The emitted files of a client before formatting, with what the header and result need. */
export interface EmittedClient extends Omit<RenderedClient, "files"> {
  /** The emitted files, not yet formatted. */
  sources: OutputFile[];
  /** The runtime's files, copied as they are: `src/runtime` is kept prettier-formatted, which a test checks. */
  runtime: OutputFile[];
  header: string;
}

/** Runs every stage up to emitting, returning the unformatted files. */
export async function emitClient(request: GenerateRequest): Promise<EmittedClient> {
  const loadedPolicy = await loadPolicy(request.policyPath);
  const policy = loadedPolicy.policy;
  const selection = { include: policy.operations.include, exclude: policy.operations.exclude };
  const spec = await loadSpec(request.specPath, {
    ...(request.maxDocumentBytes === undefined ? {} : { maxBytes: request.maxDocumentBytes }),
    ...(request.allowRemoteRefHosts === undefined ? {} : { allowRemoteRefHosts: request.allowRemoteRefHosts }),
  });
  const documentOperations = listOperations(spec);
  const keyProblems = findOperationKeyProblems(policy, documentOperations);
  if (keyProblems.length > 0) throw createPolicyError(loadedPolicy, keyProblems);
  await validateSpec(spec, excludedPointerTest(spec, selection));
  const runtime = await runtimeSources();
  const model = buildModel(spec, selection, runtimeExportNames(runtime));

  const className = `${toPascalCase(policy.vendor.name)}Client`;
  const header = fileHeader({
    generatorVersion: VENDORGUARD_VERSION,
    specTitle: model.title,
    specVersion: model.version,
    specSha256: spec.sha256,
    policySha256: loadedPolicy.sha256,
  });
  const runtimeConfig = toRuntimeConfig(policy, documentOperations);
  const sources: OutputFile[] = [
    { path: "client.ts", content: emitClientFile(model, className, policy.vendor.name) },
    { path: "index.ts", content: emitIndexFile(className) },
    { path: "operations.ts", content: emitOperationsFile(model) },
    {
      path: "policy.ts",
      content: `import type { RuntimeConfig } from "./runtime/index.js";\n\n/** The resolved policy this client enforces. */\nexport const runtimeConfig: RuntimeConfig = ${jsonLiteral(runtimeConfig as unknown as JsonValue)};\n`,
    },
    { path: "schemas.ts", content: emitSchemasFile(model, policy.unknownKeys, request.schemaTyping) },
    { path: "types.ts", content: emitTypesFile(model) },
  ];
  return {
    sources,
    runtime,
    header,
    model,
    className,
    vendorName: policy.vendor.name,
    specSha256: spec.sha256,
    policySha256: loadedPolicy.sha256,
  };
}

/** Runs every stage but writing, returning the formatted files. */
export async function renderClient(request: GenerateRequest): Promise<RenderedClient> {
  const { sources, runtime, header, ...rest } = await emitClient(request);
  // Statement-per-blank-line files from the emitters may be formatted in chunks; the others whole.
  const chunkable = new Set(["schemas.ts", "types.ts", "operations.ts"]);
  const formatted = await formatFiles(sources.map((file) => ({ ...file, chunkable: chunkable.has(file.path) })));
  const files = [...sources.map((file, index) => ({ path: file.path, content: formatted[index]! })), ...runtime].map((file) => ({
    path: file.path,
    content: `${header}\n${file.content}`,
  }));
  files.sort((a, b) => compareCodeUnits(a.path, b.path));
  return { files, ...rest };
}

/** Renders a client and replaces the output folder with it. */
export async function generateClient(request: GenerateRequest): Promise<GenerateResult> {
  const started = performance.now();
  assertSafeOutput(request);
  const rendered = await renderClient(request);
  await writeOutput(request.outDir, rendered.files, { force: request.force ?? false });
  return { ...rendered, outDir: request.outDir, durationMs: performance.now() - started };
}

/**
 * Rejects an output folder whose replacement would delete the inputs or the folder the user
 * works in, even with `--force`: the folder is replaced as a whole.
 */
function assertSafeOutput(request: GenerateRequest): void {
  const out = path.resolve(request.outDir);
  const contains = (folder: string, target: string): boolean => {
    const relative = path.relative(folder, target);
    return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
  };
  const endangered = [
    { what: "the spec", file: path.resolve(request.specPath) },
    { what: "the policy", file: path.resolve(request.policyPath) },
    { what: "the current folder", file: process.cwd() },
  ].find((input) => contains(out, input.file));
  if (endangered) {
    throw new VendorguardError(
      "unsafe_output",
      `--out ${request.outDir} contains ${endangered.what} (${endangered.file}), and generating replaces the whole output folder. Choose a folder of its own, such as generated/<vendor>.`,
    );
  }
}

/** Names exported by the runtime's `index.ts`, which the client's index re-exports. */
function runtimeExportNames(runtime: OutputFile[]): string[] {
  const index = runtime.find((file) => file.path === "runtime/index.ts")?.content ?? "";
  const names: string[] = [];
  for (const block of index.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
    for (const item of block[1]!.split(",")) {
      const name = item.trim().replace(/^type\s+/, "").split(/\s+as\s+/).pop()!.trim();
      if (name) names.push(name);
    }
  }
  return names;
}

/** Reads the runtime's TypeScript sources, which are copied unchanged into `runtime/` of every client. */
async function runtimeSources(): Promise<OutputFile[]> {
  const dir = path.join(PACKAGE_ROOT, "src", "runtime");
  const names = (await readdir(dir)).filter((name) => name.endsWith(".ts")).sort();
  return Promise.all(names.map(async (name) => ({ path: `runtime/${name}`, content: await readFile(path.join(dir, name), "utf8") })));
}
