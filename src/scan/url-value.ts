/**
 * Evaluating the URL argument of a call without running the code: string literals, templates,
 * `+` concatenation, `const` names declared in the same file and `new URL(path, base)`. What
 * depends on anything else (a parameter, the environment, another file) stays unknown.
 */
import ts from "typescript";
import { originOf } from "./bindings.js";

/**
 * The value of a URL expression as far as the file fixes it: the whole `text`, a `prefix` that
 * the value starts with (the rest is computed at run time), or `unknown`.
 */
export type UrlValue =
  { kind: "text"; text: string } | { kind: "prefix"; text: string } | { kind: "unknown" };

const UNKNOWN: UrlValue = { kind: "unknown" };

/** How many `const` names one evaluation follows, which also ends a cycle of them. */
const MAX_CONST_DEPTH = 10;

/** Evaluates `expression` to the URL text it is known to produce. */
export function evaluateUrl(
  expression: ts.Expression,
  checker: ts.TypeChecker,
  depth = 0,
): UrlValue {
  const node = skipOuterExpressions(expression);
  if (ts.isStringLiteralLike(node) || ts.isNumericLiteral(node)) {
    return { kind: "text", text: node.text };
  }
  if (ts.isTemplateExpression(node)) return evaluateTemplate(node, checker, depth);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return concatenate(evaluateUrl(node.left, checker, depth), () =>
      evaluateUrl(node.right, checker, depth),
    );
  }
  if (ts.isIdentifier(node)) return evaluateConst(node, checker, depth);
  if (ts.isNewExpression(node)) return evaluateConstruction(node, checker, depth);
  if (ts.isPropertyAccessExpression(node) && node.name.text === "href") {
    return evaluateUrl(node.expression, checker, depth);
  }
  if (isToStringCall(node)) return evaluateUrl(node.expression.expression, checker, depth);
  return UNKNOWN;
}

/** Removes parentheses, type assertions, `!` and `satisfies`, which do not change the value. */
export function skipOuterExpressions(expression: ts.Expression): ts.Expression {
  let node = expression;
  while (
    ts.isParenthesizedExpression(node) ||
    ts.isAsExpression(node) ||
    ts.isTypeAssertionExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isSatisfiesExpression(node)
  ) {
    node = node.expression;
  }
  return node;
}

function evaluateTemplate(
  template: ts.TemplateExpression,
  checker: ts.TypeChecker,
  depth: number,
): UrlValue {
  let text = template.head.text;
  for (const span of template.templateSpans) {
    const value = evaluateUrl(span.expression, checker, depth);
    if (value.kind !== "text") {
      return { kind: "prefix", text: value.kind === "prefix" ? text + value.text : text };
    }
    text += value.text + span.literal.text;
  }
  return { kind: "text", text };
}

function concatenate(left: UrlValue, right: () => UrlValue): UrlValue {
  if (left.kind !== "text") return left.kind === "prefix" ? left : UNKNOWN;
  const tail = right();
  if (tail.kind === "text") return { kind: "text", text: left.text + tail.text };
  return { kind: "prefix", text: tail.kind === "prefix" ? left.text + tail.text : left.text };
}

function evaluateConst(
  identifier: ts.Identifier,
  checker: ts.TypeChecker,
  depth: number,
): UrlValue {
  if (depth >= MAX_CONST_DEPTH) return UNKNOWN;
  const origin = originOf(identifier, checker);
  if (origin.kind !== "variable" || !origin.isConst) return UNKNOWN;
  const initializer = origin.declaration.initializer;
  return initializer === undefined ? UNKNOWN : evaluateUrl(initializer, checker, depth + 1);
}

/** `new URL(input, base)` and `new Request(input)`, when the class is the global one. */
function evaluateConstruction(
  construction: ts.NewExpression,
  checker: ts.TypeChecker,
  depth: number,
): UrlValue {
  const callee = construction.expression;
  const [input, base] = construction.arguments ?? [];
  if (!ts.isIdentifier(callee) || input === undefined) return UNKNOWN;
  if (!isGlobalOrNodeUrlClass(callee, checker)) return UNKNOWN;
  const inputValue = evaluateUrl(input, checker, depth);
  if (callee.text === "Request" || base === undefined) return inputValue;
  return resolveAgainstBase(inputValue, evaluateUrl(base, checker, depth));
}

function isGlobalOrNodeUrlClass(callee: ts.Identifier, checker: ts.TypeChecker): boolean {
  if (callee.text !== "URL" && callee.text !== "Request") return false;
  const origin = originOf(callee, checker);
  if (origin.kind === "global") return true;
  return (
    callee.text === "URL" &&
    origin.kind === "import" &&
    (origin.module === "url" || origin.module === "node:url") &&
    origin.name === "URL"
  );
}

/**
 * Applies the WHATWG rules of `new URL(input, base)` as far as the values are known. A relative
 * input keeps the base's scheme and host, so a known base prefix still fixes the host.
 */
function resolveAgainstBase(input: UrlValue, base: UrlValue): UrlValue {
  if (input.kind === "unknown") return UNKNOWN;
  if (hasScheme(input.text)) return input;
  // "//host/path" replaces the base's host, and an empty prefix may turn out to be absolute.
  if (input.text.startsWith("//") || (input.kind === "prefix" && input.text === "")) {
    return UNKNOWN;
  }
  if (base.kind === "unknown") return UNKNOWN;
  if (input.kind === "text" && base.kind === "text") {
    try {
      return { kind: "text", text: new URL(input.text, base.text).href };
    } catch {
      return UNKNOWN;
    }
  }
  return { kind: "prefix", text: base.text };
}

/** Returns whether a URL text starts with a scheme such as `https:`. */
export function hasScheme(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(text);
}

function isToStringCall(
  node: ts.Expression,
): node is ts.CallExpression & { expression: ts.PropertyAccessExpression } {
  return (
    ts.isCallExpression(node) &&
    node.arguments.length === 0 &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === "toString"
  );
}
