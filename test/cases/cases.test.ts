/**
 * Every folder of `test/fixtures/cases/` as a test. Its document is generated into a client with
 * checked schema typing and compiled by tsc together with a type probe. The client is then
 * imported and called against a loopback HTTP server that responds with each body its expect.md
 * lists.
 *
 * The bodies below are transcribed from each case's expect.md as JSON text, so that a key such as
 * `__proto__` reaches the client exactly as a server would send it.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { renderClient } from "../../src/generate.js";
import { toPascalCase } from "../../src/model/names.js";
import type { CallInput } from "../../src/runtime/index.js";
import {
  generateClients,
  methodOf,
  REPOSITORY_ROOT,
  testPolicy,
  type ClientRequest,
  type ExtraSource,
  type GeneratedClient,
  type GeneratedClients,
  type LooseClient,
} from "../support/generated-client.js";
import { startHttpServer, type LoopbackHttpServer } from "../support/http-server.js";

const CASES_ROOT = path.join(REPOSITORY_ROOT, "test", "fixtures", "cases");

/** A body the server sends and the client must accept, with a check of the returned data. */
interface ValidBody {
  body: string;
  /** Replaces the default check, which is that the data deep-equals the parsed body. */
  check: (data: unknown) => void;
}

/** Bodies of one operation: each is served with `status` and the operation called with `input`. */
interface BodyTable {
  /** Method name on the generated client. */
  method: string;
  input?: CallInput;
  /** Status of the server's response. Default: 200. */
  status?: number;
  /** JSON text the client must return as data. */
  valid: Array<string | ValidBody>;
  /** JSON text the client must reject with ResponseValidationError. */
  invalid: string[];
}

/** What a case's own tests get. */
interface CaseContext {
  client: LooseClient;
  generated: GeneratedClient;
  server: LoopbackHttpServer;
  /** Calls a method and returns what it resolves to. */
  call(
    method: string,
    input?: CallInput,
  ): Promise<{ status: number; data: unknown; headers: Record<string, string> }>;
}

/** One case folder, or a policy variant of it, with the bodies and checks of its tests. */
interface BugCase {
  /** Folder under test/fixtures/cases/. */
  folder: string;
  /** Tells apart two clients generated from one folder with different policies. */
  variant?: string;
  /** Document file in the folder. Default: spec.yaml. */
  spec?: string;
  /** Path of the base URL on the test server. Default: /api. */
  basePath?: string;
  /** The policy's unknownKeys. Default: strict. */
  unknownKeys?: "strict" | "strip";
  bodies: BodyTable[];
  /**
   * Body of an async function that gets the typed client as `client`. It is compiled with the
   * generated clients, so it checks the generated types, and its `@ts-expect-error` lines check
   * that a wrong input does not type-check.
   */
  typeProbe?: string;
  /** Tests of the case beyond its body tables, such as request URLs and multipart parts. */
  tests?: Array<{ name: string; run: (context: CaseContext) => Promise<void> }>;
}

const UUID = "123e4567-e89b-12d3-a456-426614174000";

/** Required key of case 34's `Evil` schema: a `required` entry written to break out of code. */
const EVIL_KEY =
  "id'>>>;\nexport const pwned = (() => { globalThis.__PWNED_34 = 1; })();\ntype _D = Array<'id";

/** Returns case 33's resource as JSON text, with `changes` replacing some of its properties. */
function resource199(changes: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: "r",
    name: "n",
    status: "active",
    count: 1,
    score: 0.5,
    tags: ["a"],
    created: "2025-01-01T00:00:00Z",
    owner: { id: "o", role: "admin", address: { street: "s", city: "c" } },
    flag: true,
    notes: null,
    items: [],
    extra: {},
    ...changes,
  });
}

