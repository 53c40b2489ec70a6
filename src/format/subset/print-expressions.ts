/**
 * Expressions printed with prettier's layouts: literals, arrays, objects, arrow functions, `as`,
 * `new` and member access. Calls and member chains are in `print-calls.ts`, assignments in
 * `print-assignment.ts`.
 */
import type { ArrayExpression, ArrowFunction, Expression, ObjectExpression, Parameter, Property } from "./ast.js";
import { fill, group, ifBreak, indent, line, softline, type Doc } from "../layout/doc.js";
import { printAssignment } from "./print-assignment.js";
import { printCall, printCallArguments } from "./print-calls.js";
import type { Place } from "./print-context.js";
import { printNumber, printPropertyKey, printStringLiteral } from "./print-literals.js";
import { printType } from "./print-types.js";
import { UnsupportedSyntax } from "./tokens.js";

/**
 * Docs of printed nodes. prettier caches the same way: a node printed again (an argument tried
 * both hugged and broken out) reuses its children's docs, which keeps the work linear in the size
 * of the code. A node always has the same parent, and only arrow functions print differently
 * when hugged or on the right of an assignment, so every other node is cached whatever the place.
 */
const printed = new Map<Expression, Doc>();

/** Drops the cached docs; called after each top-level statement, whose nodes are then unused. */
export function clearPrintCache(): void {
  printed.clear();
}

export function printExpression(node: Expression, place: Place): Doc {
  const cacheable = node.type !== "ArrowFunction" || (place.expandLastArg !== true && place.assignmentLayout === undefined);
  if (cacheable) {
    const cached = printed.get(node);
    if (cached !== undefined) return cached;
  }
  const doc = printUncached(node, place);
  if (cacheable) printed.set(node, doc);
  return doc;
}

function printUncached(node: Expression, place: Place): Doc {
  switch (node.type) {
    case "Identifier":
      return node.name;
    case "StringLiteral":
      return printStringLiteral(node.raw);
    case "NumericLiteral":
      return printNumber(node.raw);
    case "KeywordLiteral":
      return node.value;
    case "ArrayExpression":
      return printArray(node);
    case "ObjectExpression":
      return printObject(node);
    case "ArrowFunction":
      return printArrow(node, place);
    case "CallExpression":
      return printCall(node, place);
    case "NewExpression":
      return ["new ", printExpression(node.callee, { parent: "new", key: "callee" }), printCallArguments(node.arguments)];
    case "MemberExpression":
      return printMember(node, place);
    case "AsExpression":
      return printAs(node, place);
    case "UnaryExpression":
      return printUnary(node);
    case "AssignmentExpression":
      return printAssignment({
        kind: "assignment",
        left: printExpression(node.left, { parent: "assignment", key: "object" }),
        operator: " =",
        right: node.right,
      });
  }
}

function printAs(node: Extract<Expression, { type: "AsExpression" }>, place: Place): Doc {
  if ((place.parent === "call" && place.key === "callee") || place.parent === "member" || place.parent === "new") {
    throw new UnsupportedSyntax("`as` expression as a callee or object", 0);
  }
  if (node.expression.type === "ArrowFunction" || node.expression.type === "AssignmentExpression") {
    throw new UnsupportedSyntax("`as` on an expression that needs parentheses", 0);
  }
  return [printExpression(node.expression, { parent: "as", key: "expression" }), " as ", printType(node.typeAnnotation, "annotation")];
}

function printUnary(node: Extract<Expression, { type: "UnaryExpression" }>): Doc {
  const argument = node.argument;
  const simple = argument.type === "Identifier" || argument.type === "NumericLiteral" || argument.type === "CallExpression" || argument.type === "MemberExpression" || argument.type === "KeywordLiteral";
  if (!simple) throw new UnsupportedSyntax("unary operand", 0);
  return [node.operator, printExpression(argument, { parent: "unary", key: "argument" })];
}

/** `a.b`: prettier keeps the lookup on the line of the object in the forms the emitters write. */
function printMember(node: Extract<Expression, { type: "MemberExpression" }>, place: Place): Doc {
  if (node.computed) throw new UnsupportedSyntax("computed member access outside a call", 0);
  const object = node.object;
  const lookup = node.property.type === "PrivateName" ? node.property.name : `.${node.property.name}`;
  const simpleObject = object.type === "Identifier" && node.property.type === "Identifier";
  const assignmentTarget = place.parent === "assignment" && (object.type === "KeywordLiteral" || object.type === "Identifier");
  if (!(simpleObject && place.parent !== "member") && !assignmentTarget) {
    throw new UnsupportedSyntax("member access that prettier may break", 0);
  }
  const objectDoc = printExpression(object, { parent: "member", key: "object" });
  return node.property.type === "PrivateName" ? [objectDoc, ".", lookup] : [objectDoc, lookup];
}

