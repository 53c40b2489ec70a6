/**
 * The origin of each name in a scanned file: an import or `require` of a module, a variable
 * declared in the file, another local declaration, or nothing in the file (a global).
 */
import ts from "typescript";

/**
 * The origin of a name. For imports, `name` is the imported export, or `*` for the module object
 * itself (a namespace import, a default import or a whole `require`).
 */
export type Origin =
  | { kind: "import"; module: string; name: string }
  | { kind: "variable"; declaration: ts.VariableDeclaration; isConst: boolean }
  | { kind: "global" }
  | { kind: "other" };

/** Resolves `identifier` to the declaration it refers to in its file. */
export function originOf(identifier: ts.Identifier, checker: ts.TypeChecker): Origin {
  const declaration = checker.getSymbolAtLocation(identifier)?.declarations?.[0];
  if (declaration === undefined) return { kind: "global" };
  if (ts.isImportSpecifier(declaration)) {
    const module = moduleOfImport(declaration.parent.parent.parent);
    const name = (declaration.propertyName ?? declaration.name).text;
    return module === undefined ? { kind: "other" } : importOrigin(module, name);
  }
  if (ts.isImportClause(declaration)) return importOriginOf(declaration.parent, "*");
  if (ts.isNamespaceImport(declaration)) return importOriginOf(declaration.parent.parent, "*");
  if (ts.isImportEqualsDeclaration(declaration)) return importEqualsOrigin(declaration);
  if (ts.isBindingElement(declaration)) return bindingElementOrigin(declaration);
  if (ts.isVariableDeclaration(declaration)) return variableOrigin(declaration);
  return { kind: "other" };
}

/** Returns the module a `require("m")` call loads, or undefined for any other expression. */
export function requiredModule(expression: ts.Expression | undefined): string | undefined {
  if (expression === undefined) return undefined;
  const inner = ts.isAwaitExpression(expression) ? expression.expression : expression;
  if (!ts.isCallExpression(inner) || inner.arguments.length !== 1) return undefined;
  const argument = inner.arguments[0]!;
  const isLoader =
    (ts.isIdentifier(inner.expression) && inner.expression.text === "require") ||
    inner.expression.kind === ts.SyntaxKind.ImportKeyword;
  return isLoader && ts.isStringLiteralLike(argument) ? argument.text : undefined;
}

function importOrigin(module: string, name: string): Origin {
  return { kind: "import", module, name: name === "default" ? "*" : name };
}

function importOriginOf(
  declaration: ts.ImportDeclaration | ts.JSDocImportTag,
  name: string,
): Origin {
  const module = moduleOfImport(declaration);
  return module === undefined ? { kind: "other" } : importOrigin(module, name);
}

function moduleOfImport(declaration: ts.ImportDeclaration | ts.JSDocImportTag): string | undefined {
  const specifier = declaration.moduleSpecifier;
  return ts.isStringLiteral(specifier) ? specifier.text : undefined;
}

function importEqualsOrigin(declaration: ts.ImportEqualsDeclaration): Origin {
  const reference = declaration.moduleReference;
  if (ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
    return importOrigin(reference.expression.text, "*");
  }
  return { kind: "other" };
}

/** `const { request } = require("undici")` imports `request`; other destructuring is local. */
function bindingElementOrigin(element: ts.BindingElement): Origin {
  const pattern = element.parent;
  const holder = pattern.parent;
  if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(holder)) {
    return { kind: "other" };
  }
  const module = requiredModule(holder.initializer);
  const key = element.propertyName ?? element.name;
  if (module === undefined || !ts.isIdentifier(key)) return { kind: "other" };
  return importOrigin(module, key.text);
}

function variableOrigin(declaration: ts.VariableDeclaration): Origin {
  const module = requiredModule(declaration.initializer);
  if (module !== undefined) return importOrigin(module, "*");
  const list = declaration.parent;
  const isConst = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
  return { kind: "variable", declaration, isConst };
}
