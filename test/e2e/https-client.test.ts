/**
 * A generated client against a loopback HTTPS server whose certificate is trusted only through
 * the policy's `tls.ca` file: typed results, strict validation, retries, timeouts, the circuit
 * breaker and blocked redirects, all through the real generator, tsc, runtime and undici.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import {
  generateClients,
  methodOf,
  testPolicy,
  type GeneratedClient,
  type GeneratedClients,
  type LooseClient,
} from "../support/generated-client.js";
import {
  createTestCertificates,
  startHttpsServer,
  type TestCertificates,
  type TestServer,
} from "../support/https-server.js";

/** A small inventory API: one widget by id, with a problem body for 404. */
const WIDGET_SPEC = {
  openapi: "3.0.3",
  info: { title: "Widget Inventory", version: "2.1.0" },
  servers: [{ url: "https://127.0.0.1/api" }],
  paths: {
    "/widgets/{id}": {
      get: {
        operationId: "getWidget",
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
        ],
        responses: {
          "200": {
            description: "The widget",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } },
          },
          "404": {
            description: "No such widget",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Problem" } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Widget: {
        type: "object",
        required: ["id", "name", "stock"],
        properties: {
          id: { type: "integer", minimum: 1 },
          name: { type: "string", maxLength: 100 },
          stock: { type: "integer", minimum: 0 },
          tags: { type: "array", items: { type: "string" } },
        },
      },
      Problem: { type: "object", required: ["title"], properties: { title: { type: "string" } } },
    },
  },
};

const WIDGET = { id: 7, name: "sprocket", stock: 12, tags: ["steel"] };

/** Compiled with the client, so tsc checks that results carry the declared types. */
const TYPE_PROBE = `import type { WidgetsClient } from "../widgets/index.js";

/** Never called: tsc checks it against the generated types. */
export async function probe(client: WidgetsClient): Promise<void> {
  const result = await client.getWidget({ path: { id: 7 } });
  const status: 200 = result.status;
  const stock: number = result.data.stock;
  const tags: string[] | undefined = result.data.tags;
  // @ts-expect-error id is an integer
  await client.getWidget({ path: { id: "7" } });
  void [status, stock, tags];
}
`;

const TOKEN = "e2e-token-5d1c";

