/**
 * Loads two versions of a vendor document, builds their models for the operations in scope and
 * returns the change report that `vendorguard diff` prints.
 */
import { buildModel, type OperationSelection } from "../model/build.js";
import type { ApiModel } from "../model/types.js";
import { loadPolicy } from "../policy/load.js";
import { type LoadedSpec, loadSpec } from "../spec/load.js";
import { type ApiChange, diffApis } from "./api-diff.js";
import { type DocumentReadOptions, toLoadOptions } from "./document-options.js";

export interface DiffRequest extends DocumentReadOptions {
  oldSpecPath: string;
  newSpecPath: string;
  /** Policy whose operations are compared and whose unknownKeys decides about new properties. */
  policyPath?: string;
  /** Compare every operation even when a policy is given. */
  all?: boolean;
}

export interface DocumentSummary {
  /** Path as given on the command line. */
  file: string;
  title: string;
  version: string;
  sha256: string;
  /** Operations compared: the policy's selection, or all of them. */
  operations: number;
}

export interface DiffSummary {
  breaking: number;
  nonBreaking: number;
  operationsAdded: number;
  operationsRemoved: number;
  /** Operations present in both versions with at least one change. */
  operationsChanged: number;
}

export interface DiffReport {
  old: DocumentSummary;
  new: DocumentSummary;
  /** The policy whose operations were compared; absent when every operation was. */
  policy?: string;
  /** Whether the current client rejects undeclared response keys, as the policy's unknownKeys sets. */
  strictUnknownKeys: boolean;
  summary: DiffSummary;
  changes: ApiChange[];
}

/** Builds the change report; raises the loader's errors for an unreadable document or policy. */
export async function diffDocuments(request: DiffRequest): Promise<DiffReport> {
  const readOptions = toLoadOptions(request);
  const loadedPolicy =
    request.policyPath === undefined ? undefined : await loadPolicy(request.policyPath);
  const policy = loadedPolicy?.policy;
  const selection: OperationSelection =
    policy === undefined || request.all === true
      ? { include: [], exclude: [] }
      : { include: policy.operations.include, exclude: policy.operations.exclude };

  const oldSpec = await loadSpec(request.oldSpecPath, readOptions);
  const oldModel = buildModel(oldSpec, selection);
  const newSpec = await loadSpec(request.newSpecPath, readOptions);
  const newModel = buildModel(newSpec, selection);

  const strictUnknownKeys = (policy?.unknownKeys ?? "strict") === "strict";
  const changes = diffApis({
    oldModel,
    newModel,
    oldDocument: oldSpec.document,
    newDocument: newSpec.document,
    strictUnknownKeys,
    ...(policy === undefined ? {} : { baseUrl: policy.baseUrl }),
  });
  return {
    old: summarizeDocument(request.oldSpecPath, oldSpec, oldModel),
    new: summarizeDocument(request.newSpecPath, newSpec, newModel),
    ...(loadedPolicy === undefined || request.all === true ? {} : { policy: loadedPolicy.file }),
    strictUnknownKeys,
    summary: summarizeChanges(changes),
    changes,
  };
}

function summarizeDocument(file: string, spec: LoadedSpec, model: ApiModel): DocumentSummary {
  return {
    file,
    title: model.title,
    version: model.version,
    sha256: spec.sha256,
    operations: model.operations.length,
  };
}

/** Counts changes by severity and operations by what happened to them. */
export function summarizeChanges(changes: ApiChange[]): DiffSummary {
  const changed = new Set<string>();
  let operationsAdded = 0;
  let operationsRemoved = 0;
  for (const change of changes) {
    if (change.kind === "operation-added") operationsAdded++;
    else if (change.kind === "operation-removed") operationsRemoved++;
    else if (change.operation) changed.add(`${change.operation.method} ${change.operation.path}`);
  }
  const breaking = changes.filter((change) => change.severity === "breaking").length;
  return {
    breaking,
    nonBreaking: changes.length - breaking,
    operationsAdded,
    operationsRemoved,
    operationsChanged: changed.size,
  };
}
