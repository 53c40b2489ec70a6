/**
 * `client.ts` and `index.ts`: the client class with one method per operation, rendered from
 * templates with an escaped view model.
 */
import type { ApiModel, OperationModel } from "../model/types.js";
import { commentText, docComment } from "./escape.js";
import { sanitizePath } from "./schemas-file.js";
import { renderTemplate } from "./templates.js";

interface MethodView {
  doc: string;
  name: string;
  inputType: string;
  resultType: string;
  inputOptional: boolean;
}

export function emitClientFile(model: ApiModel, className: string, vendorName: string): string {
  const methods: MethodView[] = model.operations.map((operation) => ({
    doc: methodDoc(operation).replace(/\n$/, "\n  "),
    name: operation.methodName,
    inputType: `${operation.typeName}Input`,
    resultType: `${operation.typeName}Result`,
    inputOptional: !hasRequiredInput(operation),
  }));
  return renderTemplate("client.ts", { className, vendorComment: commentText(vendorName).replace(/\n/g, " "), methods });
}

export function emitIndexFile(className: string): string {
  return renderTemplate("index.ts", { className });
}

function methodDoc(operation: OperationModel): string {
  const signature = `\`${operation.method} ${sanitizePath(operation.path)}\` (operationId ${commentText(operation.operationId).replace(/\n/g, " ")})`;
  const deprecated = operation.deprecated ? "@deprecated The vendor marks this operation as deprecated." : undefined;
  const description = operation.description === operation.summary ? undefined : operation.description;
  return docComment(operation.summary, description, signature, deprecated);
}

function hasRequiredInput(operation: OperationModel): boolean {
  return operation.parameters.some((parameter) => parameter.required) || operation.requestBody?.required === true;
}
