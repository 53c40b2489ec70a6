/**
 * `types.ts`: the declared TypeScript types of every named schema, their request-side variants,
 * and each operation's input and result types.
 */
import type { ApiModel, OperationModel, ParameterModel, ResponseModel } from "../model/types.js";
import type { ParameterLocation } from "../runtime/operation.js";
import { docComment, propertyKey } from "./escape.js";
import { namedSchema, responseTypeName } from "./schemas-file.js";
import { emitType, type TypeContext } from "./ts-type.js";

/** Group of the call input each parameter location goes into. */
const INPUT_GROUPS: Array<{ location: ParameterLocation; group: string }> = [
  { location: "path", group: "path" },
  { location: "query", group: "query" },
  { location: "header", group: "headers" },
  { location: "cookie", group: "cookies" },
];

export function emitTypesFile(model: ApiModel): string {
  const response = responseContext(model);
  const request = requestContext(model);
  const parts: string[] = ['import type { ApiResponse } from "./runtime/index.js";', ""];
  for (const schema of model.schemas) {
    parts.push(`${docComment(schema.node.description)}export type ${schema.typeName} = ${emitType(schema.node, response)};`, "");
    if (schema.hasInputVariant) {
      parts.push(
        `/** ${schema.typeName} as sent in requests: readOnly properties may be left out. */\nexport type ${schema.inputTypeName} = ${emitType(schema.node, request)};`,
        "",
      );
    }
  }
  for (const operation of model.operations) parts.push(...emitOperationTypes(model, operation, response, request));
  return parts.join("\n");
}

export function responseContext(model: ApiModel): TypeContext {
  return { side: "response", typeName: (target) => namedSchema(model, target).typeName, withDocs: true };
}

function requestContext(model: ApiModel): TypeContext {
  return {
    side: "request",
    typeName: (target) => {
      return namedSchema(model, target).inputTypeName;
    },
    withDocs: true,
  };
}

function emitOperationTypes(model: ApiModel, operation: OperationModel, response: TypeContext, request: TypeContext): string[] {
  const parts: string[] = [];
  for (const item of operation.responses) {
    if (!item.schema || item.schema.kind === "ref") continue;
    parts.push(`export type ${responseTypeName(operation, item)} = ${emitType(item.schema, response)};`, "");
  }
  parts.push(`/** Input of \`${operation.methodName}\`. */\nexport type ${operation.typeName}Input = ${inputType(operation, request)};`, "");
  parts.push(`/** Successful results of \`${operation.methodName}\`, by status. */\nexport type ${operation.typeName}Result = ${resultType(model, operation)};`, "");
  return parts;
}

function inputType(operation: OperationModel, request: TypeContext): string {
  const members: string[] = [];
  for (const { location, group } of INPUT_GROUPS) {
    const parameters = operation.parameters.filter((parameter) => parameter.in === location);
    if (parameters.length === 0) continue;
    const required = parameters.some((parameter) => parameter.required);
    members.push(`${group}${required ? "" : "?"}: { ${parameters.map((parameter) => parameterMember(parameter, request)).join("\n")} };`);
  }
  const body = operation.requestBody;
  if (body) members.push(`body${body.required ? "" : "?"}: ${emitType(body.schema, request)};`);
  return members.length === 0 ? "{ [key: string]: never }" : `{\n${members.join("\n")}\n}`;
}

function parameterMember(parameter: ParameterModel, request: TypeContext): string {
  const key = propertyKey(parameter.name, { inObjectLiteral: false });
  return `${docComment(parameter.description)}${key}${parameter.required ? "" : "?"}: ${emitType(parameter.schema, request)};`;
}

/**
 * Success statuses are the 2xx codes and `2XX`; a document that declares none of those makes its
 * `default` response the success result.
 */
export function successResponses(operation: OperationModel): ResponseModel[] {
  const success = operation.responses.filter((response) => /^2(\d\d|XX)$/i.test(response.status));
  if (success.length > 0) return success;
  return operation.responses.filter((response) => response.status === "default");
}

function resultType(model: ApiModel, operation: OperationModel): string {
  const responses = successResponses(operation);
  if (responses.length === 0) return "never";
  return responses
    .map((response) => {
      const status = /^\d+$/.test(response.status) ? response.status : "number";
      return `ApiResponse<${status}, ${dataType(model, operation, response)}>`;
    })
    .join(" | ");
}

function dataType(model: ApiModel, operation: OperationModel, response: ResponseModel): string {
  switch (response.kind) {
    case "empty":
      return "undefined";
    case "text":
      return "string";
    case "binary":
      return "Uint8Array";
    case "json":
      if (!response.schema) return "unknown";
      if (response.schema.kind === "ref") return namedSchema(model, response.schema.target).typeName;
      return responseTypeName(operation, response);
  }
}
