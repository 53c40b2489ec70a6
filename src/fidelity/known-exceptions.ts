/**
 * Disagreements that are understood and documented in the README ("How responses are validated"),
 * each recognised by a rule that re-validates a changed instance. Any other disagreement is a bug
 * in the generator or in the reference.
 */
import { isRecord } from "./instances.js";

/**
 * The facts and checks a rule may use on one disagreement. It names no document or schema, so a
 * rule recognises a situation wherever it occurs.
 */
export interface ExceptionProbe {
  mode: "strip" | "strict";
  direction: "zod-accepts" | "zod-rejects";
  instance: unknown;
  /** Whether the reference accepts an instance, in the disagreement's mode. */
  referenceAccepts(instance: unknown): boolean;
  /** Whether zod accepts an instance, in the disagreement's mode. */
  zodAccepts(instance: unknown): boolean;
}

export interface KnownException {
  id: string;
  /** One line; the README explains it in full. */
  reason: string;
  matches(probe: ExceptionProbe): boolean;
}

/** Names on Object.prototype, `__proto__` included, that a JSON object may carry as own keys. */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

export const KNOWN_EXCEPTIONS: KnownException[] = [
  {
    id: "ajv-prototype-names",
    reason:
      "ajv 8.20.0 counts keys named like Object.prototype members (`toString`, `__proto__`) as evaluated by unevaluatedProperties",
    // A declared `__proto__` may be required, so the keys are left out with and without it.
    matches: (probe) =>
      probe.mode === "strict" &&
      probe.direction === "zod-rejects" &&
      [PROTOTYPE_NAMES.filter((name) => name !== "__proto__"), PROTOTYPE_NAMES].some(
        (names) =>
          names.some((name) => hasKey(probe.instance, name)) &&
          probe.zodAccepts(withoutKeys(probe.instance, names)),
      ),
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
