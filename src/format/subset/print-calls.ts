/**
 * Calls, with prettier's two hard parts: member chains (`z.string().min(1).optional()`), which
 * print on one line or one call per line, and argument lists, whose last object, array or arrow
 * function may be hugged by the parentheses.
 */
import type { CallExpression, Expression } from "./ast.js";
import {
  breakParent,
  conditionalGroup,
  group,
  hardline,
  ifBreak,
  indent,
  join,
  line,
  softline,
  willBreak,
  type Doc,
} from "../layout/doc.js";
import type { Place } from "./print-context.js";
import { isConciselyPrintedArray, printExpression } from "./print-expressions.js";
import { printStringLiteral } from "./print-literals.js";
import { printTypeArguments } from "./print-types.js";
import { UnsupportedSyntax } from "./tokens.js";

export function printCall(node: CallExpression, place: Place): Doc {
  const callee = node.callee;
  if (callee.type === "MemberExpression") return printMemberChain(node, place);
  if (callee.type === "CallExpression") throw new UnsupportedSyntax("curried call", 0);
  if (callee.type !== "Identifier") throw new UnsupportedSyntax("call of an expression", 0);
  return [callee.name, printCallTypeArguments(node), printCallArguments(node.arguments)];
}

function printCallTypeArguments(node: CallExpression): Doc {
  return node.typeArguments ? printTypeArguments(node.typeArguments) : "";
}

// Argument lists

export function printCallArguments(args: Expression[]): Doc {
  if (args.length === 0) return group(["(", ")"]);
  const printed = args.map((arg, index): Doc => {
    const doc = printExpression(arg, { parent: "call", key: "arguments" });
    return index < args.length - 1 ? [doc, ",", line] : doc;
  });
  const allArgsBrokenOut = (): Doc => group(["(", indent([line, ...printed]), ",", line, ")"], { shouldBreak: true });

  if (isFunctionCompositionArgs(args)) return allArgsBrokenOut();

  if (shouldExpandLastArg(args)) {
    const head = printed.slice(0, -1);
    if (head.some(willBreak)) return allArgsBrokenOut();
    const last = printExpression(args[args.length - 1]!, { parent: "call", key: "arguments", expandLastArg: true });
    if (willBreak(last)) {
      return [breakParent, conditionalGroup([["(", ...head, group(last, { shouldBreak: true }), ")"], allArgsBrokenOut()])];
    }
    return conditionalGroup([
      ["(", ...head, last, ")"],
      ["(", ...head, group(last, { shouldBreak: true }), ")"],
      allArgsBrokenOut(),
    ]);
  }

  return group(["(", indent([softline, ...printed]), ifBreak(","), softline, ")"], { shouldBreak: printed.some(willBreak) });
}

/** Two or more function arguments, or a call argument that takes a function, break every argument. */
function isFunctionCompositionArgs(args: Expression[]): boolean {
  if (args.length <= 1) return false;
  let functions = 0;
  for (const arg of args) {
    if (arg.type === "ArrowFunction") {
      functions += 1;
      if (functions > 1) return true;
    } else if (arg.type === "CallExpression" && arg.arguments.some((child) => child.type === "ArrowFunction")) {
      return true;
    }
  }
  return false;
}

function couldExpandArg(arg: Expression): boolean {
  if (arg.type === "ObjectExpression") return arg.properties.length > 0;
  if (arg.type === "ArrayExpression") return arg.elements.length > 0;
  if (arg.type === "AsExpression") return couldExpandArg(arg.expression);
  if (arg.type === "ArrowFunction") {
    const body = arg.body;
    return body.type === "ObjectExpression" || body.type === "ArrayExpression" || body.type === "CallExpression";
  }
  return false;
}

function shouldExpandLastArg(args: Expression[]): boolean {
  const last = args[args.length - 1]!;
  const penultimate = args[args.length - 2];
  return (
    couldExpandArg(last) &&
    (!penultimate || estreeType(penultimate) !== estreeType(last)) &&
    (args.length !== 2 || penultimate!.type !== "ArrowFunction" || last.type !== "ArrayExpression") &&
    !(args.length > 1 && isConciselyPrintedArray(last))
  );
}

