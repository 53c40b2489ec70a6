/**
 * Measures what the client runtime adds to one call. `VendorRuntime.call` (request building,
 * breaker, retry policy, time limits, body limit, content-type check and zod validation) is timed
 * against a bare `undici` request that sends the same headers, checks the status and parses the
 * body with JSON.parse. Both go to the same loopback HTTPS server in this process over kept-alive
 * connections, and the benchmark checks before it measures that both put the same request on the
 * wire and get the same data back. `node dist/bench/runtime-overhead.js` prints a Markdown table.
 */
import { deepStrictEqual } from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { Agent } from "undici";
import { z } from "zod";
import { parsePolicy } from "../src/policy/load.js";
import { toRuntimeConfig } from "../src/policy/runtime-config.js";
import { VendorRuntime } from "../src/runtime/index.js";
import type { ApiResponse, OperationSpec, RuntimeConfig } from "../src/runtime/index.js";
import { createTestCertificates } from "../test/support/https-server.js";
import { startBenchServer, type BenchServer } from "./runtime-overhead-server.js";

/** The measurement of one body size. */
export interface Result {
  /** Body size as the table shows it, e.g. `1 KB`. */
  body: string;
  bodyBytes: number;
  /** Measured calls of each kind over all rounds, after the warm-up calls. */
  iterations: number;
  rounds: number;
  /** Median time of one bare undici request with status check and JSON.parse, in microseconds. */
  rawMedianUs: number;
  /** Median time of one `VendorRuntime.call`, in microseconds. */
  runtimeMedianUs: number;
  /**
   * The median over the rounds of each round's `(runtime - raw) / raw` of medians, in percent.
   * A round compares calls made within a few seconds of each other, so load that changes from
   * one round to the next cancels out. The ratio of the medians over all rounds can fall outside
   * every round's value when the load drifts.
   */
  overheadPercent: number;
  /** Lowest and highest overhead of a single round, in percent. */
  roundOverheadPercent: { min: number; max: number };
}

// The headers VendorRuntime.call sends for the operations below, so that the bare request puts
// the same bytes on the wire; `assertSameRequests` checks it.
const sameHeaders = {
  accept: "application/json",
  "accept-encoding": "gzip, deflate, br",
  authorization: "Bearer bench-token",
};

// Item counts chosen so that the JSON bodies come to about 1 KB and 1 MB.
const cases = [
  { body: "1 KB", path: "/small", items: 18, warmup: 1000, rounds: 5, callsPerRound: 2000 },
  { body: "1 MB", path: "/large", items: 16_600, warmup: 20, rounds: 5, callsPerRound: 60 },
];
type BodyCase = (typeof cases)[number];

const Item = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  tags: z.array(z.string()),
  active: z.boolean(),
});
const ItemPage = z.strictObject({ items: z.array(Item) });

type Call = () => Promise<unknown>;

/** Runs the benchmark for a 1 KB and a 1 MB JSON body and returns one result for each. */
export async function runRuntimeOverheadBench(): Promise<Result[]> {
  const certificates = createTestCertificates();
  const bodies = new Map(cases.map((entry) => [entry.path, buildBody(entry.items)]));
  const server = await startBenchServer(certificates, bodies);
  const runtime = new VendorRuntime(benchConfig(server.origin), {
    ca: certificates.caPem,
    env: { BENCH_TOKEN: "bench-token" },
  });
  const agent = new Agent({ connect: { ca: certificates.caPem } });
  try {
    const results: Result[] = [];
    for (const entry of cases) {
      const bodyBytes = bodies.get(entry.path)!.byteLength;
      // Neither call is wrapped in an async function of its own, so neither pays for one.
      const operation = listItems(entry.path);
      const viaRuntime = () => runtime.call(operation);
      const viaUndici = () => requestBare(agent, server.origin, entry.path);
      await assertSameRequests(server, viaRuntime, viaUndici);
      results.push(await measureCase(entry, bodyBytes, viaRuntime, viaUndici));
    }
    return results;
  } finally {
    await runtime.close();
    await agent.close();
    await server.close();
    certificates.remove();
  }
}

/** Sends the bare request, checks its status and parses its body: the least a careful caller does. */
async function requestBare(agent: Agent, origin: string, path: string): Promise<unknown> {
  const response = await agent.request({ origin, path, method: "GET", headers: sameHeaders });
  const text = await response.body.text();
  if (response.statusCode !== 200) {
    throw new Error(`bare request to ${path} returned status ${response.statusCode}`);
  }
  return JSON.parse(text) as unknown;
}

/**
 * Throws unless both kinds of call send the same request line and headers over the same TLS
 * version and cipher, and return the same data, so that the timing compares equal work.
 */