describe("generated client over HTTPS", () => {
  let certificates: TestCertificates;
  let server: TestServer;
  /** A second origin, the target of blocked redirects: it must never see a request. */
  let redirectTarget: TestServer;
  let inputFolder: string;
  let clients: GeneratedClients;
  let widgets: GeneratedClient;
  const instances: LooseClient[] = [];

  before(async () => {
    certificates = createTestCertificates();
    server = await startHttpsServer(certificates);
    redirectTarget = await startHttpsServer(certificates, (_request, response) =>
      response.end("{}"),
    );
    inputFolder = await mkdtemp(path.join(tmpdir(), "vendorguard-e2e-"));
    const caFile = path.join(inputFolder, "ca.pem");
    await writeFile(caFile, certificates.caPem);
    const specPath = path.join(inputFolder, "widgets.json");
    await writeFile(specPath, JSON.stringify(WIDGET_SPEC, null, 2));

    const policy = testPolicy({
      vendor: "Widgets",
      baseUrl: `${server.origin}/api`,
      caFiles: [caFile],
      overrides: {
        auth: { scheme: "bearer", secret: { env: "WIDGETS_TOKEN" } },
        timeouts: { attemptMs: 500, callMs: 3000 },
        retries: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
        circuitBreaker: { failureThreshold: 3, halfOpenAfterMs: 500 },
      },
    });
    clients = await generateClients(
      "e2e-https",
      [{ name: "widgets", specPath, policy }],
      [{ path: "probes/widgets.ts", content: TYPE_PROBE }],
    );
    widgets = clients.get("widgets");
  });

  after(async () => {
    for (const instance of instances) await instance.close();
    await server?.close();
    await redirectTarget?.close();
    certificates?.remove();
    if (inputFolder) await rm(inputFolder, { recursive: true, force: true });
    await clients?.remove();
  });

  /** Creates a client instance, so that each test starts with a closed circuit breaker. */
  function createClient(): LooseClient {
    const instance = widgets.create({ env: { WIDGETS_TOKEN: TOKEN } });
    instances.push(instance);
    return instance;
  }

  function getWidget(client: LooseClient, id = 7) {
    return methodOf(client, "getWidget")({ path: { id } });
  }

  function isError(name: string): (value: unknown) => boolean {
    const found = widgets.module[name];
    if (typeof found !== "function")
      throw new Error(`the generated client does not export ${name}`);
    return found as (value: unknown) => boolean;
  }

  function replyJson(status: number, body: unknown): void {
    server.handle((_request, response) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    });
  }

  test("valid response comes back typed", async () => {
    const client = createClient();
    replyJson(200, WIDGET);
    const before = server.requests.length;

    const result = await getWidget(client);

    assert.equal(result.status, 200);
    assert.deepEqual(result.data, WIDGET);
    assert.equal(server.requests.length - before, 1);
    const request = server.requests.at(-1)!;
    assert.equal(request.url, "/api/widgets/7");
    assert.equal(request.headers.authorization, `Bearer ${TOKEN}`);
  });

  test("extra key is rejected under strict", async () => {
    const client = createClient();
    replyJson(200, { ...WIDGET, discount: 5 });

    const error = await getWidget(client).catch((caught: unknown) => caught);

    assert.ok(isError("isResponseValidationError")(error), `got ${String(error)}`);
    const issues = (error as { issues: Array<{ code: string }> }).issues;
    assert.equal(issues[0]?.code, "unrecognized_keys");
  });

  test("wrong type is rejected", async () => {
    const client = createClient();
    replyJson(200, { ...WIDGET, stock: "12" });

    const error = await getWidget(client).catch((caught: unknown) => caught);

    assert.ok(isError("isResponseValidationError")(error), `got ${String(error)}`);
    const issues = (error as { issues: Array<{ path: unknown[] }> }).issues;
    assert.deepEqual(issues[0]?.path, ["stock"]);
  });

  test("404 carries the problem body", async () => {
    const client = createClient();
    replyJson(404, { title: "no widget 9" });
    const before = server.requests.length;

    const error = await getWidget(client, 9).catch((caught: unknown) => caught);

    assert.ok(isError("isHttpStatusError")(error), `got ${String(error)}`);
    assert.equal((error as { status: number }).status, 404);
    assert.deepEqual((error as { body: unknown }).body, { title: "no widget 9" });
    assert.equal(server.requests.length - before, 1, "a 404 was retried");
  });

  test("503 then 200 is retried", async () => {
    const client = createClient();
    let served = 0;
    server.handle((_request, response) => {
      served++;
      const status = served === 1 ? 503 : 200;
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(status === 200 ? WIDGET : { title: "busy" }));
    });

    const result = await getWidget(client);

    assert.equal(result.status, 200);
    assert.deepEqual(result.data, WIDGET);
    assert.equal(served, 2);
  });

  test("server that never answers times out", async () => {
    const client = createClient();
    const before = server.requests.length;
    server.handle(() => {});

    const error = await getWidget(client).catch((caught: unknown) => caught);

    assert.ok(isError("isTimeoutError")(error), `got ${String(error)}`);
    assert.equal((error as { phase: string }).phase, "attempt");
    assert.equal((error as { attempts: number }).attempts, 3);
    assert.equal(server.requests.length - before, 3);
  });

  test("breaker opens and fails fast", async () => {
    const client = createClient();
    replyJson(503, { title: "down" });

    for (let call = 1; call <= 3; call++) {
      const error = await getWidget(client).catch((caught: unknown) => caught);
      assert.ok(isError("isHttpStatusError")(error), `call ${call}: got ${String(error)}`);
    }
    assert.equal(client.health().breaker, "open");

    const before = server.requests.length;
    const error = await getWidget(client).catch((caught: unknown) => caught);
    assert.ok(isError("isCircuitOpenError")(error), `got ${String(error)}`);
    assert.equal(server.requests.length, before, "an open breaker let a request through");

    // After halfOpenAfterMs one probe goes through, and its success closes the breaker again.
    await sleep(600);
    replyJson(200, WIDGET);
    const probe = await getWidget(client);
    assert.equal(probe.status, 200);
    assert.equal(server.requests.length - before, 1);
    assert.equal(client.health().breaker, "closed");
  });

  test("302 to another origin is blocked", async () => {
    const client = createClient();
    const target = `${redirectTarget.origin}/steal`;
    server.handle((_request, response) => {
      response.writeHead(302, { location: target });
      response.end();
    });
    const before = server.requests.length;

    const error = await getWidget(client).catch((caught: unknown) => caught);

    assert.ok(isError("isRedirectBlockedError")(error), `got ${String(error)}`);
    const targetHost = new URL(target).host;
    assert.equal((error as { targetHost: string }).targetHost, targetHost);
    assert.match((error as Error).message, new RegExp(targetHost.replaceAll(".", "\\.")));
    assert.equal(server.requests.length - before, 1);
    assert.equal(redirectTarget.requests.length, 0, "the redirect was followed");
  });
});
