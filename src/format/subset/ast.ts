/**
 * The syntax tree of the TypeScript that vendorguard's emitters write: imports and exports,
 * constants, type aliases, one class, and the expressions and types they contain. Parentheses are
 * not kept; the printer adds them where the grammar needs them, as prettier does.
 */

export type Expression =
  | Identifier
  | StringLiteral
  | NumericLiteral
  | KeywordLiteral
  | ArrayExpression
  | ObjectExpression
  | MemberExpression
  | CallExpression
  | NewExpression
  | ArrowFunction
  | AsExpression
  | UnaryExpression
  | AssignmentExpression;

export interface Identifier {
  type: "Identifier";
  name: string;
}

export interface StringLiteral {
  type: "StringLiteral";
  /** The literal as written, quotes included. */
  raw: string;
}

export interface NumericLiteral {
  type: "NumericLiteral";
  raw: string;
}

/** `true`, `false`, `null` and `this`. */
export interface KeywordLiteral {
  type: "KeywordLiteral";
  value: "true" | "false" | "null" | "this";
}

export interface ArrayExpression {
  type: "ArrayExpression";
  elements: Expression[];
}

export interface ObjectExpression {
  type: "ObjectExpression";
  properties: Property[];
  /** The source has a line break between `{` and the first property, which keeps it expanded. */
  brokenInSource: boolean;
}

export interface Property {
  type: "Property";
  key: PropertyKey;
  value: Expression;
  shorthand: boolean;
}

export type PropertyKey =
  | Identifier
  | StringLiteral
  | NumericLiteral
  | { type: "ComputedKey"; expression: Expression };

export interface MemberExpression {
  type: "MemberExpression";
  object: Expression;
  /** `.name`, `.#name` or `[expression]`. */
  property: Identifier | { type: "PrivateName"; name: string };
  computed?: Expression;
}

export interface CallExpression {
  type: "CallExpression";
  callee: Expression;
  typeArguments: TypeNode[] | undefined;
  arguments: Expression[];
}

export interface NewExpression {
  type: "NewExpression";
  callee: Expression;
  arguments: Expression[];
}

export interface ArrowFunction {
  type: "ArrowFunction";
  params: Parameter[];
  body: Expression;
}

export interface AsExpression {
  type: "AsExpression";
  expression: Expression;
  typeAnnotation: TypeNode;
}

export interface UnaryExpression {
  type: "UnaryExpression";
  operator: "-" | "!";
  argument: Expression;
}

export interface AssignmentExpression {
  type: "AssignmentExpression";
  left: Expression;
  right: Expression;
}

export interface Parameter {
  type: "Parameter";
  name: string;
  optional: boolean;
  typeAnnotation: TypeNode | undefined;
  defaultValue: Expression | undefined;
}

export type TypeNode =
  | TypeReference
  | KeywordType
  | LiteralType
  | TupleType
  | TypeLiteral
  | UnionType
  | IntersectionType
  | IndexedAccessType
  | ArrayType;

export interface TypeReference {
  type: "TypeReference";
  /** A qualified name as written, e.g. `T.Pet` or `z.ZodType`. */
  name: string;
  typeArguments: TypeNode[] | undefined;
}

export interface KeywordType {
  type: "KeywordType";
  keyword: "string" | "number" | "boolean" | "unknown" | "never" | "null" | "undefined" | "void" | "any" | "object" | "bigint" | "symbol";
}

export interface LiteralType {
  type: "LiteralType";
  literal: StringLiteral | NumericLiteral | KeywordLiteral | UnaryExpression;
}

export interface TupleType {
  type: "TupleType";
  elements: TupleElement[];
}

export type TupleElement =
  | { type: "OptionalType"; typeAnnotation: TypeNode }
  | { type: "RestType"; typeAnnotation: TypeNode }
  | TypeNode;

export interface TypeLiteral {
  type: "TypeLiteral";
  members: TypeMember[];
  brokenInSource: boolean;
}

export type TypeMember = PropertySignature | IndexSignature;

export interface PropertySignature {
  type: "PropertySignature";
  key: Identifier | StringLiteral | NumericLiteral;
  optional: boolean;
  readonly: boolean;
  typeAnnotation: TypeNode;
  comments: Comment[];
}

export interface IndexSignature {
  type: "IndexSignature";
  parameterName: string;
  parameterType: TypeNode;
  typeAnnotation: TypeNode;
  comments: Comment[];
}

export interface UnionType {
  type: "UnionType";
  types: TypeNode[];
}

export interface IntersectionType {
  type: "IntersectionType";
  types: TypeNode[];
}

export interface IndexedAccessType {
  type: "IndexedAccessType";
  objectType: TypeNode;
  indexType: TypeNode;
}

export interface ArrayType {
  type: "ArrayType";
  elementType: TypeNode;
}

/** A comment as written, `//` or `/*` included. */
export interface Comment {
  text: string;
  block: boolean;
  /** Offset of the comment in the source. */
  start: number;
}

export type Statement =
  | ImportDeclaration
  | ExportDeclaration
  | ExportFrom
  | VariableDeclaration
  | TypeAlias
  | ClassDeclaration
  | ExpressionStatement
  | ReturnStatement;

export interface ImportDeclaration {
  type: "ImportDeclaration";
  typeOnly: boolean;
  /** `* as name`, or undefined. */
  namespace: string | undefined;
  specifiers: ModuleSpecifier[];
  source: StringLiteral;
}

export interface ModuleSpecifier {
  name: string;
  alias: string | undefined;
  typeOnly: boolean;
}

/** `export` before a declaration. */
export interface ExportDeclaration {
  type: "ExportDeclaration";
  declaration: VariableDeclaration | TypeAlias | ClassDeclaration;
}

/** `export { a } from "m"`, `export * from "m"`, `export * as a from "m"`, `export {}`. */
export interface ExportFrom {
  type: "ExportFrom";
  typeOnly: boolean;
  /** `*`, or `* as name` when `namespace` is a string. */
  star: boolean;
  namespace: string | undefined;
  specifiers: ModuleSpecifier[];
  source: StringLiteral | undefined;
}

export interface VariableDeclaration {
  type: "VariableDeclaration";
  kind: "const" | "let";
  name: string;
  typeAnnotation: TypeNode | undefined;
  init: Expression;
}

export interface TypeAlias {
  type: "TypeAlias";
  name: string;
  typeAnnotation: TypeNode;
}

export interface ClassDeclaration {
  type: "ClassDeclaration";
  name: string;
  members: ClassMember[];
}

export type ClassMember = ClassProperty | ClassMethod;

export interface ClassProperty {
  type: "ClassProperty";
  readonly: boolean;
  /** `#runtime` or `name`. */
  key: string;
  typeAnnotation: TypeNode;
  comments: Comment[];
  blankLineAfter: boolean;
}

export interface ClassMethod {
  type: "ClassMethod";
  key: string;
  params: Parameter[];
  returnType: TypeNode | undefined;
  body: Statement[];
  comments: Comment[];
  blankLineAfter: boolean;
}

export interface ExpressionStatement {
  type: "ExpressionStatement";
  expression: Expression;
}

export interface ReturnStatement {
  type: "ReturnStatement";
  argument: Expression | undefined;
}

/** A top-level statement with the comments before it. */
export interface SourceStatement {
  statement: Statement;
  comments: Comment[];
  /** The source has an empty line after the statement. */
  blankLineAfter: boolean;
  /** Source offsets of the statement, its comments included, so it can be formatted on its own. */
  start: number;
  end: number;
}
