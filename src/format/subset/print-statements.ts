/**
 * Statements, imports and exports, and the class of `client.ts`, printed as prettier prints them.
 */
import type {
  ClassDeclaration,
  ClassMember,
  ExportFrom,
  ImportDeclaration,
  ModuleSpecifier,
  SourceStatement,
  Statement,
  TypeNode,
} from "./ast.js";
import { group, hardline, ifBreak, indent, join, line, willBreak, type Doc } from "../layout/doc.js";
import { printAssignment } from "./print-assignment.js";
import { printLeadingComments } from "./print-comments.js";
import { printExpression, printParameters } from "./print-expressions.js";
import { printStringLiteral } from "./print-literals.js";
import { printType } from "./print-types.js";
import { UnsupportedSyntax } from "./tokens.js";

/** Prints a top-level statement with its comments, and no line break after it. */
export function printSourceStatement({ statement, comments }: SourceStatement): Doc {
  return [comments.length > 0 ? printLeadingComments(comments) : "", printStatement(statement)];
}

export function printStatement(statement: Statement): Doc {
  switch (statement.type) {
    case "ImportDeclaration":
      return printImport(statement);
    case "ExportFrom":
      return printExportFrom(statement);
    case "ExportDeclaration":
      return ["export ", printStatement(statement.declaration)];
    case "VariableDeclaration": {
      const left: Doc = statement.typeAnnotation ? [statement.name, ": ", printAnnotation(statement.typeAnnotation)] : statement.name;
      const declarator = printAssignment({ kind: "variable", left, operator: " =", right: statement.init });
      return group([statement.kind, " ", declarator, ";"]);
    }
    case "TypeAlias":
      return [printAssignment({ kind: "type-alias", left: ["type ", statement.name], operator: " =", right: statement.typeAnnotation }), ";"];
    case "ClassDeclaration":
      return printClass(statement);
    case "ExpressionStatement":
      return [printExpression(statement.expression, { parent: "expression-statement", key: "expression" }), ";"];
    case "ReturnStatement":
      return statement.argument
        ? ["return ", printReturnArgument(statement.argument), ";"]
        : "return;";
  }
}

function printReturnArgument(argument: Extract<Statement, { type: "ReturnStatement" }>["argument"] & object): Doc {
  return printExpression(argument, { parent: "return", key: "argument" });
}

function printAnnotation(type: TypeNode): Doc {
  return printType(type, "annotation");
}

// Modules

function printImport(node: ImportDeclaration): Doc {
  const kind = node.typeOnly ? " type" : "";
  if (node.namespace !== undefined) return ["import", kind, " * as ", node.namespace, " from ", printStringLiteral(node.source.raw), ";"];
  return ["import", kind, " ", printSpecifiers(node.specifiers), " from ", printStringLiteral(node.source.raw), ";"];
}

function printExportFrom(node: ExportFrom): Doc {
  const kind = node.typeOnly ? " type" : "";
  const source = node.source ? [" from ", printStringLiteral(node.source.raw)] : "";
  if (node.star) return ["export", kind, node.namespace !== undefined ? [" * as ", node.namespace] : " *", source, ";"];
  return ["export", kind, " ", printSpecifiers(node.specifiers), source, ";"];
}

function printSpecifiers(specifiers: ModuleSpecifier[]): Doc {
  if (specifiers.length === 0) return "{}";
  const printed = specifiers.map((specifier) => [specifier.typeOnly ? "type " : "", specifier.name, specifier.alias ? [" as ", specifier.alias] : ""]);
  if (specifiers.length === 1) return ["{ ", printed[0]!, " }"];
  return group(["{", indent([line, join([",", line], printed)]), ifBreak(","), line, "}"]);
}

// The client class

function printClass(node: ClassDeclaration): Doc {
  if (node.members.length === 0) return ["class ", node.name, " {}"];
  const parts: Doc[] = [];
  node.members.forEach((member, index) => {
    parts.push(printClassMember(member));
    if (index < node.members.length - 1) {
      parts.push(hardline);
      if (member.blankLineAfter) parts.push(hardline);
    }
  });
  return ["class ", node.name, " {", indent([hardline, ...parts]), hardline, "}"];
}

function printClassMember(member: ClassMember): Doc {
  const comments = member.comments.length > 0 ? printLeadingComments(member.comments) : "";
  if (member.type === "ClassProperty") {
    return [comments, member.readonly ? "readonly " : "", member.key, ": ", printAnnotation(member.typeAnnotation), ";"];
  }
  const returnType: Doc = member.returnType ? [": ", printAnnotation(member.returnType)] : "";
  // With a single parameter, prettier breaks an object return type before the parameter list.
  const groupParameters =
    member.params.length === 1 && member.returnType !== undefined && (member.returnType.type === "TypeLiteral" || willBreak(returnType));
  const parameters = printParameters(member.params);
  return [comments, member.key, group([groupParameters ? group(parameters) : parameters, returnType]), " ", printBlock(member.body)];
}

function printBlock(body: Statement[]): Doc {
  if (body.length === 0) return "{}";
  // Blank lines between statements of a block are not tracked; the emitted methods have one statement.
  if (body.length > 1) throw new UnsupportedSyntax("block with several statements", 0);
  return ["{", indent([hardline, printStatement(body[0]!)]), hardline, "}"];
}
