/**
 * Measures what the client runtime adds to one call. `VendorRuntime.call` (request building,
 * breaker, retry policy, time limits, body limit and zod validation) is timed against a bare
 * `undici` request with the same headers whose body is parsed with JSON.parse. Both go to the
 * same loopback HTTPS server in this process. `node dist/bench/runtime-overhead.js` prints a
 * Markdown table.
 */
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { Agent } from "undici";
import { z } from "zod";
import { parsePolicy } from "../src/policy/load.js";
import { toRuntimeConfig } from "../src/policy/runtime-config.js";
import { VendorRuntime } from "../src/runtime/index.js";
import type { OperationSpec, RuntimeConfig } from "../src/runtime/index.js";
import { createTestCertificates, type TestCertificates } from "../test/support/https-server.js";

/** The measurement of one body size. */
export interface Result {
  /** Body size as the table shows it, e.g. `1 KB`. */
  body: string;
  bodyBytes: number;
  /** Measured calls of each kind, after the warm-up calls. */
  iterations: number;
  /** Median time of one bare undici request plus JSON.parse, in microseconds. */
  rawMedianUs: number;
  /** Median time of one `VendorRuntime.call`, in microseconds. */
  runtimeMedianUs: number;
  /** `(runtime - raw) / raw`, in percent. */
  overheadPercent: number;
}

// The headers VendorRuntime.call sends for the operations below, so that the bare request puts
// the same bytes on the wire and the comparison measures the runtime's own work.
const sameHeaders = {
  accept: "application/json",
  "accept-encoding": "gzip, deflate, br",
  authorization: "Bearer bench-token",
};

// Item counts chosen so that the JSON bodies come to about 1 KB and 1 MB.
const cases = [
  { body: "1 KB", path: "/small", items: 18, warmup: 500, iterations: 5000 },
  { body: "1 MB", path: "/large", items: 16_600, warmup: 20, iterations: 300 },
];
type BodyCase = (typeof cases)[number];

const Item = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  tags: z.array(z.string()),
  active: z.boolean(),
});
const ItemPage = z.strictObject({ items: z.array(Item) });

/** Runs the benchmark for a 1 KB and a 1 MB JSON body and returns one result for each. */
export async function runRuntimeOverheadBench(): Promise<Result[]> {
  const certificates = createTestCertificates();
  const bodies = new Map(cases.map((entry) => [entry.path, buildBody(entry.items)]));
  const server = await startServer(certificates, bodies);
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const runtime = new VendorRuntime(benchConfig(origin), {
    ca: certificates.caPem,
    env: { BENCH_TOKEN: "bench-token" },
  });
  const agent = new Agent({ connect: { ca: certificates.caPem } });
  try {
    const results: Result[] = [];
    for (const entry of cases) {
      const bodyBytes = bodies.get(entry.path)!.byteLength;
      results.push(await measureCase(entry, bodyBytes, runtime, agent, origin));
    }
    return results;
  } finally {
    await runtime.close();
    await agent.close();
    await new Promise((resolve) => server.close(resolve));
    certificates.remove();
  }
}

async function measureCase(
  entry: BodyCase,
  bodyBytes: number,
  runtime: VendorRuntime,
  agent: Agent,
  origin: string,
): Promise<Result> {
  const operation = listItems(entry.path);
  const viaRuntime = () => runtime.call(operation);
  const viaUndici = async () => {
    const request = { origin, path: entry.path, method: "GET", headers: sameHeaders } as const;
    const response = await agent.request(request);
    return JSON.parse(await response.body.text()) as unknown;
  };

  for (let index = 0; index < entry.warmup; index++) {
    await viaRuntime();
    await viaUndici();
  }
  // Alternating the two keeps drift (GC, CPU frequency, other load) from favouring either.
  const runtimeUs: number[] = [];
  const rawUs: number[] = [];
  for (let index = 0; index < entry.iterations; index++) {
    runtimeUs.push(await timeUs(viaRuntime));
    rawUs.push(await timeUs(viaUndici));
  }

  const rawMedianUs = median(rawUs);
  const runtimeMedianUs = median(runtimeUs);
  return {
    body: entry.body,
    bodyBytes,
    iterations: entry.iterations,
    rawMedianUs,
    runtimeMedianUs,
    overheadPercent: ((runtimeMedianUs - rawMedianUs) / rawMedianUs) * 100,
  };
}

/** Formats results as a Markdown table. */
export function formatRuntimeOverheadTable(results: Result[]): string {
  const lines = [
    "| body | bytes | calls | undici + JSON.parse (median) | VendorRuntime.call (median) | overhead |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const result of results) {
    lines.push(
      `| ${result.body} | ${result.bodyBytes} | ${result.iterations} | ` +
        `${formatUs(result.rawMedianUs)} | ${formatUs(result.runtimeMedianUs)} | ` +
        `${result.overheadPercent.toFixed(1)}% |`,
    );
  }
  return lines.join("\n");
}

function buildBody(items: number): Buffer {
  const item = (id: number) => ({ id, name: `item-${id}`, tags: ["a", "b"], active: id % 2 === 0 });
  return Buffer.from(JSON.stringify({ items: Array.from({ length: items }, (_, id) => item(id)) }));
}

async function startServer(
  certificates: TestCertificates,
  bodies: Map<string, Buffer>,
): Promise<Server> {
  const server = createServer(
    { key: certificates.serverKeyPem, cert: certificates.serverCertPem },
    (request, response) => {
      const body = bodies.get(request.url ?? "") ?? Buffer.from("{}");
      response.writeHead(200, {
        "content-type": "application/json",
        "content-length": body.byteLength,
      });
      response.end(body);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
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

async function timeUs(run: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  await run();
  return (performance.now() - startedAt) * 1000;
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
