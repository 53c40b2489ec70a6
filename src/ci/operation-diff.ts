/**
 * The changes of one operation between two versions: its route, authentication, parameters,
 * request body and responses.
 */
import type {
  OperationModel,
  ParameterModel,
  RequestBodyModel,
  ResponseModel,
} from "../model/types.js";
import type { ApiChange, OperationRef } from "./api-change.js";
import { type SchemaChange, SchemaComparer, type Severity, severityOf } from "./schema-diff.js";

/** Compares one operation of the old document with its counterpart in the new one. */
export function diffOperation(
  before: OperationModel,
  after: OperationModel,
  comparer: SchemaComparer,
): ApiChange[] {
  const operation = refOf(before);
  const changes: ApiChange[] = [];
  const note = (severity: Severity, kind: string, location: string, message: string) =>
    changes.push({ severity, kind, operation, location, message });
  if (before.method !== after.method || before.path !== after.path) {
    note(
      "breaking",
      "route-changed",
      "operation",
      `moved from ${before.method} ${before.path} to ${after.method} ${after.path}`,
    );
  }
  if (!before.deprecated && after.deprecated) {
    note("non-breaking", "operation-deprecated", "operation", "operation is now deprecated");
  }
  if (before.auth !== after.auth) {
    note(
      after.auth ? "breaking" : "non-breaking",
      "auth-changed",
      "operation",
      after.auth ? "now requires authentication" : "no longer requires authentication",
    );
  }
  changes.push(...diffParameters(operation, before.parameters, after.parameters, comparer));
  changes.push(...diffRequestBody(operation, before.requestBody, after.requestBody, comparer));
  changes.push(...diffResponses(operation, before.responses, after.responses, comparer));
  return changes;
}

function diffParameters(
  operation: OperationRef,
  before: ParameterModel[],
  after: ParameterModel[],
  comparer: SchemaComparer,
): ApiChange[] {
  const changes: ApiChange[] = [];
  const key = (parameter: ParameterModel) => `${parameter.in} parameter ${parameter.name}`;
  const beforeByKey = new Map(before.map((parameter) => [key(parameter), parameter]));
  const afterByKey = new Map(after.map((parameter) => [key(parameter), parameter]));
  for (const [location, parameter] of afterByKey) {
    const previous = beforeByKey.get(location);
    const note = (severity: Severity, kind: string, message: string) =>
      changes.push({ severity, kind, operation, location, message });
    if (previous === undefined) {
      if (parameter.required) {
        note("breaking", "parameter-added", "was added as required: calls without it are rejected");
      } else {
        note("non-breaking", "parameter-added", "was added as optional");
      }
      continue;
    }
    if (previous.required !== parameter.required) {
      note(
        severityOf(!parameter.required, "request"),
        "parameter-required-changed",
        parameter.required ? "is now required" : "is no longer required",
      );
    }
    if (
      previous.style !== parameter.style ||
      previous.explode !== parameter.explode ||
      previous.json !== parameter.json
    ) {
      note(
        "breaking",
        "parameter-serialization-changed",
        `serialization changed from ${serialization(previous)} to ${serialization(parameter)}`,
      );
    }
    changes.push(
      ...schemaChanges(
        operation,
        location,
        "",
        comparer.compare(previous.schema, parameter.schema, "request"),
      ),
    );
  }
  for (const location of beforeByKey.keys()) {
    if (afterByKey.has(location)) continue;
    const message =
      "was removed: the vendor may reject or ignore it, and code that sets it stops compiling after regeneration";
    changes.push({ severity: "breaking", kind: "parameter-removed", operation, location, message });
  }
  return changes;
}

function serialization(parameter: ParameterModel): string {
  if (parameter.json) return "JSON content";
  return `style ${parameter.style}${parameter.explode ? " exploded" : ""}`;
}

function diffRequestBody(
  operation: OperationRef,
  before: RequestBodyModel | undefined,
  after: RequestBodyModel | undefined,
  comparer: SchemaComparer,
): ApiChange[] {
  const location = "request body";
  const note = (severity: Severity, kind: string, message: string): ApiChange => ({
    severity,
    kind,
    operation,
    location,
    message,
  });
  if (before === undefined && after === undefined) return [];
  if (before === undefined) {
    const required = after!.required;
    const message = `${after!.mediaType} body was added as ${required ? "required" : "optional"}`;
    return [note(required ? "breaking" : "non-breaking", "request-body-added", message)];
  }
  if (after === undefined) {
    const message = "body was removed: calls that send one may be rejected";
    return [note("breaking", "request-body-removed", message)];
  }

  const changes: ApiChange[] = [];
  if (before.mediaType !== after.mediaType) {
    const message = `media type changed from ${before.mediaType} to ${after.mediaType}`;
    changes.push(note("breaking", "request-media-type-changed", message));
  }
  if (before.required !== after.required) {
    const message = after.required ? "is now required" : "is no longer required";
    changes.push(
      note(severityOf(!after.required, "request"), "request-body-required-changed", message),
    );
  }
  const schemaDiff = comparer.compare(before.schema, after.schema, "request");
  changes.push(...schemaChanges(operation, location, "body", schemaDiff));
  return changes;
}

