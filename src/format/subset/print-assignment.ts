/**
 * `left = right` and `key: value` with prettier's choice of where to break: after the operator,
 * inside the right-hand side, or (the "fluid" layout) after the operator only when the right-hand
 * side's first line would not fit.
 */
import type { Expression, TypeNode } from "./ast.js";
import { canBreak, group, indent, indentIfBreak, line, type Doc } from "../layout/doc.js";
import { isLoneShortArgument, isMemberChainCall } from "./print-calls.js";
import type { AssignmentLayout } from "./print-context.js";
import { printExpression } from "./print-expressions.js";
import { breaksAfterOperator, printType } from "./print-types.js";
import { textWidth } from "../layout/text-width.js";

const PRINT_WIDTH = 100;
const TAB_WIDTH = 2;

export type Assignment =
  | { kind: "variable" | "property" | "assignment"; left: Doc; operator: string; right: Expression }
  | { kind: "type-alias"; left: Doc; operator: string; right: TypeNode };

export function printAssignment(assignment: Assignment): Doc {
  const layout = chooseLayout(assignment);
  const right =
    assignment.kind === "type-alias"
      ? printType(assignment.right, "alias", 0, layout === "break-after-operator")
      : printExpression(assignment.right, { parent: assignment.kind, key: "right", assignmentLayout: layout });
  const { left, operator } = assignment;
  switch (layout) {
    case "break-after-operator":
      return group([group(left), operator, group(indent([line, right]))]);
    case "never-break-after-operator":
      return group([group(left), operator, " ", right]);
    case "break-lhs":
      return group([left, operator, " ", group(right)]);
    case "fluid": {
      const id = Symbol("assignment");
      return group([group(left), operator, group(indent(line), { id }), indentIfBreak(right, id)]);
    }
    default:
      throw new Error(`internal error: assignment layout ${layout}`);
  }
}

function chooseLayout(assignment: Assignment): AssignmentLayout {
  const canBreakLeft = canBreak(assignment.left);
  if (assignment.kind === "type-alias") return breaksAfterOperator(assignment.right) ? "break-after-operator" : "fluid";
  const right = assignment.right;
  if (right.type === "ArrowFunction" && assignment.kind === "variable" && canBreakLeft) return "break-lhs";
  const hasShortKey = assignment.kind === "property" && isShortKey(assignment.left);
  if (shouldBreakAfterOperator(right, hasShortKey)) return "break-after-operator";
  if (!canBreakLeft && (hasShortKey || isBooleanOrNumber(right))) return "never-break-after-operator";
  return "fluid";
}

/** Keys shorter than the indentation plus three columns: breaking after them gains little. */
function isShortKey(key: Doc): boolean {
  return typeof key === "string" && textWidth(key) < TAB_WIDTH + 3;
}

function isBooleanOrNumber(node: Expression): boolean {
  return node.type === "NumericLiteral" || (node.type === "KeywordLiteral" && (node.value === "true" || node.value === "false"));
}

function shouldBreakAfterOperator(right: Expression, hasShortKey: boolean): boolean {
  if (hasShortKey) return false;
  let node = right;
  while (node.type === "UnaryExpression") node = node.argument;
  return node.type === "StringLiteral" || isPoorlyBreakableMemberOrCallChain(node, false);
}

/**
 * Returns true for a chain of lookups and calls without arguments or with one short argument,
 * such as `z.string()` or `a.b.c`, which prettier moves to the next line rather than break inside.
 */
function isPoorlyBreakableMemberOrCallChain(node: Expression, deep: boolean): boolean {
  if (node.type === "CallExpression") {
    const args = node.arguments;
    const poorlyBreakable = args.length === 0 || (args.length === 1 && isLoneShortArgument(args[0]!, PRINT_WIDTH));
    if (!poorlyBreakable) return false;
    if (hasComplexTypeArguments(node.typeArguments)) return false;
    if (isMemberChainCall(node)) return false;
    return isPoorlyBreakableMemberOrCallChain(node.callee, true);
  }
  if (node.type === "MemberExpression") return isPoorlyBreakableMemberOrCallChain(node.object, true);
  return deep && (node.type === "Identifier" || (node.type === "KeywordLiteral" && node.value === "this"));
}

function hasComplexTypeArguments(typeArguments: TypeNode[] | undefined): boolean {
  if (!typeArguments || typeArguments.length === 0) return false;
  if (typeArguments.length > 1) return true;
  const only = typeArguments[0]!;
  if (only.type === "UnionType" || only.type === "IntersectionType" || only.type === "TypeLiteral") return true;
  return false;
}