async function assertSameRequests(server: BenchServer, viaRuntime: Call, viaUndici: Call) {
  const runtimeData = ((await viaRuntime()) as ApiResponse).data;
  const runtimeRequest = server.lastRequest();
  const bareData = await viaUndici();
  const bareRequest = server.lastRequest();
  deepStrictEqual(runtimeRequest, bareRequest, "both calls must send the same request");
  deepStrictEqual(runtimeData, bareData, "both calls must return the same data");
}

async function measureCase(
  entry: BodyCase,
  bodyBytes: number,
  viaRuntime: Call,
  viaUndici: Call,
): Promise<Result> {
  for (let index = 0; index < entry.warmup; index++) {
    await viaRuntime();
    await viaUndici();
  }
  const runtimeUs: number[] = [];
  const rawUs: number[] = [];
  const roundOverheads: number[] = [];
  for (let round = 0; round < entry.rounds; round++) {
    const roundRuntimeUs: number[] = [];
    const roundRawUs: number[] = [];
    for (let index = 0; index < entry.callsPerRound; index++) {
      // Alternating which call goes first keeps drift (GC, CPU frequency, other load) and the
      // garbage one call leaves for the next from favouring either.
      if (index % 2 === 0) {
        roundRuntimeUs.push(await timeUs(viaRuntime));
        roundRawUs.push(await timeUs(viaUndici));
      } else {
        roundRawUs.push(await timeUs(viaUndici));
        roundRuntimeUs.push(await timeUs(viaRuntime));
      }
    }
    roundOverheads.push(overhead(median(roundRuntimeUs), median(roundRawUs)));
    runtimeUs.push(...roundRuntimeUs);
    rawUs.push(...roundRawUs);
  }

  const rawMedianUs = median(rawUs);
  const runtimeMedianUs = median(runtimeUs);
  return {
    body: entry.body,
    bodyBytes,
    iterations: entry.rounds * entry.callsPerRound,
    rounds: entry.rounds,
    rawMedianUs,
    runtimeMedianUs,
    overheadPercent: median(roundOverheads),
    roundOverheadPercent: { min: Math.min(...roundOverheads), max: Math.max(...roundOverheads) },
  };
}

/** Formats results as a Markdown table. */
export function formatRuntimeOverheadTable(results: Result[]): string {
  const lines = [
    "| body | bytes | calls | undici + status check + JSON.parse (median) | VendorRuntime.call (median) | overhead (median of rounds) | overhead of single rounds |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const result of results) {
    const { min, max } = result.roundOverheadPercent;
    lines.push(
      `| ${result.body} | ${result.bodyBytes} | ${result.iterations} | ` +
        `${formatUs(result.rawMedianUs)} | ${formatUs(result.runtimeMedianUs)} | ` +
        `${result.overheadPercent.toFixed(1)}% | ` +
        `${min.toFixed(1)}% to ${max.toFixed(1)}% (${result.rounds} rounds) |`,
    );
  }
  return lines.join("\n");
}

function buildBody(items: number): Buffer {
  const item = (id: number) => ({ id, name: `item-${id}`, tags: ["a", "b"], active: id % 2 === 0 });
  return Buffer.from(JSON.stringify({ items: Array.from({ length: items }, (_, id) => item(id)) }));
}

function listItems(path: string): OperationSpec {
  return {
    operationId: `list${path}`,
    method: "GET",
    path,
    parameters: [],
    responses: [
      { status: "200", kind: "json", mediaTypes: ["application/json"], schema: ItemPage },
    ],
    auth: true,
  };
}

/** Resolves a minimal policy for `origin`, so every other key has its default. */
function benchConfig(origin: string): RuntimeConfig {
  const policy = [
    "vendor: { name: bench, owner: bench, purpose: bench, owningService: bench, dataClassification: [public] }",
    `baseUrl: ${origin}`,
    `allowedHosts: ["${new URL(origin).host}"]`,
    "auth: { scheme: bearer, secret: { env: BENCH_TOKEN } }",
  ].join("\n");
  return toRuntimeConfig(parsePolicy(policy, "bench.policy.yaml"));
}

async function timeUs(run: Call): Promise<number> {
  const startedAt = performance.now();
  await run();
  return (performance.now() - startedAt) * 1000;
}

function overhead(runtimeUs: number, rawUs: number): number {
  return ((runtimeUs - rawUs) / rawUs) * 100;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function formatUs(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} ms` : `${value.toFixed(0)} µs`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runRuntimeOverheadBench();
  console.log(formatRuntimeOverheadTable(results));
}