const CASES: BugCase[] = [
  {
    folder: "01-nullable30-optional-property",
    bodies: [
      {
        method: "getNote",
        input: { path: { id: "1" } },
        valid: [
          `{"title": "a"}`,
          `{"title": "a", "summary": null, "rating": null}`,
          `{"title": "a", "summary": "short", "rating": 4.5}`,
        ],
        invalid: [`{"title": "a", "summary": 5}`, `{"title": null}`, `{"summary": null}`],
      },
    ],
    typeProbe: `
      const note = (await client.getNote({ path: { id: "1" } })).data;
      const summary: string | null | undefined = note.summary;
      const title: string = note.title;
      void summary;
      void title;`,
  },
  {
    folder: "02-nullable30-object-schema",
    bodies: [
      {
        method: "getSettings",
        valid: [`null`, `{}`, `{"theme": "dark"}`],
        invalid: [`"dark"`, `5`, `{"theme": 1}`],
      },
    ],
    typeProbe: `
      const settings = (await client.getSettings()).data;
      // @ts-expect-error the whole body may be null
      void settings.theme;`,
  },
  {
    folder: "03-nullable31-type-array",
    bodies: [
      {
        method: "getCounter",
        input: { path: { id: "1" } },
        valid: [
          `{"label": null, "count": null, "tags": null}`,
          `{"label": "a", "count": 3, "tags": ["x", "y"]}`,
        ],
        invalid: [
          `{"label": 1, "count": null, "tags": null}`,
          `{"label": "a", "count": 1.5, "tags": null}`,
          `{"label": "a", "count": 1, "tags": [1]}`,
          `{"count": null, "tags": null}`,
          `{"label": "a", "count": 1, "tags": {}}`,
        ],
      },
    ],
    typeProbe: `
      const counter = (await client.getCounter({ path: { id: "1" } })).data;
      const count: number | null = counter.count;
      const tags: string[] | null = counter.tags;
      void count;
      void tags;`,
  },
  {
    folder: "05-swagger2-x-nullable-with-ref",
    bodies: [
      {
        method: "getProduct",
        input: { path: { id: 1 } },
        valid: [
          `{"id": 1, "price": null, "note": null}`,
          `{"id": 1, "price": {"amount": 2.5, "currency": "EUR"}, "note": "n", "discount": {"amount": 1, "currency": "EUR"}}`,
        ],
        invalid: [
          `{"id": 1, "price": null, "note": null, "discount": null}`,
          `{"id": 1, "note": null}`,
          `{"id": 1, "price": {"amount": "2.5", "currency": "EUR"}, "note": null}`,
        ],
      },
    ],
    tests: [
      {
        name: "takes paths from basePath",
        run: async ({ call, server }) => {
          server.replyJson(`{"id": 1, "price": null, "note": null}`);
          await call("getProduct", { path: { id: 7 } });
          assert.equal(server.requests.at(-1)?.url, "/api/products/7");
        },
      },
    ],
  },
  {
    folder: "07-allof-required-in-sibling",
    bodies: [
      {
        method: "getUser",
        input: { path: { id: "1" } },
        valid: [
          `{"id": "${UUID}", "name": "a"}`,
          `{"id": "${UUID}", "name": "a", "email": "a@example.com"}`,
        ],
        invalid: [
          `{"name": "a"}`,
          `{"id": "${UUID}"}`,
          `{"id": "not-a-uuid", "name": "a"}`,
          `{"id": "${UUID}", "name": "a", "email": "nope"}`,
        ],
      },
    ],
    typeProbe: `
      const user = (await client.getUser({ path: { id: "1" } })).data;
      const id: string = user.id;
      const name: string = user.name;
      void id;
      void name;`,
  },
  {
    folder: "09-discriminator-mapping-many-to-one",
    bodies: [
      {
        method: "getPet",
        input: { path: { id: "1" } },
        valid: [
          `{"kind": "dog", "barks": true}`,
          `{"kind": "puppy", "barks": false}`,
          `{"kind": "cat", "meows": true}`,
        ],
        invalid: [
          `{"kind": "kitten", "meows": true}`,
          `{"kind": "cat", "barks": true}`,
          `{"kind": "puppy", "meows": true}`,
          `{"barks": true}`,
        ],
      },
    ],
  },
  {
    folder: "11-recursive-and-mutual-refs",
    bodies: [
      {
        method: "getNode",
        input: { path: { id: "1" } },
        valid: [
          `{"name": "root"}`,
          `{"name": "root", "children": [{"name": "a", "children": [{"name": "a1"}]}], "parent": {"name": "up"}}`,
        ],
        invalid: [
          `{"name": "root", "children": [{"name": "a", "children": [{}]}]}`,
          `{"name": "root", "parent": {"name": 1}}`,
        ],
      },
      {
        method: "getFolder",
        input: { path: { id: "1" } },
        valid: [`{"title": "f", "files": [{"path": "/x", "owner": {"title": "g", "files": []}}]}`],
        invalid: [`{"title": "f", "files": [{"path": "/x", "owner": {"title": "g"}}]}`],
      },
    ],
    tests: [
      {
        name: "validates deep recursion",
        run: async ({ call, server, generated }) => {
          let node: Record<string, unknown> = { name: "leaf" };
          for (let depth = 0; depth < 200; depth++) node = { name: `n${depth}`, children: [node] };
          server.replyJson(JSON.stringify(node));
          const result = await call("getNode", { path: { id: "1" } });
          assert.deepEqual(result.data, node);

          let broken: Record<string, unknown> = { name: 1 };
          for (let depth = 0; depth < 200; depth++) broken = { name: `n${depth}`, parent: broken };
          server.replyJson(JSON.stringify(broken));
          await assertValidationError(
            generated,
            call("getNode", { path: { id: "1" } }),
            "a deep invalid node",
          );
        },
      },
    ],
  },
  {
    folder: "12-additionalproperties-schema-map",
    bodies: [
      {
        method: "getEvent",
        input: { path: { id: "1" } },
        valid: [
          `{"points": {}, "flags": {}}`,
          `{"points": {"a": {"foo": 1}, "b": {"foo": 2.5}}, "flags": {"x": true, "y": false}}`,
        ],
        invalid: [
          `{"points": {"a": {"foo": "1"}}, "flags": {}}`,
          `{"points": {"a": {}}, "flags": {}}`,
          `{"points": {}, "flags": {"x": "true"}}`,
          `{"points": [], "flags": {}}`,
        ],
      },
    ],
    typeProbe: `
      const event = (await client.getEvent({ path: { id: "1" } })).data;
      const foo: number | undefined = event.points["a"]?.foo;
      const flag: boolean | undefined = event.flags["x"];
      void foo;
      void flag;`,
  },
  {
    folder: "13-additionalproperties-true-kept",
    bodies: [
      {
        method: "getModel",
        input: { path: { id: "1" } },
        valid: [
          `{"id": "1"}`,
          {
            body: `{"id": "1", "extra": {"x": 1}, "n": null, "list": [1, "a"]}`,
            check: (data) => {
              const model = data as Record<string, unknown>;
              assert.deepEqual(model.extra, { x: 1 });
              assert.equal(model.n, null);
              assert.deepEqual(model.list, [1, "a"]);
              assert.equal(model.id, "1");
            },
          },
        ],
        invalid: [`{"extra": 1}`, `{"id": 1, "extra": 1}`],
      },
    ],
  },
  {
    // unknownKeys strip: expect.md wants JSON Schema's default for `meta`, which has no
    // additionalProperties keyword, so unknown keys there must pass. Strip accepts and drops
    // them, while `additionalProperties: false` must still reject.
    folder: "15-additionalproperties-false-strict",
    unknownKeys: "strip",
    bodies: [
      {
        method: "getProvider",
        input: { path: { id: "1" } },
        valid: [
          `{"providerNumber": "12345678", "address": {}}`,
          {
            body: `{"providerNumber": "12345678", "address": {"city": "X"}, "meta": {"note": "n", "other": 1}}`,
            check: (data) => {
              assert.deepEqual(data, {
                providerNumber: "12345678",
                address: { city: "X" },
                meta: { note: "n" },
              });
            },
          },
        ],
        invalid: [
          `{"providerNumber": "12345678", "address": {}, "extra": 1}`,
          `{"providerNumber": "12345678", "address": {"city": "X", "zip": "1"}}`,
          `{"providerNumber": "1234567", "address": {}}`,
        ],
      },
    ],
  },
  {
    // The same document under unknownKeys strict, the policy's global switch: closed objects
    // still reject extra keys, and `meta` now rejects them too instead of contradicting it.
    folder: "15-additionalproperties-false-strict",
    variant: "strict",
    bodies: [
      {
        method: "getProvider",
        input: { path: { id: "1" } },
        valid: [
          `{"providerNumber": "12345678", "address": {}}`,
          `{"providerNumber": "12345678", "address": {"city": "X"}, "meta": {"note": "n"}}`,
        ],
        invalid: [
          `{"providerNumber": "12345678", "address": {}, "extra": 1}`,
          `{"providerNumber": "12345678", "address": {"city": "X", "zip": "1"}}`,
          `{"providerNumber": "1234567", "address": {}}`,
          `{"providerNumber": "12345678", "address": {"city": "X"}, "meta": {"note": "n", "other": 1}}`,
        ],
      },
    ],
  },
  {
    folder: "17-integer-enum-with-zero",
    bodies: [
      {
        method: "getLevel",
        input: { path: { id: "1" } },
        valid: [
          `{"level": 0, "ratio": 0.5}`,
          `{"level": 3, "ratio": 1.5, "mixed": "one"}`,
          `{"level": 1, "ratio": 0.5, "mixed": true}`,
        ],
        invalid: [
          `{"level": "1", "ratio": 0.5}`,
          `{"level": 4, "ratio": 0.5}`,
          `{"level": 1, "ratio": 1}`,
          `{"level": 1, "ratio": 0.5, "mixed": "true"}`,
        ],
      },
    ],
    typeProbe: `
      const level = (await client.getLevel({ path: { id: "1" } })).data;
      const value: 0 | 1 | 2 | 3 = level.level;
      const mixed: 1 | "one" | true | undefined = level.mixed;
      void value;
      void mixed;`,
  },
  {
    folder: "19-property-names-not-identifiers",
    bodies: [
      {
        method: "getLimits",
        valid: [
          `{"x-rate-limit": 10, "first name": "A", "2fa": true, "@id": "u1", "a.b": "v"}`,
          `{"x-rate-limit": 10, "first name": "A", "2fa": false, "@id": "u1", "a.b": "v", "quote\\"d": "q", "it's": "s", "ünïcødé": "u"}`,
        ],
        invalid: [
          `{"xRateLimit": 10, "first name": "A", "2fa": true, "@id": "u1", "a.b": "v"}`,
          `{"x-rate-limit": "10", "first name": "A", "2fa": true, "@id": "u1", "a.b": "v"}`,
          `{"x-rate-limit": 10, "first name": "A", "2fa": true, "@id": "u1", "a": {"b": "v"}}`,
        ],
      },
    ],
    typeProbe: `
      const limits = (await client.getLimits()).data;
      const rate: number = limits["x-rate-limit"];
      const first: string = limits["first name"];
      const twoFactor: boolean = limits["2fa"];
      const id: string = limits["@id"];
      const dotted: string = limits["a.b"];
      const quoted: string | undefined = limits['quote"d'];
      const apostrophe: string | undefined = limits["it's"];
      const unicode: string | undefined = limits["ünïcødé"];
      void [rate, first, twoFactor, id, dotted, quoted, apostrophe, unicode];`,
  },
  {
    folder: "20-property-names-reserved-words-and-proto",
    bodies: [
      {
        method: "getRole",
        input: { path: { id: "1" } },
        valid: [
          `{"default": true, "class": "c"}`,
          `{"default": false, "class": "c", "new": 1, "delete": false, "constructor": "x", "protected": "p"}`,
          {
            body: `{"default": true, "class": "c", "__proto__": {"isAdmin": true}}`,
            check: (data) => {
              const role = data as Record<string, unknown>;
              assert.equal(
                ({} as Record<string, unknown>).isAdmin,
                undefined,
                "Object.prototype was changed",
              );
              const prototype: unknown = Object.getPrototypeOf(role);
              assert.ok(
                prototype === Object.prototype || prototype === null,
                "the result's prototype was changed",
              );
              assert.notEqual(role.isAdmin, true);
              assert.equal(role.default, true);
              assert.equal(role.class, "c");
            },
          },
        ],
        invalid: [
          `{"_default": true, "class": "c"}`,
          `{"default": "yes", "class": "c"}`,
          `{"default": true, "class": "c", "constructor": 5}`,
          `{"default": true, "class": "c", "__proto__": 5}`,
          `{"default": true, "class": "c", "__proto__": {"isAdmin": "yes"}}`,
        ],
      },
    ],
    typeProbe: `
      const role = await client.getRole({ path: { id: "1" }, query: { default: true, class: "c" } });
      const isDefault: boolean = role.data.default;
      const className: string = role.data.class;
      void isDefault;
      void className;`,
    tests: [
      {
        name: "sends query keys default and class",
        run: async ({ call, server }) => {
          server.replyJson(`{"default": true, "class": "c"}`);
          await call("getRole", { path: { id: "r1" }, query: { default: false, class: "admin" } });
          assert.equal(server.requests.at(-1)?.url, "/api/roles/r1?default=false&class=admin");
        },
      },
    ],
  },
  {
    folder: "22-description-breaks-out-of-comment-or-literal",
    bodies: [
      {
        method: "getTimeProvider",
        input: { path: { id: "1" } },
        valid: [`{"url": "/example/config/url"}`, `{"url": "u", "pattern": "release/*/*"}`],
        invalid: [`{}`, `{"url": 1}`],
      },
    ],
    tests: [
      {
        name: "import runs no document text",
        run: async () => {
          assert.equal((globalThis as Record<string, unknown>).__PWNED_22, undefined);
        },
      },
      {
        name: "keeps description text visible",
        run: async ({ generated }) => {
          const types = await readFile(path.join(generated.outDir, "types.ts"), "utf8");
          assert.match(
            types,
            /For example, \*\\\/example\/config\/url\*\. Only returned when set\./,
          );
          assert.match(types, /template \$\{1\+1\} stays text/);
        },
      },
    ],
  },
  {
    folder: "23-pattern-with-forward-slash",
    bodies: [
      {
        method: "getImage",
        input: { path: { id: "1" } },
        valid: [
          `{"image": "data:image/svg+xml;base64,QUJD", "path": "a/b"}`,
          `{"image": "data:image/svg+xml;base64,QUJD+/==", "path": "x/y/z", "url": "https://example.com/abc"}`,
        ],
        invalid: [
          `{"image": "data:image/png;base64,QUJD", "path": "a/b"}`,
          `{"image": "data:image/svg+xml;base64,QUJD", "path": "ab"}`,
          `{"image": "data:image/svg+xml;base64,QUJD", "path": "a/b", "url": "ftp://example.com/abc"}`,
        ],
      },
    ],
  },
  {
    folder: "25-string-formats-datetime-offset-uuid-email",
    bodies: [
      {
        method: "getInvitation",
        input: { path: { id: UUID } },
        valid: [
          `{"id": "${UUID}", "email": "a.b+tag@example.co", "expiresAt": "2025-01-01T15:00:00Z", "day": "2025-01-01"}`,
          `{"id": "${UUID}", "email": "a@example.com", "expiresAt": "2025-01-01T15:00:00+02:00", "day": "2024-02-29"}`,
          `{"id": "${UUID}", "email": "a@example.com", "expiresAt": "2025-01-01T15:00:00.123-05:30", "day": "2025-12-31", "custom": "anything"}`,
        ],
        invalid: [
          `{"id": "${UUID}", "email": "a@example.com", "expiresAt": "2025-01-01", "day": "2025-01-01"}`,
          `{"id": "${UUID}", "email": "a@example.com", "expiresAt": "not a date", "day": "2025-01-01"}`,
          `{"id": "${UUID}", "email": "a@example.com", "expiresAt": "2025-01-01T15:00:00Z", "day": "2025-01-01T00:00:00Z"}`,
          `{"id": "not-a-uuid", "email": "a@example.com", "expiresAt": "2025-01-01T15:00:00Z", "day": "2025-01-01"}`,
          `{"id": "${UUID}", "email": "not-an-email", "expiresAt": "2025-01-01T15:00:00Z", "day": "2025-01-01"}`,
          // A date-time without an offset is not RFC 3339, so the generator rejects it.
          `{"id": "${UUID}", "email": "a@example.com", "expiresAt": "2025-01-01T15:00:00", "day": "2025-01-01"}`,
        ],
      },
    ],
  },
  {
    folder: "26-int64-with-minimum-maximum",
    bodies: [
      {
        method: "getFileInfo",
        input: { path: { id: 1 } },
        valid: [
          `{"size": 1024, "percent": 0, "ratio": 0.5}`,
          `{"size": 9007199254740991, "percent": 100, "ratio": 2, "small": -5}`,
        ],
        invalid: [
          `{"size": 1024, "percent": 101, "ratio": 0.5}`,
          `{"size": -1, "percent": 1, "ratio": 0.5}`,
          `{"size": 1.5, "percent": 1, "ratio": 0.5}`,
          `{"size": "1024", "percent": 1, "ratio": 0.5}`,
          `{"size": 1, "percent": 1, "ratio": 0}`,
          // The generator enforces the int32 range of `format: int32`.
          `{"size": 1, "percent": 1, "ratio": 0.5, "small": 2147483648}`,
        ],
      },
    ],
  },
  {
    folder: "28-const-keyword-31",
    bodies: [
      {
        method: "getFlag",
        input: { path: { id: "1" } },
        valid: [
          `{"enabled": true, "version": 1, "kind": "flag", "nothing": null}`,
          `{"enabled": true, "version": 1, "kind": "flag", "nothing": null, "shape": {"a": 1}}`,
        ],
        invalid: [
          `{"enabled": false, "version": 1, "kind": "flag", "nothing": null}`,
          `{"enabled": true, "version": 2, "kind": "flag", "nothing": null}`,
          `{"enabled": true, "version": 1, "kind": "other", "nothing": null}`,
          `{"enabled": true, "version": 1, "kind": "flag", "nothing": 0}`,
          `{"enabled": true, "version": 1, "kind": "flag", "nothing": null, "shape": {"a": 2}}`,
        ],
      },
    ],
    typeProbe: `
      const flag = (await client.getFlag({ path: { id: "1" } })).data;
      const enabled: true = flag.enabled;
      const version: 1 = flag.version;
      const kind: "flag" = flag.kind;
      const nothing: null = flag.nothing;
      void [enabled, version, kind, nothing];`,
  },
  {
    folder: "29-no-content-204",
    bodies: [
      {
        method: "putItem",
        input: { path: { id: "1" }, body: { id: "1" } },
        valid: [`{"id": "1"}`],
        invalid: [`{"name": "x"}`],
      },
    ],
    typeProbe: `
      const result = await client.putItem({ path: { id: "1" }, body: { id: "1" } });
      if (result.status === 200) {
        const id: string = result.data.id;
        void id;
      } else {
        const status: 204 = result.status;
        const none: undefined = result.data;
        void [status, none];
      }`,
    tests: [
      {
        name: "accepts 204 without content type",
        run: async ({ call, server }) => {
          server.reply({ status: 204 });
          const before = server.requests.length;
          const result = await call("deleteItem", { path: { id: "1" } });
          assert.equal(result.status, 204);
          assert.equal(result.data, undefined);
          assert.equal(server.requests.length - before, 1, "a 204 was retried");
        },
      },
      {
        name: "accepts 204 with JSON content type",
        run: async ({ call, server }) => {
          server.reply({ status: 204, headers: { "content-type": "application/json" } });
          const deleted = await call("deleteItem", { path: { id: "1" } });
          assert.equal(deleted.status, 204);
          assert.equal(deleted.data, undefined);
          const put = await call("putItem", { path: { id: "1" }, body: { id: "1" } });
          assert.equal(put.status, 204);
          assert.equal(put.data, undefined);
        },
      },
      {
        name: "surfaces 404 as HttpStatusError",
        run: async ({ call, server, generated }) => {
          server.replyJson(`{"message": "gone"}`, 404);
          // deleteItem declares its 404 body. putItem declares none, so its error has no body.
          const expectations = [
            { method: "deleteItem", body: { message: "gone" } },
            { method: "putItem", body: undefined },
          ];
          for (const expected of expectations) {
            const input = { path: { id: "1" }, body: { id: "1" } };
            await assert.rejects(call(expected.method, input), (error: unknown) => {
              assert.ok(
                guard(generated, "isHttpStatusError")(error),
                `${expected.method}: got ${String(error)}`,
              );
              const statusError = error as { status: number; body: unknown };
              assert.equal(statusError.status, 404);
              assert.deepEqual(statusError.body, expected.body);
              return true;
            });
          }
        },
      },
    ],
  },
  {
    folder: "31-multipart-binary-array",
    bodies: [
      {
        method: "uploadImages",
        input: { body: { file: new Blob(["f"]), images: [new Blob(["i"])] } },
        valid: [`{"uploaded": 2}`],
        invalid: [`{"uploaded": -1}`, `{"uploaded": "2"}`],
      },
    ],
    typeProbe: `
      await client.uploadImages({ body: { file: new Blob(["f"]), images: [new Blob(["a"]), new Blob(["b"])] } });
      // @ts-expect-error images are files, not strings
      await client.uploadImages({ body: { file: new Blob(["f"]), images: ["a"] } });
      // @ts-expect-error file is a file, not a string
      await client.uploadImages({ body: { file: "f", images: [new Blob(["a"])] } });
      const bytes: Uint8Array = (await client.downloadFile({ path: { id: "1" } })).data;
      void bytes;`,
    tests: [
      {
        name: "sends each image as its own part",
        run: async ({ call, server }) => {
          server.replyJson(`{"uploaded": 2}`);
          const body = {
            file: new File(["file-bytes"], "main.bin", { type: "application/octet-stream" }),
            images: [
              new File(["one"], "1.png", { type: "image/png" }),
              new Blob(["two"], { type: "image/png" }),
            ],
            caption: "two images",
            meta: { tags: ["a", "b"] },
          };
          await call("uploadImages", { body });
          const request = server.requests.at(-1)!;
          const contentType = String(request.headers["content-type"]);
          assert.match(contentType, /^multipart\/form-data; ?boundary=.+/);

          const form = await new Response(request.body, {
            headers: { "content-type": contentType },
          }).formData();
          const file = form.get("file");
          assert.ok(file instanceof Blob, "file is not a file part");
          assert.equal(await file.text(), "file-bytes");
          const images = form.getAll("images");
          assert.equal(images.length, 2);
          assert.deepEqual(await Promise.all(images.map((image) => (image as Blob).text())), [
            "one",
            "two",
          ]);
          assert.equal(form.get("caption"), "two images");
          const meta = form.get("meta");
          assert.ok(meta instanceof Blob, "meta is not sent as a JSON part");
          assert.equal(meta.type, "application/json");
          assert.deepEqual(JSON.parse(await meta.text()), { tags: ["a", "b"] });
        },
      },
      {
        name: "returns downloaded bytes exactly",
        run: async ({ call, server }) => {
          server.reply({
            status: 200,
            headers: { "content-type": "application/octet-stream" },
            body: Uint8Array.from([0x00, 0xff, 0x10]),
          });
          const result = await call("downloadFile", { path: { id: "1" } });
          assert.ok(result.data instanceof Uint8Array, "download did not return bytes");
          assert.deepEqual([...result.data], [0x00, 0xff, 0x10]);
        },
      },
    ],
  },
  {
    folder: "32-external-relative-refs",
    bodies: [
      {
        method: "getObject",
        input: { path: { id: "1" } },
        valid: [`{"id": 1, "type": "box"}`, `{"id": 1, "type": "box", "tags": {"~k/ey": "v"}}`],
        invalid: [
          `{"id": "1", "type": "box"}`,
          `{"id": 0, "type": "box"}`,
          `{"type": "box"}`,
          `{"id": 1, "type": "crate"}`,
          `{"id": 1, "type": "box", "tags": {"k": 1}}`,
        ],
      },
      {
        method: "listObjects",
        valid: [`[]`, `[{"id": 2, "type": "bag"}]`],
        invalid: [],
      },
      {
        method: "getObjectLabel",
        input: { path: { id: "1" } },
        valid: [`{"size": "small", "type": "bag", "weight": 0}`],
        invalid: [
          `{"size": "medium", "type": "bag", "weight": 0}`,
          `{"size": "small", "type": "crate", "weight": 0}`,
          `{"size": "small", "type": "bag", "weight": -1}`,
        ],
      },
      {
        // expect.md lists no bodies for getKind, so these follow from its inline enum.
        method: "getKind",
        valid: [`"large"`],
        invalid: [`"medium"`],
      },
    ],
    tests: [
      {
        name: "rejects a remote $ref",
        run: async ({ generated }) => {
          const folder = await mkdtemp(path.join(tmpdir(), "vendorguard-remote-ref-"));
          try {
            const specPath = path.join(folder, "spec.yaml");
            const spec = await readFile(
              path.join(CASES_ROOT, "32-external-relative-refs", "spec.yaml"),
              "utf8",
            );
            // Loopback port 9 (discard): if the generator fetched it, the error would differ.
            await writeFile(
              specPath,
              spec.replace("./definitions/core/object.yaml", "https://127.0.0.1:9/object.yaml"),
            );
            const rendering = renderClient({
              specPath,
              policyPath: generated.policyPath,
              outDir: folder,
            });
            await assert.rejects(rendering, (error: unknown) => {
              assert.equal((error as { code?: unknown }).code, "remote_ref", String(error));
              assert.match((error as Error).message, /https:\/\/127\.0\.0\.1:9\/object\.yaml/);
              return true;
            });
          } finally {
            await rm(folder, { recursive: true, force: true });
          }
        },
      },
    ],
  },
  {
    // Generation, one tsc run and one operation only: the point of this case is the size.
    folder: "33-large-spec-typecheck-budget",
    spec: "spec.json",
    bodies: [
      {
        method: "getResource0199",
        input: { path: { id: "r" } },
        valid: [resource199()],
        invalid: [
          resource199({ status: "archived", tags: [] }),
          resource199({ count: 1.5, tags: [] }),
        ],
      },
    ],
    tests: [
      {
        // The whole tsc run of this file, this document included, must also pass without
        // TS2589 or TS7056, which the before hook checks by requiring zero errors.
        name: "generates within a minute",
        run: async ({ generated }) => {
          assert.ok(
            generated.generationMs < 60_000,
            `generation took ${generated.generationMs} ms`,
          );
          assert.equal(generated.model.operations.length, 400);
        },
      },
    ],
  },
  {
    folder: "34-code-injection-via-names",
    bodies: [
      {
        method: "getItemGlobalThisPWNED341FunctionX",
        input: { path: { id: "1" } },
        valid: [
          `{"a'b": "1", "c\`\${globalThis.__PWNED_34 = 1}\`": "2", "mode": "x'; globalThis.__PWNED_34 = 1; '"}`,
          `{"a'b": "1", "c\`\${globalThis.__PWNED_34 = 1}\`": "2", "mode": "z\`\${1}\`"}`,
        ],
        invalid: [
          `{"a'b": "1", "c\`\${globalThis.__PWNED_34 = 1}\`": "2", "mode": "x"}`,
          `{"ab": "1", "c\`\${globalThis.__PWNED_34 = 1}\`": "2", "mode": "z\`\${1}\`"}`,
        ],
      },
      {
        method: "getEvil",
        valid: [JSON.stringify({ [EVIL_KEY]: "x" })],
        invalid: [`{"id": "1"}`],
      },
    ],
    tests: [
      {
        name: "import runs no document text",
        run: async () => {
          assert.equal((globalThis as Record<string, unknown>).__PWNED_34, undefined);
        },
      },
      {
        name: "sends hostile names as data",
        run: async ({ call, server }) => {
          server.replyJson(
            `{"a'b": "1", "c\`\${globalThis.__PWNED_34 = 1}\`": "2", "mode": "z\`\${1}\`"}`,
          );
          const name = "q'); globalThis.__PWNED_34 = 1; ('";
          await call("getItemGlobalThisPWNED341FunctionX", {
            path: { id: "1" },
            query: { [name]: "v w" },
          });
          // The path's literal characters that a URL path cannot carry are percent-encoded.
          const target = server.requests.at(-1)!.url;
          assert.equal(
            target,
            `/api/items/1');%20globalThis.__PWNED_34%20=%201;%20('?${encodeURIComponent(name)}=v%20w`,
          );
          assert.equal((globalThis as Record<string, unknown>).__PWNED_34, undefined);
        },
      },
    ],
  },
  {
    folder: "35-path-param-encoding-and-base-pinning",
    basePath: "/api/v1",
    bodies: [
      {
        method: "getFile",
        input: { path: { name: "a/b?c#d e%" } },
        valid: [`{"name": "a/b?c#d e%"}`],
        invalid: [`{}`, `{"name": null}`],
      },
    ],
    typeProbe: `
      await client.getUserDoc({ path: { "user-id": "u", "doc.id": 7 } });
      // @ts-expect-error doc.id is an integer
      await client.getUserDoc({ path: { "user-id": "u", "doc.id": "7" } });`,
    tests: [
      {
        name: "requests the exact encoded URLs",
        run: async ({ call, server }) => {
          server.replyJson(`{"name": "n"}`);
          const table: Array<{ method: string; input: CallInput; target: string }> = [
            {
              method: "getFile",
              input: { path: { name: "a/b?c#d e%" } },
              target: "/api/v1/files/a%2Fb%3Fc%23d%20e%25",
            },
            {
              method: "getFile",
              input: { path: { name: "plain" } },
              target: "/api/v1/files/plain",
            },
            {
              method: "getUserDoc",
              input: { path: { "user-id": "//evil.example", "doc.id": 7 } },
              target: "/api/v1/users/%2F%2Fevil.example/docs/7",
            },
          ];
          for (const row of table) {
            await call(row.method, row.input);
            const request = server.requests.at(-1)!;
            assert.equal(request.url, row.target);
            assert.equal(request.headers.host, new URL(server.origin).host);
          }
        },
      },
      {
        name: "keeps dot segments inside files",
        run: async ({ call, server, generated }) => {
          server.replyJson(`{"name": "n"}`);
          for (const name of [".", ".."]) {
            const before = server.requests.length;
            try {
              await call("getFile", { path: { name } });
            } catch (error) {
              // Rejecting the value before sending is allowed too.
              assert.ok(
                guard(generated, "isRequestValidationError")(error),
                `name ${name}: ${String(error)}`,
              );
              assert.equal(
                server.requests.length,
                before,
                `name ${name} was rejected after a request was sent`,
              );
              continue;
            }
            const target = server.requests.at(-1)!.url;
            assert.equal(
              target.toUpperCase(),
              `/API/V1/FILES/${name.replaceAll(".", "%2E")}`,
              `name ${name} left /api/v1/files/`,
            );
          }
        },
      },
    ],
  },
  {
    folder: "36-swagger2-collectionformat-and-formdata",
    bodies: [
      {
        method: "search",
        valid: [`{"count": 3}`],
        invalid: [`{"count": "3"}`, `{}`],
      },
      {
        method: "createUpload",
        input: { body: { file: new Blob(["x"]), title: "t" } },
        status: 201,
        valid: [`{"id": "u1"}`],
        invalid: [`{"id": 1}`],
      },
    ],
    typeProbe: `
      await client.createUpload({ body: { file: new Blob(["x"]), title: "t" } });
      // @ts-expect-error type: file maps to Blob
      await client.createUpload({ body: { file: "x", title: "t" } });
      await client.search({ query: { ids: [1, 2, 3], tags: ["a"] } });`,
    tests: [
      {
        name: "serialises each collectionFormat",
        run: async ({ call, server }) => {
          server.replyJson(`{"count": 3}`);
          const query = {
            ids: [1, 2, 3],
            tags: ["a", "b"],
            codes: ["x", "y"],
            words: ["p", "q"],
            plain: ["m", "n"],
          };
          await call("search", { query });
          const target = server.requests.at(-1)!.url;
          assert.equal(target.split("?")[0], "/api/search");
          // Commas and pipes may be sent percent-encoded.
          const pairs = (target.split("?")[1] ?? "")
            .replace(/%2C/gi, ",")
            .replace(/%7C/gi, "|")
            .split("&");
          for (const expected of [
            "ids=1,2,3",
            "tags=a",
            "tags=b",
            "codes=x|y",
            "words=p%20q",
            "plain=m,n",
          ]) {
            assert.ok(pairs.includes(expected), `query ${target} lacks ${expected}`);
          }
          assert.equal(pairs.length, 6, `query ${target} has extra pairs`);
        },
      },
      {
        name: "sends formData as multipart",
        run: async ({ call, server }) => {
          server.replyJson(`{"id": "u1"}`, 201);
          await call("createUpload", {
            body: { file: new File(["data"], "a.txt"), title: "hello" },
          });
          const request = server.requests.at(-1)!;
          const contentType = String(request.headers["content-type"]);
          assert.match(contentType, /^multipart\/form-data; ?boundary=.+/);
          const form = await new Response(request.body, {
            headers: { "content-type": contentType },
          }).formData();
          const file = form.get("file");
          assert.ok(file instanceof Blob, "file is not a file part");
          assert.equal(await file.text(), "data");
          assert.equal(form.get("title"), "hello");
        },
      },
    ],
  },
  {
    folder: "38-duplicate-and-missing-operationids",
    bodies: [
      // getItem is GET /items/{id} and getItem2 is GET /v2/items/{id}: numbered in path order.
      {
        method: "getItem",
        input: { path: { id: "1" } },
        valid: [`{"v1": "a"}`],
        invalid: [`{"v2": true}`],
      },
      {
        method: "getItem2",
        input: { path: { id: "1" } },
        valid: [`{"v2": true}`],
        invalid: [`{"v1": "a"}`],
      },
      { method: "getHealth", valid: [`{"ok": true}`], invalid: [] },
      { method: "getItemV3", valid: [`["a"]`], invalid: [] },
      { method: "n123start", valid: [`[1]`], invalid: [`["1"]`] },
    ],
    typeProbe: `
      const v1: string = (await client.getItem({ path: { id: "1" } })).data.v1;
      const v2: boolean = (await client.getItem2({ path: { id: "1" } })).data.v2;
      const deleted: undefined = (await client.delete_({ path: { id: "1" } })).data;
      void [v1, v2, deleted];`,
    tests: [
      {
        name: "pairs each path with its method",
        run: async ({ call, server }) => {
          server.replyJson(`{"v1": "a"}`);
          await call("getItem", { path: { id: "x" } });
          assert.equal(server.requests.at(-1)?.url, "/api/items/x");
          server.replyJson(`{"v2": true}`);
          await call("getItem2", { path: { id: "x" } });
          assert.equal(server.requests.at(-1)?.url, "/api/v2/items/x");
          server.reply({ status: 204 });
          const deleted = await call("delete_", { path: { id: "x" } });
          assert.equal(deleted.status, 204);
          assert.equal(server.requests.at(-1)?.method, "DELETE");
          assert.equal(server.requests.at(-1)?.url, "/api/v2/items/x");
        },
      },
      {
        name: "names methods the same on rerun",
        run: async ({ generated }) => {
          const rerun = await renderClient({
            specPath: path.join(CASES_ROOT, "38-duplicate-and-missing-operationids", "spec.yaml"),
            policyPath: generated.policyPath,
            outDir: generated.outDir,
          });
          const names = (model: typeof rerun.model) =>
            model.operations.map(
              (operation) => `${operation.method} ${operation.path} ${operation.methodName}`,
            );
          assert.deepEqual(names(rerun.model), names(generated.model));
          assert.deepEqual(names(generated.model), [
            "GET /health getHealth",
            "GET /items/{id} getItem",
            "DELETE /v2/items/{id} delete_",
            "GET /v2/items/{id} getItem2",
            "GET /v3/items getItemV3",
            "GET /v4/items n123start",
          ]);
        },
      },
    ],
  },
  {
    folder: "39-readonly-writeonly-required",
    bodies: [
      {
        method: "getUser",
        input: { path: { id: "1" } },
        valid: [
          `{"id": "1", "name": "n"}`,
          // A writeOnly property is optional in responses, so a server that returns it anyway
          // (OpenAPI advises servers against it) is accepted and the value is kept.
          `{"id": "1", "name": "n", "password": "returned-anyway"}`,
        ],
        invalid: [`{"name": "n"}`, `{"id": "1"}`, `{"id": 1, "name": "n"}`],
      },
      {
        method: "createUser",
        input: { body: { name: "n", password: "long-enough" } },
        status: 201,
        valid: [`{"id": "1", "name": "n"}`],
        invalid: [`{"name": "n"}`, `{"id": "1"}`, `{"id": 1, "name": "n"}`],
      },
    ],
    typeProbe: `
      await client.createUser({ body: { name: "n", password: "long-enough" } });
      // @ts-expect-error password is required in requests
      await client.createUser({ body: { name: "n" } });
      const user = (await client.getUser({ path: { id: "1" } })).data;
      const id: string = user.id;
      // @ts-expect-error password may be absent from responses
      const password: string = user.password;
      void [id, password];`,
    tests: [
      {
        name: "sends createUser without id",
        run: async ({ call, server }) => {
          server.replyJson(`{"id": "1", "name": "n"}`, 201);
          await call("createUser", { body: { name: "n", password: "long-enough" } });
          const request = server.requests.at(-1)!;
          assert.deepEqual(JSON.parse(request.body.toString("utf8")), {
            name: "n",
            password: "long-enough",
          });
        },
      },
    ],
  },
];