function diffResponses(
  operation: OperationRef,
  before: ResponseModel[],
  after: ResponseModel[],
  comparer: SchemaComparer,
): ApiChange[] {
  const changes: ApiChange[] = [];
  const beforeByStatus = new Map(before.map((response) => [response.status, response]));
  const afterByStatus = new Map(after.map((response) => [response.status, response]));
  for (const [status, response] of afterByStatus) {
    const location = `response ${status}`;
    const previous = beforeByStatus.get(status);
    if (previous !== undefined) {
      changes.push(...diffResponse(operation, location, previous, response, comparer));
      continue;
    }
    // The runtime raises HttpStatusError for a success status the client does not declare.
    const success = isSuccess(status);
    const message = success
      ? "was added: the current client raises an error for it until regenerated"
      : "was added";
    const severity = success ? "breaking" : "non-breaking";
    changes.push({ severity, kind: "response-added", operation, location, message });
  }
  for (const status of beforeByStatus.keys()) {
    if (afterByStatus.has(status)) continue;
    const success = isSuccess(status);
    const message = success
      ? "was removed: code that handles it stops compiling after regeneration"
      : "was removed";
    const severity = success ? "breaking" : "non-breaking";
    const location = `response ${status}`;
    changes.push({ severity, kind: "response-removed", operation, location, message });
  }
  return changes;
}

function diffResponse(
  operation: OperationRef,
  location: string,
  before: ResponseModel,
  after: ResponseModel,
  comparer: SchemaComparer,
): ApiChange[] {
  const note = (severity: Severity, kind: string, message: string): ApiChange => ({
    severity,
    kind,
    operation,
    location,
    message,
  });
  if (before.kind !== after.kind) {
    return [
      note(
        "breaking",
        "response-kind-changed",
        `body changed from ${before.kind} to ${after.kind}`,
      ),
    ];
  }

  const changes: ApiChange[] = [];
  const addedTypes = after.mediaTypes.filter((type) => !before.mediaTypes.includes(type));
  const removedTypes = before.mediaTypes.filter((type) => !after.mediaTypes.includes(type));
  if (addedTypes.length > 0) {
    const message = `media type ${addedTypes.join(", ")} added: the current client rejects a response of that type`;
    changes.push(note(severityOf(true, "response"), "response-media-type-added", message));
  }
  if (removedTypes.length > 0) {
    const message = `media type ${removedTypes.join(", ")} removed`;
    changes.push(note(severityOf(false, "response"), "response-media-type-removed", message));
  }
  if (before.schema !== undefined && after.schema !== undefined) {
    const schemaDiff = comparer.compare(before.schema, after.schema, "response");
    changes.push(...schemaChanges(operation, location, "body", schemaDiff));
  } else if (before.schema !== after.schema) {
    // Without a schema the client accepts any body, so losing it widens what it receives.
    const widened = after.schema === undefined;
    const message = widened ? "body is no longer validated" : "body is now validated";
    changes.push(note(severityOf(widened, "response"), "response-schema-changed", message));
  }
  return changes;
}

function isSuccess(status: string): boolean {
  return status.startsWith("2");
}

/**
 * Turns schema changes into report entries. A change inside a component that the value reaches
 * at several paths is reported once, at the first path, with the number of repeats.
 */
function schemaChanges(
  operation: OperationRef,
  location: string,
  root: string,
  found: SchemaChange[],
): ApiChange[] {
  const entries = new Map<string, ApiChange>();
  for (const schemaChange of found) {
    const key = JSON.stringify(
      schemaChange.component
        ? [schemaChange.component.key, schemaChange.component.path, schemaChange.kind]
        : [schemaChange.path, schemaChange.kind],
    );
    const known = entries.get(key);
    if (known) {
      known.repeats = (known.repeats ?? 0) + 1;
      continue;
    }
    const entry: ApiChange = {
      severity: schemaChange.severity,
      kind: schemaChange.kind,
      operation,
      location,
      message: schemaChange.message,
    };
    // A change of a parameter's own schema has no path inside it.
    const schemaPath = root + schemaChange.path;
    if (schemaPath !== "") {
      entry.schemaPath = schemaPath;
    }
    if (schemaChange.component) {
      entry.component = schemaChange.component;
    }
    entries.set(key, entry);
  }
  return [...entries.values()];
}

/** Returns the identity of an operation as reports name it. */
export function refOf(operation: OperationModel): OperationRef {
  return { operationId: operation.operationId, method: operation.method, path: operation.path };
}