// Arrays

export function printArray(node: ArrayExpression): Doc {
  const elements = node.elements;
  if (elements.length === 0) return group(["[", "]"]);
  const shouldBreak =
    elements.length > 1 &&
    elements.every((element, index) => {
      if (element.type !== "ArrayExpression" && element.type !== "ObjectExpression") return false;
      const next = elements[index + 1];
      if (next && next.type !== element.type) return false;
      const items = element.type === "ArrayExpression" ? element.elements : element.properties;
      return items.length > 1;
    });
  const id = Symbol("array");
  if (isConciselyPrintedArray(node)) {
    const trailingComma = ifBreak(",", "", id);
    const parts: Doc[] = [];
    elements.forEach((element, index) => {
      const last = index === elements.length - 1;
      parts.push([printExpression(element, { parent: "array", key: "elements" }), last ? trailingComma : ","]);
      if (!last) parts.push(line);
    });
    return group(["[", indent([softline, fill(parts)]), softline, "]"], { shouldBreak, id });
  }
  const parts: Doc[] = [];
  elements.forEach((element, index) => {
    parts.push(group(printExpression(element, { parent: "array", key: "elements" })));
    if (index < elements.length - 1) parts.push([",", line, ""]);
  });
  return group(["[", indent([softline, parts, ifBreak(",")]), softline, "]"], { shouldBreak, id });
}

/** Arrays of numbers only, which prettier fills line by line. */
export function isConciselyPrintedArray(node: Expression): boolean {
  return (
    node.type === "ArrayExpression" &&
    node.elements.length > 0 &&
    node.elements.every(
      (element) =>
        element.type === "NumericLiteral" ||
        (element.type === "UnaryExpression" && element.operator === "-" && element.argument.type === "NumericLiteral"),
    )
  );
}

// Objects

export function printObject(node: ObjectExpression): Doc {
  if (node.properties.length === 0) return "{}";
  const parts: Doc[] = [];
  node.properties.forEach((property, index) => {
    if (index > 0) parts.push(",", line);
    parts.push(group(printProperty(property)));
  });
  return group(["{", indent([line, ...parts]), ifBreak(","), line, "}"], { shouldBreak: node.brokenInSource });
}

function printProperty(property: Property): Doc {
  if (property.shorthand) return printExpression(property.value, { parent: "property", key: "value" });
  const key = property.key;
  const keyDoc =
    key.type === "ComputedKey" ? computedKey(key.expression) : printPropertyKey(key);
  return printAssignment({ kind: "property", left: keyDoc, operator: ":", right: property.value });
}

function computedKey(expression: Expression): string {
  if (expression.type !== "StringLiteral") throw new UnsupportedSyntax("computed key", 0);
  return `[${printStringLiteral(expression.raw)}]`;
}

// Arrow functions

export function printArrow(node: ArrowFunction, place: Place): Doc {
  if (node.body.type === "ArrowFunction") throw new UnsupportedSyntax("arrow function chain", 0);
  if (place.parent === "call" && place.key === "callee") throw new UnsupportedSyntax("arrow function as a callee", 0);
  const expand = place.expandLastArg === true;
  const signature = group([printParameters(node.params, expand), ""]);
  const body = node.body;
  const sameLine = body.type === "ArrayExpression" || body.type === "ObjectExpression";
  const bodyDoc = printExpression(body, { parent: "arrow", key: "body" });
  const printedBody: Doc = sameLine
    ? [" ", bodyDoc]
    : [indent([line, bodyDoc]), expand ? ifBreak(",") : "", expand ? softline : ""];
  return group([group(signature), " =>", group(printedBody)]);
}

/** Parameters of an arrow function or method. */
export function printParameters(params: Parameter[], expandArgument = false): Doc {
  if (params.length === 0) return ["(", ")"];
  const printed: Doc[] = [];
  params.forEach((param, index) => {
    printed.push(printParameter(param));
    if (index < params.length - 1) printed.push(",", expandArgument ? " " : line);
  });
  if (expandArgument) {
    if (params.some((param) => param.typeAnnotation || param.defaultValue)) {
      throw new UnsupportedSyntax("typed parameters in a hugged argument", 0);
    }
    return group(["(", ...printed, ")"]);
  }
  return ["(", indent([softline, ...printed]), ifBreak(","), softline, ")"];
}

function printParameter(param: Parameter): Doc {
  const parts: Doc[] = [param.name, param.optional ? "?" : ""];
  if (param.typeAnnotation) {
    if (param.typeAnnotation.type === "TypeLiteral") throw new UnsupportedSyntax("object-typed parameter", 0);
    parts.push(": ", printType(param.typeAnnotation, "annotation"));
  }
  if (param.defaultValue) parts.push(" = ", printExpression(param.defaultValue, { parent: "parameter", key: "right" }));
  return parts;
}