/** A case's generated client, the instance the tests call and the server it talks to. */
interface RunningCase {
  definition: BugCase;
  server: LoopbackHttpServer;
  generated: GeneratedClient;
  client: LooseClient;
}

const running = new Map<string, RunningCase>();
const servers = new Map<string, LoopbackHttpServer>();
let generatedClients: GeneratedClients | undefined;

/** Returns the key of a case: its folder, and its variant when it has one. */
function caseKey(definition: BugCase): string {
  return definition.variant === undefined
    ? definition.folder
    : `${definition.folder} (${definition.variant})`;
}

/** Returns the vendor name of a case's policy, which also names the client class. */
function vendorName(definition: BugCase): string {
  return `Case ${definition.folder.slice(0, 2)} ${definition.variant ?? ""}`.trim();
}

/** Returns the folder name of a case's client, e.g. `case-15-strict`. */
function clientName(definition: BugCase): string {
  return vendorName(definition).toLowerCase().replaceAll(" ", "-");
}

function typeProbeSource(definition: BugCase): ExtraSource | undefined {
  if (definition.typeProbe === undefined) return undefined;
  const name = clientName(definition);
  const className = `${toPascalCase(vendorName(definition))}Client`;
  return {
    path: `probes/${name}.ts`,
    content: [
      `import type { ${className} } from "../${name}/index.js";`,
      "",
      "/** Never called: tsc checks it against the generated types. */",
      `export async function probe(client: ${className}): Promise<void> {`,
      definition.typeProbe,
      "}",
      "",
    ].join("\n"),
  };
}