/** Returns the node type name prettier compares, in which all literals are one type. */
function estreeType(node: Expression): string {
  if (node.type === "StringLiteral" || node.type === "NumericLiteral") return "Literal";
  if (node.type === "KeywordLiteral") return node.value === "this" ? "ThisExpression" : "Literal";
  return node.type;
}

// Member chains

interface ChainNode {
  node: Expression;
  kind: "call" | "member" | "head";
}

/** Flattens `a.b(c).d(e)` into its head and the lookups and calls after it, in source order. */
function linearizeChain(call: CallExpression): ChainNode[] {
  const nodes: ChainNode[] = [{ node: call, kind: "call" }];
  let current: Expression = call.callee;
  for (;;) {
    if (current.type === "CallExpression" && (current.callee.type === "MemberExpression" || current.callee.type === "CallExpression")) {
      nodes.push({ node: current, kind: "call" });
      current = current.callee;
    } else if (current.type === "MemberExpression") {
      nodes.push({ node: current, kind: "member" });
      current = current.object;
    } else {
      nodes.push({ node: current, kind: "head" });
      return nodes.reverse();
    }
  }
}

/** Prints one link of a chain: the head, a `.name` lookup, or a call's type arguments and arguments. */
function printChainNode({ node, kind }: ChainNode): Doc {
  if (kind === "call") {
    const call = node as CallExpression;
    return [printCallTypeArguments(call), printCallArguments(call.arguments)];
  }
  if (kind === "member") {
    const member = node as Extract<Expression, { type: "MemberExpression" }>;
    if (member.computed) throw new UnsupportedSyntax("computed member in a chain", 0);
    return [".", member.property.name];
  }
  if (node.type === "AsExpression" || node.type === "ArrowFunction" || node.type === "UnaryExpression" || node.type === "ObjectExpression") {
    throw new UnsupportedSyntax("member chain head that needs parentheses", 0);
  }
  return printExpression(node, { parent: "member", key: "object" });
}

