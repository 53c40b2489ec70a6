/**
 * Type syntax printed with prettier's layouts: unions break into one member per line with a
 * leading `|`, type arguments hug a single simple or object type, and type literals keep the
 * expanded form when the source breaks after `{`.
 */
import type { Comment, TupleElement, TypeMember, TypeNode } from "./ast.js";
import { group, ifBreak, indent, join, line, softline, type Doc } from "../layout/doc.js";
import { printLeadingComments } from "./print-comments.js";
import { printNumber, printPropertyKey, printStringLiteral } from "./print-literals.js";

/** The position of a type, as far as prettier's type layouts depend on it. */
export type TypeParent =
  | "alias"
  | "annotation"
  | "type-arguments"
  | "union"
  | "intersection"
  | "tuple"
  | "optional"
  | "rest"
  | "array-element"
  | "indexed-object"
  | "indexed-index"
  | "member";

export function printType(node: TypeNode, parent: TypeParent, siblings = 0, afterOperator = false): Doc {
  switch (node.type) {
    case "KeywordType":
      return node.keyword;
    case "LiteralType":
      return printLiteralType(node.literal);
    case "TypeReference":
      return node.typeArguments ? [node.name, printTypeArguments(node.typeArguments)] : node.name;
    case "ArrayType":
      return [printType(node.elementType, "array-element"), "[]"];
    case "IndexedAccessType":
      return [printType(node.objectType, "indexed-object"), "[", printType(node.indexType, "indexed-index"), "]"];
    case "TupleType":
      return printTupleType(node.elements);
    case "TypeLiteral":
      return printTypeLiteral(node.members, node.brokenInSource);
    case "UnionType":
      return printUnionType(node.types, parent, siblings, afterOperator);
    case "IntersectionType":
      return withParentheses(printIntersectionType(node.types), needsParentheses(node, parent, siblings));
  }
}

function printLiteralType(literal: Extract<TypeNode, { type: "LiteralType" }>["literal"]): Doc {
  switch (literal.type) {
    case "StringLiteral":
      return printStringLiteral(literal.raw);
    case "NumericLiteral":
      return printNumber(literal.raw);
    case "KeywordLiteral":
      return literal.value;
    case "UnaryExpression":
      return ["-", printNumber((literal.argument as { raw: string }).raw)];
  }
}

/** `<A, B>`: one argument that prettier hugs stays inline, anything else may break. */
export function printTypeArguments(types: TypeNode[]): Doc {
  const printed = types.map((type) => printType(type, "type-arguments", types.length));
  if (types.length === 0 || (types.length === 1 && shouldHugType(types[0]!))) {
    return ["<", join(", ", printed), ">"];
  }
  return group(["<", indent([softline, join([",", line], printed)]), softline, ">"]);
}

export function shouldHugType(node: TypeNode): boolean {
  if (isSimpleType(node) || node.type === "TypeLiteral") return true;
  return node.type === "UnionType" && shouldHugUnionType(node.types);
}

/** Returns true for a keyword type or a type reference without type arguments. */
export function isSimpleType(node: TypeNode): boolean {
  return node.type === "KeywordType" || (node.type === "TypeReference" && !node.typeArguments);
}

function isVoidType(node: TypeNode): boolean {
  return node.type === "KeywordType" && (node.keyword === "void" || node.keyword === "null");
}

/** `{ ... } | null`: one object-like member and otherwise only `null` or `void`. */
function shouldHugUnionType(types: TypeNode[]): boolean {
  const objectType = types.find((type) => type.type === "TypeLiteral" || type.type === "TypeReference");
  if (!objectType) return false;
  return types.every((type) => type === objectType || isVoidType(type));
}

/**
 * `A | B`: on one line, or one member per line with a leading `|`. Under a type annotation the
 * whole union may also move to the next line first. A union whose only other members are
 * `null` or `void` beside one object-like type stays inline.
 */