before(async () => {
  const requests: ClientRequest[] = [];
  for (const definition of CASES) {
    const server = await startHttpServer();
    servers.set(caseKey(definition), server);
    requests.push({
      name: clientName(definition),
      specPath: path.join(CASES_ROOT, definition.folder, definition.spec ?? "spec.yaml"),
      policy: testPolicy({
        vendor: vendorName(definition),
        baseUrl: `${server.origin}${definition.basePath ?? "/api"}`,
        unknownKeys: definition.unknownKeys ?? "strict",
      }),
    });
  }
  const probes = CASES.map(typeProbeSource).filter((source) => source !== undefined);
  generatedClients = await generateClients("cases", requests, probes);
  for (const definition of CASES) {
    const generated = generatedClients.get(clientName(definition));
    running.set(caseKey(definition), {
      definition,
      server: servers.get(caseKey(definition))!,
      generated,
      client: generated.create(),
    });
  }
});

after(async () => {
  for (const { client } of running.values()) await client.close();
  for (const server of servers.values()) await server.close();
  await generatedClients?.remove();
});

function contextOf(key: string): CaseContext {
  const found = running.get(key);
  if (found === undefined) {
    throw new Error(`case ${key} was not generated. See the error of the before hook.`);
  }
  const { client, generated, server } = found;
  return {
    client,
    generated,
    server,
    call: (method, input) => methodOf(client, method)(input) as ReturnType<CaseContext["call"]>,
  };
}

