/**
 * The HTTP client libraries the scan recognises, by the module name code imports them from, and
 * the members of each that send a request or create a client with a base URL.
 */

export type Library = "undici" | "http" | "https" | "axios" | "got" | "ky" | "superagent";

const MODULE_LIBRARIES: Readonly<Record<string, Library>> = {
  undici: "undici",
  http: "http",
  "node:http": "http",
  https: "https",
  "node:https": "https",
  axios: "axios",
  got: "got",
  ky: "ky",
  superagent: "superagent",
};

/** Returns the library a module specifier names, or undefined for any other module. */
export function libraryOfModule(module: string): Library | undefined {
  return Object.hasOwn(MODULE_LIBRARIES, module) ? MODULE_LIBRARIES[module] : undefined;
}

/** Members that send one request, per library; the URL is the first argument (axios `request` takes a config). */
export const REQUEST_METHODS: Readonly<Record<Library, ReadonlySet<string>>> = {
  undici: new Set(["request", "fetch", "stream", "pipeline", "connect", "upgrade"]),
  http: new Set(["request", "get"]),
  https: new Set(["request", "get"]),
  axios: new Set([
    "request",
    "get",
    "delete",
    "head",
    "options",
    "post",
    "put",
    "patch",
    "postForm",
    "putForm",
    "patchForm",
  ]),
  got: new Set(["get", "post", "put", "patch", "delete", "head", "stream", "paginate"]),
  ky: new Set(["get", "post", "put", "patch", "delete", "head"]),
  superagent: new Set(["get", "post", "put", "patch", "del", "delete", "head", "options"]),
};

/**
 * Members that create a client whose base URL is the given option: axios `create({ baseURL })`,
 * got `extend({ prefixUrl })`, ky `create` and `extend({ prefixUrl })`, superagent `agent()`.
 */
export const CREATE_METHODS: Readonly<
  Partial<Record<Library, { methods: ReadonlySet<string>; baseOption?: string }>>
> = {
  axios: { methods: new Set(["create"]), baseOption: "baseURL" },
  got: { methods: new Set(["extend"]), baseOption: "prefixUrl" },
  ky: { methods: new Set(["create", "extend"]), baseOption: "prefixUrl" },
  superagent: { methods: new Set(["agent"]) },
};

/** undici dispatcher classes constructed with the origin they connect to. */
export const UNDICI_ORIGIN_CLASSES: ReadonlySet<string> = new Set(["Client", "Pool"]);

/** undici dispatcher classes that take the origin with each request. */
export const UNDICI_AGENT_CLASSES: ReadonlySet<string> = new Set(["Agent"]);

/** Dispatcher members that send a request given `{ origin, path }`. */
export const DISPATCHER_METHODS: ReadonlySet<string> = new Set([
  "request",
  "stream",
  "pipeline",
  "connect",
  "upgrade",
  "dispatch",
]);