function printUnionType(types: TypeNode[], parent: TypeParent, siblings: number, afterOperator: boolean): Doc {
  const parenthesize = needsParentheses({ type: "UnionType", types }, parent, siblings);
  if (shouldHugUnionType(types)) {
    const hugged = join(" | ", types.map((type) => printType(type, "union", types.length)));
    return parenthesize ? ["(", hugged, ")"] : hugged;
  }
  // prettier aligns each member by two spaces, which is one level of indentation here.
  const members = group(
    types.map((type, index) => [index === 0 ? ifBreak("| ") : [line, "| "], indent(printType(type, "union", types.length))]),
  );
  if (parenthesize) return ["(", group([indent([softline, members]), softline]), ")"];
  if (parent === "tuple" && siblings > 1) return group([indent([ifBreak(["(", softline]), members]), softline, ifBreak(")")]);
  if (afterOperator || parent === "type-arguments" || parent === "tuple") return members;
  return group(indent([softline, members]));
}

/** True for a union that a type alias puts on the line after `=`: one prettier does not hug. */
export function breaksAfterOperator(node: TypeNode): boolean {
  return node.type === "UnionType" && !shouldHugUnionType(node.types);
}

function printIntersectionType(types: TypeNode[]): Doc {
  let wasIndented = false;
  const parts = types.map((type, index): Doc => {
    const doc = printType(type, "intersection", types.length);
    if (index === 0) return doc;
    const current = type.type === "TypeLiteral";
    const previous = types[index - 1]!.type === "TypeLiteral";
    if (previous && current) return [" & ", wasIndented ? indent(doc) : doc];
    if (!previous && !current) return indent([" &", line, doc]);
    if (index > 1) wasIndented = true;
    return [" & ", index > 1 ? indent(doc) : doc];
  });
  return group(parts);
}

/** Unions and intersections inside another union or intersection, or under `[]`, `?` or `...`, need parentheses. */
function needsParentheses(node: Extract<TypeNode, { type: "UnionType" | "IntersectionType" }>, parent: TypeParent, siblings: number): boolean {
  if (parent === "array-element" || parent === "optional" || parent === "indexed-object") return true;
  if ((parent === "union" || parent === "intersection") && siblings > 1 && node.types.length > 1) return true;
  return false;
}

function withParentheses(doc: Doc, parenthesize: boolean): Doc {
  return parenthesize ? ["(", doc, ")"] : doc;
}

function printTupleType(elements: TupleElement[]): Doc {
  if (elements.length === 0) return group(["[", "]"]);
  const printed = elements.map((element, index): Doc => {
    const doc = printTupleElement(element, elements.length);
    return index < elements.length - 1 ? [group(doc), ",", line] : group(doc);
  });
  return group(["[", indent([softline, printed, ifBreak(",")]), softline, "]"]);
}

function printTupleElement(element: TupleElement, count: number): Doc {
  if (element.type === "OptionalType") return [printType(element.typeAnnotation, "optional"), "?"];
  if (element.type === "RestType") return ["...", printType(element.typeAnnotation, "rest")];
  return printType(element, "tuple", count);
}

function printTypeLiteral(members: TypeMember[], brokenInSource: boolean): Doc {
  if (members.length === 0) return "{}";
  const parts: Doc[] = [];
  members.forEach((member, index) => {
    if (index > 0) parts.push(";", line);
    parts.push(group(printTypeMember(member)));
  });
  return group(["{", indent([line, ...parts]), ifBreak(";"), line, "}"], { shouldBreak: brokenInSource });
}

function printTypeMember(member: TypeMember): Doc {
  const comments = printMemberComments(member.comments);
  if (member.type === "IndexSignature") {
    const parameter = group([indent([softline, member.parameterName, ": ", printType(member.parameterType, "annotation")]), softline]);
    return [comments, "[", parameter, "]", ": ", printType(member.typeAnnotation, "annotation")];
  }
  return [
    comments,
    member.readonly ? "readonly " : "",
    printPropertyKey(member.key),
    member.optional ? "?" : "",
    ": ",
    printType(member.typeAnnotation, "member"),
  ];
}

function printMemberComments(comments: Comment[]): Doc {
  return comments.length === 0 ? "" : printLeadingComments(comments);
}
