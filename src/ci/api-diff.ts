/**
 * `diff`: the changes between two versions of a vendor document that matter to a consumer of
 * the generated client, per operation, plus the servers and security schemes.
 */
import type { ApiModel, OperationModel } from "../model/types.js";
import { compareCodeUnits } from "../model/registry.js";
import type { ApiChange } from "./api-change.js";
import { listSecuritySchemes, listServerUrls, type SecuritySchemeFact } from "./document-facts.js";
import { diffOperation, refOf } from "./operation-diff.js";
import { SchemaComparer } from "./schema-diff.js";

export type { ApiChange, OperationRef } from "./api-change.js";

export interface ApiDiffInput {
  oldModel: ApiModel;
  newModel: ApiModel;
  oldDocument: Record<string, unknown>;
  newDocument: Record<string, unknown>;
  /** Whether the current client rejects undeclared response keys (unknownKeys: strict). */
  strictUnknownKeys: boolean;
  /** The policy's base URL; a removed server other than it does not break the client. */
  baseUrl?: string;
}

/** Returns every change from the old document to the new one, in a stable order. */
export function diffApis(input: ApiDiffInput): ApiChange[] {
  const comparer = new SchemaComparer(input.oldModel.schemas, input.newModel.schemas, {
    strictUnknownKeys: input.strictUnknownKeys,
  });
  const changes = [
    ...diffServers(input),
    ...diffSecuritySchemes(input.oldDocument, input.newDocument),
    ...diffOperations(input.oldModel.operations, input.newModel.operations, comparer),
  ];
  return changes.sort(compareChanges);
}

function diffServers(input: ApiDiffInput): ApiChange[] {
  const before = listServerUrls(input.oldDocument);
  const after = listServerUrls(input.newDocument);
  const changes: ApiChange[] = [];
  for (const url of before.filter((server) => !after.includes(server))) {
    const pinned =
      input.baseUrl === undefined || input.baseUrl.replace(/\/+$/, "") === url.replace(/\/+$/, "");
    const message = pinned
      ? `server ${url} was removed; check that the policy's baseUrl still reaches the vendor`
      : `server ${url} was removed; the policy pins ${input.baseUrl}`;
    changes.push({
      severity: pinned ? "breaking" : "non-breaking",
      kind: "server-removed",
      location: "servers",
      message,
    });
  }
  for (const url of after.filter((server) => !before.includes(server))) {
    changes.push({
      severity: "non-breaking",
      kind: "server-added",
      location: "servers",
      message: `server ${url} was added`,
    });
  }
  return changes;
}

function diffSecuritySchemes(
  oldDocument: Record<string, unknown>,
  newDocument: Record<string, unknown>,
): ApiChange[] {
  const before = new Map(listSecuritySchemes(oldDocument).map((scheme) => [scheme.name, scheme]));
  const after = new Map(listSecuritySchemes(newDocument).map((scheme) => [scheme.name, scheme]));
  const changes: ApiChange[] = [];
  for (const [name, scheme] of before) {
    const location = `security scheme ${name}`;
    const current = after.get(name);
    if (current === undefined) {
      changes.push({
        severity: "breaking",
        kind: "security-scheme-removed",
        location,
        message: `${describeScheme(scheme)} was removed`,
      });
    } else if (JSON.stringify(scheme) !== JSON.stringify(current)) {
      const message = `changed from ${describeScheme(scheme)} to ${describeScheme(current)}; check the policy's auth`;
      changes.push({ severity: "breaking", kind: "security-scheme-changed", location, message });
    }
  }
  for (const [name, scheme] of after) {
    if (before.has(name)) continue;
    changes.push({
      severity: "non-breaking",
      kind: "security-scheme-added",
      location: `security scheme ${name}`,
      message: `${describeScheme(scheme)} was added`,
    });
  }
  return changes;
}

function describeScheme(scheme: SecuritySchemeFact): string {
  const parts = [
    scheme.type,
    scheme.scheme,
    scheme.in,
    scheme.parameterName,
    scheme.flows,
    scheme.openIdConnectUrl,
  ];
  return parts.filter((part) => part !== undefined).join(" ");
}

/**
 * Pairs operations by operationId, then the rest by method and path (an operationId renamed),
 * and compares each pair.
 */
function diffOperations(
  before: OperationModel[],
  after: OperationModel[],
  comparer: SchemaComparer,
): ApiChange[] {
  const changes: ApiChange[] = [];
  const afterById = new Map(after.map((operation) => [operation.operationId, operation]));
  const unpairedBefore: OperationModel[] = [];
  const paired = new Set<OperationModel>();
  for (const operation of before) {
    const match = afterById.get(operation.operationId);
    if (match === undefined) {
      unpairedBefore.push(operation);
      continue;
    }
    paired.add(match);
    changes.push(...diffOperation(operation, match, comparer));
  }
  const unpairedAfter = after.filter((operation) => !paired.has(operation));
  for (const operation of unpairedBefore) {
    const index = unpairedAfter.findIndex(
      (candidate) => candidate.method === operation.method && candidate.path === operation.path,
    );
    if (index === -1) {
      changes.push({
        severity: "breaking",
        kind: "operation-removed",
        operation: refOf(operation),
        location: "operation",
        message: "operation was removed",
      });
      continue;
    }
    const [renamed] = unpairedAfter.splice(index, 1);
    const message = `operationId changed to ${JSON.stringify(renamed!.operationId)}, so the client method becomes ${renamed!.methodName}`;
    changes.push({
      severity: "breaking",
      kind: "operation-renamed",
      operation: refOf(operation),
      location: "operation",
      message,
    });
    changes.push(...diffOperation(operation, renamed!, comparer));
  }
  for (const operation of unpairedAfter) {
    changes.push({
      severity: "non-breaking",
      kind: "operation-added",
      operation: refOf(operation),
      location: "operation",
      message: "operation was added",
    });
  }
  return changes;
}

/** Document-wide changes first, then by path, method, location and schema path. */
function compareChanges(a: ApiChange, b: ApiChange): number {
  const keyOf = (change: ApiChange) => [
    change.operation ? "1" : "0",
    change.operation?.path ?? "",
    change.operation?.method ?? "",
    change.location,
    change.schemaPath ?? "",
    change.kind,
  ];
  const left = keyOf(a);
  const right = keyOf(b);
  for (let i = 0; i < left.length; i++) {
    const order = compareCodeUnits(left[i]!, right[i]!);
    if (order !== 0) return order;
  }
  return 0;
}