/** Splits the flattened chain into prettier's groups: the head, then `.name(...)` runs. */
function groupChain(nodes: ChainNode[]): ChainNode[][] {
  const groups: ChainNode[][] = [];
  let current: ChainNode[] = [nodes[0]!];
  let i = 1;
  for (; i < nodes.length && nodes[i]!.kind === "call"; i++) current.push(nodes[i]!);
  if (nodes[0]!.node.type !== "CallExpression") {
    for (; i + 1 < nodes.length && nodes[i]!.kind === "member" && nodes[i + 1]!.kind === "member"; i++) current.push(nodes[i]!);
  }
  groups.push(current);
  current = [];
  let seenCall = false;
  for (; i < nodes.length; i++) {
    const chainNode = nodes[i]!;
    if (seenCall && chainNode.kind === "member") {
      groups.push(current);
      current = [];
      seenCall = false;
    }
    if (chainNode.kind === "call") seenCall = true;
    current.push(chainNode);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function isFactory(name: string): boolean {
  return /^[A-Z]|^[$_]+$/.test(name);
}

/** Returns true when the head stays on the first line with the first call: `Object.keys(x)`, `this.items`. */
function shouldMerge(groups: ChainNode[][], isExpressionStatement: boolean): boolean {
  if (groups.length < 2) return false;
  const first = groups[0]!;
  if (first.length === 1) {
    const head = first[0]!.node;
    if (head.type === "KeywordLiteral" && head.value === "this") return true;
    return head.type === "Identifier" && (isFactory(head.name) || (isExpressionStatement && head.name.length <= 2));
  }
  const last = first[first.length - 1]!.node;
  return last.type === "MemberExpression" && last.property.type === "Identifier" && isFactory(last.property.name);
}

function printMemberChain(call: CallExpression, place: Place): Doc {
  const nodes = linearizeChain(call);
  const groups = groupChain(nodes);
  const merge = shouldMerge(groups, place.parent === "expression-statement");
  const printedNodes = new Map(nodes.map((chainNode) => [chainNode, printChainNode(chainNode)]));
  const printGroup = (chainGroup: ChainNode[]): Doc => chainGroup.map((chainNode) => printedNodes.get(chainNode)!);
  const printedGroups = groups.map(printGroup);
  const oneLine = printedGroups;
  const cutoff = merge ? 3 : 2;
  if (groups.length <= cutoff) return group(oneLine);

  const rest = groups.slice(merge ? 2 : 1);
  const expanded: Doc = [
    printGroup(groups[0]!),
    merge ? printGroup(groups[1]!) : "",
    indent([hardline, join(hardline, rest.map(printGroup))]),
  ];
  const calls = nodes.filter((chainNode) => chainNode.node.type === "CallExpression").map((chainNode) => chainNode.node as CallExpression);
  const lastGroup = groups[groups.length - 1]!;
  const lastGroupDoc = printedGroups[printedGroups.length - 1]!;
  const lastGroupWillBreakAndOthersHaveFunctions =
    lastGroup[lastGroup.length - 1]!.kind === "call" &&
    willBreak(lastGroupDoc) &&
    calls.slice(0, -1).some((other) => other.arguments.some((arg) => arg.type === "ArrowFunction"));

  if (
    (calls.length > 2 && calls.some((other) => !other.arguments.every((arg) => isSimpleCallArgument(arg)))) ||
    printedGroups.slice(0, -1).some(willBreak) ||
    lastGroupWillBreakAndOthersHaveFunctions
  ) {
    return group(expanded);
  }
  return [willBreak(oneLine) ? breakParent : "", conditionalGroup([oneLine, expanded])];
}

/**
 * True when printing this call on the right of an assignment gives what prettier labels a
 * member chain: more groups than the cutoff.
 */
export function isMemberChainCall(call: CallExpression): boolean {
  if (call.callee.type !== "MemberExpression") return false;
  const groups = groupChain(linearizeChain(call));
  return groups.length > (shouldMerge(groups, false) ? 3 : 2);
}

/** prettier's notion of an argument that keeps a chain on one line: literals, names and small calls. */
export function isSimpleCallArgument(node: Expression, depth = 2): boolean {
  if (depth <= 0) return false;
  const isChildSimple = (child: Expression): boolean => isSimpleCallArgument(child, depth - 1);
  switch (node.type) {
    case "StringLiteral":
    case "NumericLiteral":
    case "KeywordLiteral":
    case "Identifier":
      return true;
    case "ObjectExpression":
      return node.properties.every((property) => property.key.type !== "ComputedKey" && (property.shorthand || isChildSimple(property.value)));
    case "ArrayExpression":
      return node.elements.every(isChildSimple);
    case "CallExpression":
    case "NewExpression":
      return isSimpleCallArgument(node.callee, depth) && node.arguments.length <= depth && node.arguments.every(isChildSimple);
    case "MemberExpression":
      return isSimpleCallArgument(node.object, depth) && (node.computed === undefined || isSimpleCallArgument(node.computed, depth));
    case "UnaryExpression":
      return isSimpleCallArgument(node.argument, depth);
    default:
      return false;
  }
}

/** Returns true for an argument short enough (a quarter of the width) that a call taking only it is poorly breakable. */
export function isLoneShortArgument(node: Expression, printWidth: number): boolean {
  const threshold = printWidth * 0.25;
  switch (node.type) {
    case "KeywordLiteral":
    case "NumericLiteral":
      return true;
    case "Identifier":
      return node.name.length <= threshold;
    case "StringLiteral":
      return printStringLiteral(node.raw).length <= threshold;
    case "UnaryExpression":
      return isLoneShortArgument(node.argument, printWidth);
    case "CallExpression":
      return node.arguments.length === 0 && node.callee.type === "Identifier" && node.callee.name.length <= threshold - 2;
    default:
      return false;
  }
}
