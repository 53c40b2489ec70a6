/**
 * Chooses the ResponseSpec that describes a response: the one for its exact status, then the one
 * for its `NXX` range, then `default`.
 */
import type { ResponseSpec } from "./operation.js";

// Generated operation specs are constants, so the spec of each status is looked up once.
const specsByStatus = new WeakMap<ResponseSpec[], Map<number, ResponseSpec | undefined>>();

/** Picks the ResponseSpec by exact status, then by its `NXX` range, then `default`. */
export function selectResponseSpec(
  responses: ResponseSpec[],
  status: number,
): ResponseSpec | undefined {
  let specs = specsByStatus.get(responses);
  if (specs === undefined) {
    specs = new Map();
    specsByStatus.set(responses, specs);
  }
  if (specs.has(status)) {
    return specs.get(status);
  }
  const spec = findResponseSpec(responses, status);
  // Only three-digit statuses are kept, so the map has at most 900 entries.
  if (Number.isInteger(status) && status >= 100 && status <= 999) {
    specs.set(status, spec);
  }
  return spec;
}

function findResponseSpec(responses: ResponseSpec[], status: number): ResponseSpec | undefined {
  const range = `${Math.floor(status / 100)}XX`;
  return (
    responses.find((response) => response.status === String(status)) ??
    responses.find((response) => response.status.toUpperCase() === range) ??
    responses.find((response) => response.status === "default")
  );
}
