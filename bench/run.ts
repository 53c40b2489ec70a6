/**
 * `npm run bench`: measures generation, type-checking and the runtime's per-call overhead, side
 * by side with openapi-typescript on the same documents, and writes BENCHMARKS.md. Every number
 * is a whole child process measured with GNU time, so tools are compared the same way.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { measure, median, type Measurement } from "./measure.js";
import { syntheticSpec } from "./synthetic-spec.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WORK = path.join(ROOT, ".test-output", "bench");
const CLI = path.join(ROOT, "dist/src/cli/main.js");
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");
const OPENAPI_TYPESCRIPT = path.join(ROOT, "node_modules/openapi-typescript/bin/cli.js");

/** The big real documents: GitHub's from its npm package, the others from the test fixtures. */
const DOCUMENTS = [
  { name: "GitHub (api.github.com, @octokit/openapi 23.0.2)", file: path.join(ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json") },
  { name: "Stripe (spec3.yaml, 2023-09-12)", file: "specs/stripe/spec3.yaml" },
  { name: "Kubernetes (swagger.json)", file: "specs/kubernetes/swagger.json" },
  { name: "OpenAI (openapi.yaml)", file: "specs/openai/openapi.yaml" },
];

const SCALING_SIZES = [100, 500, 1000, 2500, 5000];

/** Rounds of each side-by-side measurement; the tables show medians. */
const ROUNDS = 3;

interface DocumentRow {
  name: string;
  cold: Measurement;
  /** Medians over `ROUNDS` runs, each run next to one of openapi-typescript's. */
  warm: Measurement;
  tsc: Measurement;
  /** Absent when openapi-typescript cannot read the document (it reads OpenAPI 3 only). */
  baseline?: Measurement;
  baselineTsc?: Measurement;
}

async function main(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  execFileSync("tar", ["xzf", path.join(ROOT, "test/fixtures/specs.tar.gz"), "-C", WORK]);
  const policy = writePolicy();

  const rows: DocumentRow[] = [];
  for (const document of DOCUMENTS) {
    const file = resolveDocument(document.file);
    process.stderr.write(`bench: ${document.name}\n`);
    rows.push(measureDocument(document.name, file, policy, rows.length));
  }
  const check = measureCheck(resolveDocument(DOCUMENTS[0]!.file), policy);
  const scaling = measureScaling(policy);
  const overhead = await measureRuntimeOverhead();
  writeFileSync(path.join(ROOT, "BENCHMARKS.md"), report(rows, check, scaling, overhead));
  process.stderr.write("bench: wrote BENCHMARKS.md\n");
}

/** Returns the path of a benchmark document: GitHub's is absolute, the others are in the unpacked fixtures. */
function resolveDocument(file: string): string {
  return path.isAbsolute(file) ? file : path.join(WORK, file);
}

function measureDocument(name: string, file: string, policy: string, index: number): DocumentRow {
  const out = path.join(WORK, `client-${index}`);
  const generate = [process.execPath, CLI, "generate", "--spec", file, "--policy", policy, "--out", out, "--force", "--silent"];
  const typesFile = path.join(WORK, `openapi-typescript-${index}`, "types.ts");
  mkdirSync(path.dirname(typesFile), { recursive: true });
  const baselineCommand = [process.execPath, OPENAPI_TYPESCRIPT, file, "--output", typesFile];
  const cold = measure(generate, WORK);
  // The config sits beside the output folder, because every generation replaces that folder.
  const tscCommand = [process.execPath, TSC, "-p", writeTsconfig(WORK, [`${out}/**/*.ts`], `tsconfig.client-${index}.json`)];
  let baselineReadable = true;
  try {
    measure(baselineCommand, WORK);
  } catch (error) {
    baselineReadable = false;
    process.stderr.write(`bench: openapi-typescript failed on ${name}, so it has no baseline: ${(error as Error).message.split("\n")[0]}\n`);
  }
  const baselineTscCommand = [process.execPath, TSC, "-p", writeTsconfig(path.dirname(typesFile), [typesFile])];
  // Each round runs both tools one after the other, so that a change in the machine's load
  // affects both sides of a ratio alike.
  const warm: Measurement[] = [];
  const baseline: Measurement[] = [];
  const tsc: Measurement[] = [];
  const baselineTsc: Measurement[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    warm.push(measure(generate, WORK));
    if (baselineReadable) baseline.push(measure(baselineCommand, WORK));
    tsc.push(measure(tscCommand, WORK));
    if (baselineReadable) baselineTsc.push(measure(baselineTscCommand, WORK));
  }
  const row: DocumentRow = { name, cold, warm: medianOf(warm), tsc: medianOf(tsc) };
  if (baselineReadable) {
    row.baseline = medianOf(baseline);
    row.baselineTsc = medianOf(baselineTsc);
  }
  return row;
}

/** Returns the median time and the median peak memory of several runs. */
function medianOf(runs: Measurement[]): Measurement {
  return { seconds: median(runs.map((run) => run.seconds)), peakMiB: median(runs.map((run) => run.peakMiB)) };
}

interface CheckRow {
  generate: Measurement;
  check: Measurement;
}

/** `vendorguard check` on an unchanged repository of one vendor, against generating that vendor. */
function measureCheck(file: string, policy: string): CheckRow {
  process.stderr.write("bench: check on an unchanged repository\n");
  const repository = path.join(WORK, "check-repository");
  mkdirSync(repository, { recursive: true });
  const config = path.join(repository, "vendorguard.config.yaml");
  writeFileSync(config, `vendors:\n  - name: bench\n    spec: ${JSON.stringify(file)}\n    policy: ${JSON.stringify(policy)}\n    out: generated/bench\n`);
  const generateCommand = [process.execPath, CLI, "generate", "--config", config, "--silent"];
  const checkCommand = [process.execPath, CLI, "check", "--config", config];
  measure(generateCommand, repository);
  const generate: Measurement[] = [];
  const check: Measurement[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    generate.push(measure(generateCommand, repository));
    check.push(measure(checkCommand, repository));
  }
  return { generate: medianOf(generate), check: medianOf(check) };
}

function measureScaling(policy: string): Array<{ size: number; generation: Measurement }> {
  return SCALING_SIZES.map((size) => {
    process.stderr.write(`bench: synthetic document with ${size} schemas and operations\n`);
    const file = path.join(WORK, `synthetic-${size}.json`);
    writeFileSync(file, JSON.stringify(syntheticSpec(size)));
    const out = path.join(WORK, `synthetic-client-${size}`);
    const generation = measure(
      [process.execPath, CLI, "generate", "--spec", file, "--policy", policy, "--out", out, "--force", "--silent"],
      WORK,
    );
    return { size, generation };
  });
}

async function measureRuntimeOverhead(): Promise<string> {
  const module = path.join(ROOT, "dist/bench/runtime-overhead.js");
  if (!existsSync(module)) return "The runtime overhead benchmark is not built.\n";
  const { runRuntimeOverheadBench, formatRuntimeOverheadTable } = (await import(module)) as {
    runRuntimeOverheadBench(): Promise<unknown>;
    formatRuntimeOverheadTable(results: unknown): string;
  };
  process.stderr.write("bench: runtime per-call overhead\n");
  return formatRuntimeOverheadTable(await runRuntimeOverheadBench());
}

function writePolicy(): string {
  const file = path.join(WORK, "policy.yaml");
  writeFileSync(
    file,
    [
      "vendor: { name: Bench, owner: bench@example.com, purpose: Benchmark, owningService: bench, dataClassification: [internal] }",
      "baseUrl: https://api.example.com",
      "allowedHosts: [api.example.com]",
      "",
    ].join("\n"),
  );
  return file;
}

function writeTsconfig(dir: string, include: string[], name = "tsconfig.bench.json"): string {
  const file = path.join(dir, name);
  const compilerOptions = {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2023"],
    types: ["node"],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  };
  writeFileSync(file, JSON.stringify({ compilerOptions, include }, null, 2));
  return file;
}

function report(rows: DocumentRow[], check: CheckRow, scaling: Array<{ size: number; generation: Measurement }>, overhead: string): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (`bench/run.ts`); rerun it to refresh this page. Each number is one",
    "whole process (`node ...`) measured with GNU `/usr/bin/time`: wall time and peak resident memory.",
    "",
    `Machine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB memory, ${os.type()} ${os.release()}, Node.js ${process.version}.`,
    `Load average when the run ended: ${os.loadavg()[0]!.toFixed(1)} (1 minute).`,
    "",
    "## Generation and type-checking, against openapi-typescript",
    "",
    "`generate` is `vendorguard generate` for the whole client (schemas, types, client, runtime,",
    "formatted); cold is the first run. The other columns are medians of " + String(ROUNDS) + " rounds, each of which runs",
    "vendorguard and openapi-typescript 7.13.0 (types only) one after the other. `tsc` is",
    "`tsc --noEmit --strict` over the output. Targets: generation at most 1.2 times openapi-typescript",
    "with peak memory under 600 MiB; tsc at most 2.5 times its tsc, under 800 MiB, with zero errors.",
    "",
    "| document | generate cold | generate warm | peak memory | tsc | tsc memory | openapi-typescript | its tsc | generate / openapi-typescript | tsc / its tsc |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (row) =>
        `| ${row.name} | ${seconds(row.cold)} | ${seconds(row.warm)} | ${mib(row.warm)} | ${seconds(row.tsc)} | ${mib(row.tsc)} | ${baselineCells(row)} |`,
    ),
    "",
    "## check on an unchanged repository",
    "",
    `\`vendorguard check\` of one vendor (${DOCUMENTS[0]!.name}) whose client is up to date, against \`vendorguard generate\``,
    "of the same vendor; medians of " + String(ROUNDS) + " rounds. Target: check costs no more than one generation.",
    "",
    "| generate | check | check / generate |",
    "| ---: | ---: | ---: |",
    `| ${seconds(check.generate)} (${mib(check.generate)}) | ${seconds(check.check)} (${mib(check.check)}) | ${ratio(check.check.seconds, check.generate.seconds)} |`,
    "",
    "## Scaling with document size",
    "",
    "A synthetic OpenAPI 3.0 document (`bench/synthetic-spec.ts`) with N component schemas and N operations.",
    "",
    "| N | generate | peak memory | milliseconds per schema and operation |",
    "| ---: | ---: | ---: | ---: |",
    ...scaling.map(
      (entry) =>
        `| ${entry.size} | ${seconds(entry.generation)} | ${mib(entry.generation)} | ${((entry.generation.seconds * 1000) / entry.size).toFixed(2)} |`,
    ),
    "",
    "## Runtime per-call overhead",
    "",
    overhead.trimEnd(),
    "",
    "## Commands",
    "",
    "```sh",
    "npm run bench",
    "node dist/src/cli/main.js generate --spec <document> --policy <policy> --out <dir> --force --silent",
    "node node_modules/typescript/bin/tsc -p <dir>/tsconfig.bench.json   # strict, noEmit, skipLibCheck",
    "node node_modules/openapi-typescript/bin/cli.js <document> --output <file>",
    "```",
    "",
  ];
  return lines.join("\n");
}

function baselineCells(row: DocumentRow): string {
  if (!row.baseline || !row.baselineTsc) return "cannot read Swagger 2.0 | | | ";
  const generation = `${seconds(row.baseline)} (${mib(row.baseline)})`;
  const check = `${seconds(row.baselineTsc)} (${mib(row.baselineTsc)})`;
  return `${generation} | ${check} | ${ratio(row.warm.seconds, row.baseline.seconds)} | ${ratio(row.tsc.seconds, row.baselineTsc.seconds)}`;
}

function seconds(measurement: Measurement): string {
  return `${measurement.seconds.toFixed(1)} s`;
}

function mib(measurement: Measurement): string {
  return `${Math.round(measurement.peakMiB)} MiB`;
}

function ratio(value: number, base: number): string {
  return `${(value / base).toFixed(2)}x`;
}

await main();
