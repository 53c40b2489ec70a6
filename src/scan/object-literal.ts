/** Reading options objects written as object literals, directly or through a `const` name. */
import ts from "typescript";
import { originOf } from "./bindings.js";
import { skipOuterExpressions } from "./url-value.js";

/** Returns the object literal `expression` is, or a `const` in the same file is initialised with. */
export function asObjectLiteral(
  expression: ts.Expression | undefined,
  checker: ts.TypeChecker,
): ts.ObjectLiteralExpression | undefined {
  if (expression === undefined) return undefined;
  const node = skipOuterExpressions(expression);
  if (ts.isObjectLiteralExpression(node)) return node;
  if (!ts.isIdentifier(node)) return undefined;
  const origin = originOf(node, checker);
  if (origin.kind !== "variable" || !origin.isConst) return undefined;
  const initializer = origin.declaration.initializer;
  return initializer !== undefined &&
    ts.isObjectLiteralExpression(skipOuterExpressions(initializer))
    ? (skipOuterExpressions(initializer) as ts.ObjectLiteralExpression)
    : undefined;
}

/** Returns the value written for the key `name` (`name: value` or shorthand `name`). */
export function propertyValue(
  object: ts.ObjectLiteralExpression | undefined,
  name: string,
): ts.Expression | undefined {
  if (object === undefined) return undefined;
  for (const property of object.properties) {
    if (propertyKey(property) !== name) continue;
    if (ts.isPropertyAssignment(property)) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property)) return property.name;
  }
  return undefined;
}

/** Returns the static key text of an object literal member: `a`, `"a"`, `1`, or undefined. */
export function propertyKey(property: ts.ObjectLiteralElementLike): string | undefined {
  const name = property.name;
  if (name === undefined) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) {
    return name.expression.text;
  }
  return undefined;
}
