/**
 * Shrinking an instance on which zod and ajv disagree to a smaller one on which they still
 * disagree the same way, so the report shows the key or value that matters.
 */
import { isRecord, type Path } from "./instances.js";
import { replaceAt, structuredCopy, valueAt } from "./mutations.js";

/** Most candidates tried; each costs one zod and one ajv validation. */
const MAX_ATTEMPTS = 400;

/** Returns the smallest instance found for which `disagrees` still holds. */
export function shrinkInstance(
  instance: unknown,
  disagrees: (candidate: unknown) => boolean,
): unknown {
  let current = structuredCopy(instance);
  let attempts = 0;
  let improved = true;
  while (improved && attempts < MAX_ATTEMPTS) {
    improved = false;
    for (const candidate of simplerCandidates(current)) {
      if (attempts++ >= MAX_ATTEMPTS) break;
      if (!disagrees(candidate)) continue;
      current = candidate;
      improved = true;
      break;
    }
  }
  return current;
}

/** Candidates one step simpler than `root`: a key or item removed, or a value made plainer. */
function* simplerCandidates(root: unknown): Generator<unknown> {
  const paths = collectPaths(root, []);
  for (const path of paths) {
    if (path.length === 0) continue;
    yield removeAt(root, path);
  }
  for (const path of paths) {
    const value = valueAt(root, path);
    for (const plainer of plainerValues(value)) yield replaceAt(root, path, plainer);
  }
}

function plainerValues(value: unknown): unknown[] {
  if (typeof value === "string") {
    return value.length > 1 ? [value.slice(0, Math.ceil(value.length / 2)), ""] : [];
  }
  if (typeof value === "number") return value !== 0 ? [0, Math.trunc(value)] : [];
  if (Array.isArray(value)) return value.length > 1 ? [[value[0]]] : [];
  return [];
}

/** Returns every path inside `value`, outermost first. */
function collectPaths(value: unknown, path: Path): Path[] {
  const paths: Path[] = [path];
  if (Array.isArray(value))
    value.forEach((item, index) => paths.push(...collectPaths(item, [...path, index])));
  else if (isRecord(value))
    for (const key of Object.keys(value)) paths.push(...collectPaths(value[key], [...path, key]));
  return paths;
}

function removeAt(root: unknown, path: Path): unknown {
  const copy = structuredCopy(root);
  const parent = valueAt(copy, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else if (isRecord(parent)) delete parent[last as string];
  return copy;
}
