/**
 * `operations.ts`: one `OperationSpec` constant per operation, the data the runtime executes.
 */
import type { ApiModel, OperationModel, ParameterModel, ResponseModel } from "../model/types.js";
import { stringLiteral } from "./escape.js";
import { responseSchemaReference } from "./schemas-file.js";

export function emitOperationsFile(model: ApiModel): string {
  const parts = [
    'import type { OperationSpec } from "./runtime/index.js";',
    'import * as schemas from "./schemas.js";',
    "",
  ];
  for (const operation of model.operations) {
    parts.push(`export const ${operation.methodName}: OperationSpec = ${operationLiteral(model, operation)};`, "");
  }
  if (model.operations.length === 0) parts.push("export {};", "");
  return parts.join("\n");
}

function operationLiteral(model: ApiModel, operation: OperationModel): string {
  const fields = [
    `operationId: ${stringLiteral(operation.operationId)}`,
    `method: ${stringLiteral(operation.method)}`,
    `path: ${stringLiteral(encodePathTemplate(operation.path))}`,
    `parameters: [${operation.parameters.map(parameterLiteral).join(", ")}]`,
  ];
  const body = operation.requestBody;
  if (body) {
    const jsonFields = body.jsonFields.length > 0 ? `, jsonFields: [${body.jsonFields.map(stringLiteral).join(", ")}]` : "";
    fields.push(
      `requestBody: { mediaType: ${stringLiteral(body.mediaType)}, kind: ${stringLiteral(body.kind)}, required: ${body.required}${jsonFields} }`,
    );
  }
  fields.push(`responses: [${operation.responses.map((response) => responseLiteral(model, operation, response)).join(", ")}]`);
  fields.push(`auth: ${operation.auth}`);
  return `{ ${fields.join(", ")} }`;
}

/**
 * Percent-encodes the characters of a path template that a URL path cannot carry as they are
 * (space, `?`, `#`, a `%` that starts no escape, non-ASCII), leaving `{name}` placeholders for the
 * runtime. RFC 3986 allows unreserved characters, sub-delimiters, `:`, `@` and `/` in a path.
 */
export function encodePathTemplate(template: string): string {
  return template
    .split(/(\{[^{}]+\})/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(PATH_UNSAFE, percentEncode)))
    .join("");
}

const PATH_UNSAFE = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu;

function percentEncode(character: string): string {
  const bytes = new TextEncoder().encode(character);
  return Array.from(bytes, (byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

function parameterLiteral(parameter: ParameterModel): string {
  const json = parameter.json ? ", json: true" : "";
  return `{ name: ${stringLiteral(parameter.name)}, in: ${stringLiteral(parameter.in)}, required: ${parameter.required}, style: ${stringLiteral(parameter.style)}, explode: ${parameter.explode}${json} }`;
}

function responseLiteral(model: ApiModel, operation: OperationModel, response: ResponseModel): string {
  const schema = responseSchemaReference(model, operation, response);
  const mediaTypes = `[${response.mediaTypes.map(stringLiteral).join(", ")}]`;
  return `{ status: ${stringLiteral(response.status)}, kind: ${stringLiteral(response.kind)}, mediaTypes: ${mediaTypes}${schema ? `, schema: ${schema}` : ""} }`;
}
