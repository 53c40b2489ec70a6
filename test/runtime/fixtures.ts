/**
 * Shared pieces of the runtime tests: a resolved policy with small time limits for a loopback
 * server, and helpers to build operations and collect events.
 */
import { z } from "zod";
import type { CircuitBreakerConfig, RuntimeConfig } from "../../src/runtime/config.js";
import type { RuntimeEvent } from "../../src/runtime/events.js";
import type { OperationSpec, ResponseSpec } from "../../src/runtime/operation.js";

/** Returns a policy for `origin` with short timeouts and fast retries; `changes` override it. */
export function testConfig(origin: string, changes: Partial<RuntimeConfig> = {}): RuntimeConfig {
  return {
    vendor: "testvendor",
    baseUrl: origin,
    allowedHosts: [],
    allowInsecureHttp: false,
    auth: { scheme: "bearer", secret: { env: "TEST_TOKEN" } },
    tls: { minVersion: "TLSv1.2", ca: [] },
    timeouts: {
      connectMs: 2_000,
      headersMs: 2_000,
      bodyMs: 2_000,
      attemptMs: 3_000,
      callMs: 8_000,
    },
    retries: {
      maxAttempts: 3,
      baseDelayMs: 10,
      maxDelayMs: 50,
      jitter: "full",
      statuses: [429, 502, 503, 504],
      methods: ["GET", "PUT", "DELETE", "HEAD", "OPTIONS"],
      retryAfterCapMs: 2_000,
      // Large enough that no test runs out of it unless it sets its own budget.
      budget: { ratio: 10, minPerSecond: 1_000, windowMs: 10_000 },
    },
    circuitBreaker: testBreaker(),
    redirects: { mode: "none" },
    maxResponseBytes: 64 * 1024,
    operations: {},
    ...changes,
  };
}

/** Returns circuit breaker settings: consecutive, client-wide, with `changes` on top. */
export function testBreaker(changes: Partial<CircuitBreakerConfig> = {}): CircuitBreakerConfig {
  return {
    mode: "consecutive",
    failureThreshold: 5,
    halfOpenAfterMs: 30_000,
    rate: { threshold: 0.5, minimumCalls: 10, windowMs: 10_000 },
    scope: "client",
    countValidationFailures: false,
    ...changes,
  };
}

/** The environment the tests give the runtime instead of process.env. */
export const testEnv = { TEST_TOKEN: "tok-SECRET-4f9a1c" };

export const Pet = z.strictObject({ id: z.number().int(), name: z.string() });
export const ApiProblem = z.object({ message: z.string() });

/** Returns a JSON response spec for `status`, validated by `schema` when one is given. */
export function jsonResponse(status: string, schema?: z.ZodType): ResponseSpec {
  return { status, kind: "json", mediaTypes: ["application/json"], ...(schema ? { schema } : {}) };
}

/** GET /pets/{id} returning a Pet, with a 404 error body. */
export const getPet: OperationSpec = {
  operationId: "getPet",
  method: "GET",
  path: "/pets/{id}",
  parameters: [{ name: "id", in: "path", required: true, style: "simple", explode: false }],
  responses: [jsonResponse("200", Pet), jsonResponse("404", ApiProblem)],
  auth: true,
};

/** POST /pets with a JSON body, returning the created Pet. */
export const createPet: OperationSpec = {
  operationId: "createPet",
  method: "POST",
  path: "/pets",
  parameters: [],
  requestBody: { mediaType: "application/json", kind: "json", required: true },
  responses: [jsonResponse("201", Pet)],
  auth: true,
};

/** Returns a listener that stores every event, and the array it fills. */
export function collectEvents(): {
  events: RuntimeEvent[];
  onEvent: (event: RuntimeEvent) => void;
} {
  const events: RuntimeEvent[] = [];
  return { events, onEvent: (event) => events.push(event) };
}

/** Sends `body` as JSON with the given status. */
export function sendJson(
  response: import("node:http").ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(text);
}
