/** One entry of the `diff` report. */
import type { HttpMethod } from "../runtime/config.js";
import type { Severity } from "./schema-change.js";

export interface OperationRef {
  operationId: string;
  method: HttpMethod;
  path: string;
}

export interface ApiChange {
  severity: Severity;
  /** Stable identifier of the change, e.g. `operation-added` or `property-added`. */
  kind: string;
  /** The operation changed; absent for servers and security schemes. */
  operation?: OperationRef;
  /** Part of the operation or document, e.g. `response 200`, `query parameter per_page`. */
  location: string;
  /** Path inside the value at `location`, e.g. `body.owner.login`; absent outside schemas. */
  schemaPath?: string;
  /** Component schema the change sits in, with the path inside it. */
  component?: { key: string; path: string };
  message: string;
  /**
   * Further places in the same operation and location where the same component change appears,
   * reported once to keep the report readable.
   */
  repeats?: number;
}