/** Returns a guard exported by a generated client, such as `isResponseValidationError`. */
function guard(generated: GeneratedClient, name: string): (value: unknown) => boolean {
  const found = generated.module[name];
  if (typeof found !== "function") throw new Error(`the generated client does not export ${name}`);
  return found as (value: unknown) => boolean;
}

/** Asserts that `promise` rejects with the generated client's ResponseValidationError. */
async function assertValidationError(
  generated: GeneratedClient,
  promise: Promise<unknown>,
  description: string,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(
      guard(generated, "isResponseValidationError")(error),
      `${description}: expected ResponseValidationError, got ${String(error)}`,
    );
    assert.equal((error as Error).name, "ResponseValidationError");
    return true;
  });
}

test("generated code has no type-check escapes", async () => {
  assert.equal(running.size, CASES.length);
  for (const [key, { generated }] of running) {
    for (const file of ["client.ts", "operations.ts", "schemas.ts", "types.ts"]) {
      const source = await readFile(path.join(generated.outDir, file), "utf8");
      assert.doesNotMatch(source, /@ts-(nocheck|ignore|expect-error)/, `${key} ${file}`);
    }
  }
});

for (const definition of CASES) {
  const key = caseKey(definition);
  describe(key, () => {
    for (const table of definition.bodies) {
      const status = table.status ?? 200;
      test(`${table.method} accepts valid bodies`, async () => {
        const { call, server } = contextOf(key);
        for (const entry of table.valid) {
          const valid = typeof entry === "string" ? { body: entry, check: undefined } : entry;
          server.replyJson(valid.body, status);
          const result = await call(table.method, table.input);
          assert.equal(result.status, status);
          if (valid.check) valid.check(result.data);
          else assert.deepStrictEqual(result.data, JSON.parse(valid.body), `body ${valid.body}`);
        }
      });
      if (table.invalid.length > 0) {
        test(`${table.method} rejects invalid bodies`, async () => {
          const { call, server, generated } = contextOf(key);
          for (const body of table.invalid) {
            server.replyJson(body, status);
            await assertValidationError(generated, call(table.method, table.input), `body ${body}`);
          }
        });
      }
    }
    for (const extra of definition.tests ?? []) {
      test(extra.name, () => extra.run(contextOf(key)));
    }
  });
}
