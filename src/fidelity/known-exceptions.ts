/**
 * Disagreements that are understood and documented in the README ("How responses are validated"),
 * each recognised by a rule that re-validates a changed instance, or by the schemas it occurs in.
 * Any other disagreement is a bug in the generator or in the reference.
 */
import { isRecord } from "./instances.js";

/** The facts and checks a rule may use on one disagreement. */
export interface ExceptionProbe {
  document: string;
  /** Location of the subject: a schema's pointer, or `METHOD /path status` for a response body. */
  pointer: string;
  mode: "strip" | "strict";
  direction: "zod-accepts" | "zod-rejects";
  instance: unknown;
  /** Whether the reference accepts an instance, in the disagreement's mode. */
  referenceAccepts(instance: unknown): boolean;
  /** Whether zod accepts an instance, in the disagreement's mode. */
  zodAccepts(instance: unknown): boolean;
  /** The instance paths (JSON pointers) of ajv's errors on an instance it rejects. */
  referenceErrorPaths(instance: unknown): string[];
}

export interface KnownException {
  id: string;
  /** One line; the README explains it in full. */
  reason: string;
  matches(probe: ExceptionProbe): boolean;
}

/** Names on Object.prototype, `__proto__` included, that a JSON object may carry as own keys. */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

/**
 * Schemas in which an object property is declared by two `allOf` parts, so that zod's strict
 * intersection accepts the keys either part declares for it (see `nested-allof-merge`).
 */
const NESTED_ALLOF_MERGES: Record<string, RegExp> = {
  // app_autoscaling_spec_service.yml extends `metrics` of app_autoscaling_spec.yml.
  "digitalocean/specification/DigitalOcean-public.v2.yaml":
    /^resources\/apps\/models\/(app_autoscaling_spec_service|app_propose|app_service_spec|app_spec|apps_update_app_request)\.yml#$/,
  // Orchestration* extend `orchestration_path` of a shared base.
  "pagerduty/REST/openapiv3.json":
    /^(#\/components\/schemas\/Orchestration(Global|Router|Unrouted)|PUT \/event_orchestrations\/(services\/\{service_id\}|\{id\}\/global|\{id\}\/router) 200)$/,
};

export const KNOWN_EXCEPTIONS: KnownException[] = [
  {
    id: "proto-key-dropped",
    reason:
      "zod 4 drops an undeclared `__proto__` key from the result without validating its value",
    matches: (probe) =>
      probe.direction === "zod-accepts" &&
      hasKey(probe.instance, "__proto__") &&
      (probe
        .referenceErrorPaths(probe.instance)
        .some((path) => path.split("/").includes("__proto__")) ||
        probe.referenceAccepts(withoutKeys(probe.instance, ["__proto__"]))),
  },
  {
    id: "ajv-prototype-names",
    reason:
      "ajv 8.20.0 counts keys named like Object.prototype members (`toString`, `__proto__`) as evaluated by unevaluatedProperties",
    matches: (probe) =>
      probe.mode === "strict" &&
      probe.direction === "zod-rejects" &&
      PROTOTYPE_NAMES.some((name) => hasKey(probe.instance, name)) &&
      probe.zodAccepts(withoutKeys(probe.instance, PROTOTYPE_NAMES)),
  },
  {
    id: "nested-allof-merge",
    reason:
      "strict mode accepts the keys every allOf part declares for a property they share; JSON Schema closes each part's copy",
    matches: (probe) =>
      probe.mode === "strict" &&
      probe.direction === "zod-accepts" &&
      (NESTED_ALLOF_MERGES[probe.document]?.test(probe.pointer) ?? false),
  },
];

/** Returns the id of the known exception a disagreement is, or undefined. */
export function explainDisagreement(probe: ExceptionProbe): string | undefined {
  return KNOWN_EXCEPTIONS.find((exception) => exception.matches(probe))?.id;
}

function hasKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((item) => hasKey(item, key));
  if (!isRecord(value)) return false;
  return Object.hasOwn(value, key) || Object.values(value).some((item) => hasKey(item, key));
}

/** Returns a deep copy without the given keys at any depth. */
function withoutKeys(value: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutKeys(item, keys));
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (keys.includes(key)) continue;
    Object.defineProperty(copy, key, {
      value: withoutKeys(value[key], keys),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
