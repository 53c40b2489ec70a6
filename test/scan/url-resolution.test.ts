/**
 * Resolving the URL of a call from code parsed by the real TypeScript parser: which forms fix the
 * host and which stay unknown.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { findOutboundCalls } from "../../src/scan/http-calls.js";
import { parseCode } from "../../src/scan/parse.js";
import { targetOf } from "../../src/scan/url-target.js";

/** Returns, per outbound call in `code`, its label and host, or `relative`, `other-scheme` or `unknown`. */
function resolve(code: string, fileName = "/project/src/file.ts"): string[] {
  const parsed = parseCode(fileName, code);
  const context = { checker: parsed.checker, directory: "/project/src", generatedFolders: [] };
  return findOutboundCalls(parsed.sourceFile, context).calls.map((call) => {
    const result = targetOf(call.url);
    return `${call.label} ${result.kind === "target" ? result.target.hostname : result.kind}`;
  });
}

const cases: Array<{ name: string; code: string; want: string[] }> = [
  { name: "string literal", code: 'fetch("https://a.example/x");', want: ["fetch a.example"] },
  {
    name: "template without substitutions",
    code: "fetch(`https://b.example/x`);",
    want: ["fetch b.example"],
  },
  {
    name: "template whose head fixes the host",
    code: "fetch(`https://c.example/items/${id}`);",
    want: ["fetch c.example"],
  },
  {
    name: "template whose head ends at the host",
    code: "fetch(`https://d.example${path}`);",
    want: ["fetch d.example"],
  },
  {
    name: "template with a substituted host",
    code: "fetch(`https://${host}/x`);",
    want: ["fetch unknown"],
  },
  {
    name: "template with a host ending in a dot",
    code: "fetch(`https://api.${zone}/x`);",
    want: ["fetch unknown"],
  },
  {
    name: "const declared in the file",
    code: 'const BASE = "https://e.example";\nfetch(BASE);',
    want: ["fetch e.example"],
  },
  {
    name: "chain of consts in a template",
    code: 'const A = "https://f.example";\nconst B = `${A}/v1`;\nfetch(`${B}/x`);',
    want: ["fetch f.example"],
  },
  {
    name: "let is not resolved",
    code: 'let base = "https://g.example";\nfetch(base);',
    want: ["fetch unknown"],
  },
  {
    name: "parameter",
    code: "function go(url: string) { return fetch(url); }",
    want: ["fetch unknown"],
  },
  {
    name: "imported const",
    code: 'import { BASE } from "./urls.js";\nfetch(BASE);',
    want: ["fetch unknown"],
  },
  { name: "concatenation", code: 'fetch("https://h.example/" + id);', want: ["fetch h.example"] },
  {
    name: "new URL with a literal base",
    code: 'fetch(new URL("/x", "https://i.example"));',
    want: ["fetch i.example"],
  },
  {
    name: "new URL with a relative template and a const base",
    code: 'const BASE = "https://j.example";\nfetch(new URL(`/items/${id}`, BASE));',
    want: ["fetch j.example"],
  },
  {
    name: "new URL whose input is absolute",
    code: 'fetch(new URL("https://k.example/x", base));',
    want: ["fetch k.example"],
  },
  {
    name: "new URL with an unknown input",
    code: 'fetch(new URL(path, "https://l.example"));',
    want: ["fetch unknown"],
  },
  { name: "protocol-relative URL", code: 'fetch("//m.example/x");', want: ["fetch unknown"] },
  { name: "relative path", code: 'fetch("/api/items");', want: ["fetch relative"] },
  { name: "data URL", code: 'fetch("data:text/plain,hello");', want: ["fetch other-scheme"] },
  { name: "the environment", code: "fetch(process.env.API_URL);", want: ["fetch unknown"] },
  {
    name: "a local fetch is not the global one",
    code: 'function fetch(url: string) { return url; }\nfetch("https://n.example");',
    want: [],
  },
  {
    name: "a parameter named fetch is not the global one",
    code: 'function run(fetch: (url: string) => void) { fetch("https://o.example"); }',
    want: [],
  },
  {
    name: "globalThis.fetch",
    code: 'globalThis.fetch("https://p.example");',
    want: ["fetch p.example"],
  },
  {
    name: "IPv4 shorthand is normalised",
    code: 'fetch("http://127.1:8080/");',
    want: ["fetch 127.0.0.1"],
  },
  {
    name: "node:https options object",
    code: 'import https from "node:https";\nhttps.get({ hostname: "q.example", path: "/" });',
    want: ["https.get q.example"],
  },
  {
    name: "node:http options without a host mean localhost",
    code: 'import http from "node:http";\nhttp.request({ path: "/" });',
    want: ["http.request localhost"],
  },
  {
    name: "node:http options with a socket path",
    code: 'import http from "node:http";\nhttp.request({ socketPath: "/run/app.sock", path: "/" });',
    want: ["http.request relative"],
  },
  {
    name: "axios config object with url and baseURL",
    code: 'import axios from "axios";\naxios({ url: "/x", baseURL: "https://r.example" });',
    want: ["axios r.example"],
  },
  {
    name: "axios.request config",
    code: 'import axios from "axios";\naxios.request({ url: "https://s.example/x" });',
    want: ["axios.request s.example"],
  },
  {
    name: "require of axios with .default",
    code: 'const axios = require("axios").default;\naxios.get("https://t.example");',
    want: ["axios.get t.example"],
  },
  {
    name: "got with prefixUrl option",
    code: 'import got from "got";\ngot("items", { prefixUrl: "https://u.example" });',
    want: ["got u.example"],
  },
  {
    name: "instance call with a relative URL is checked at creation only",
    code: 'import ky from "ky";\nconst api = ky.create({ prefixUrl: "https://v.example" });\napi.get("x");\napi.post(path);',
    want: ["ky.create v.example"],
  },
  {
    name: "instance made from an instance keeps the base",
    code: 'import axios from "axios";\nconst a = axios.create({ baseURL: "https://w.example" });\nconst b = a.create({});\nb.get("/x");',
    want: ["axios.create w.example", "axios.create w.example"],
  },
  {
    name: "undici dispatcher call takes its origin",
    code: 'import { Agent } from "undici";\nconst agent = new Agent();\nagent.dispatch({ origin: "https://x.example", path: "/" }, handler);',
    want: ["new undici.Agent().dispatch x.example"],
  },
  {
    name: "a module that is no HTTP library",
    code: 'import { request } from "./local-http.js";\nrequest("https://y.example");',
    want: [],
  },
  {
    name: "element access with a string key",
    code: 'import axios from "axios";\naxios["get"]("https://z.example");',
    want: ["axios.get z.example"],
  },
];

for (const { name, code, want } of cases) {
  test(`url resolution: ${name}`, () => {
    assert.deepEqual(resolve(code), want);
  });
}

test("url resolution: a cycle of consts ends as unknown", () => {
  assert.deepEqual(resolve("const A = B;\nconst B = A;\nfetch(A);"), ["fetch unknown"]);
});

test("url resolution: JavaScript files parse with require", () => {
  const code = 'const { request } = require("undici");\nrequest("https://js.example/");';
  assert.deepEqual(resolve(code, "/project/src/file.cjs"), ["undici.request js.example"]);
});
