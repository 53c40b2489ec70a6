/**
 * A recursive-descent parser for the TypeScript subset in `ast.ts`. Anything else raises
 * `UnsupportedSyntax`, so a statement it cannot read is formatted by prettier rather than misread.
 */
import type {
  ArrowFunction,
  ClassDeclaration,
  ClassMember,
  Comment,
  Expression,
  ImportDeclaration,
  ModuleSpecifier,
  Parameter,
  Property,
  PropertyKey,
  SourceStatement,
  Statement,
  StringLiteral,
  TupleElement,
  TypeMember,
  TypeNode,
} from "./ast.js";
import { isBlankLineAt, type Token, Tokenizer, UnsupportedSyntax } from "./tokens.js";

export { UnsupportedSyntax };

const KEYWORD_TYPES = new Set(["string", "number", "boolean", "unknown", "never", "null", "undefined", "void", "any", "object", "bigint", "symbol"]);

/**
 * Parses a source text into top-level statements with their comments, one at a time, so that a
 * caller can print each statement and let its tree go before the next is read.
 */
export function* parseSource(source: string): Generator<SourceStatement> {
  yield* new Parser(source).parseProgram();
}

class Parser {
  readonly #source: string;
  readonly #tokenizer: Tokenizer;
  /** Tokens read ahead; `#ahead[#aheadStart]` is the next token. */
  #ahead: Token[] = [];
  #aheadStart = 0;
  /** The last token consumed. */
  #previous: Token | undefined;

  constructor(source: string) {
    this.#source = source;
    this.#tokenizer = new Tokenizer(source);
  }

  *parseProgram(): Generator<SourceStatement> {
    while (this.#peek().kind !== "eof") {
      const comments = this.#takeComments();
      const start = comments[0]?.start ?? this.#peek().start;
      const statement = this.#parseStatement();
      const end = this.#previous!.end;
      yield { statement, comments, blankLineAfter: this.#blankLineAfterPrevious(), start, end };
    }
    if (this.#peek().comments.length > 0) this.#fail("comment at the end of the file");
  }

  // Tokens

  #peek(offset = 0): Token {
    const ahead = this.#ahead;
    const position = this.#aheadStart + offset;
    while (ahead.length <= position) {
      const last = ahead[ahead.length - 1];
      if (last?.kind === "eof") return last;
      ahead.push(this.#tokenizer.next());
    }
    return ahead[position]!;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.comments.length > 0) this.#fail("comment inside an expression");
    if (token.kind !== "eof") {
      this.#previous = token;
      this.#aheadStart++;
      // Consumed tokens are dropped now and then, so the buffer stays as long as the lookahead.
      if (this.#aheadStart >= 1024) {
        this.#ahead = this.#ahead.slice(this.#aheadStart);
        this.#aheadStart = 0;
      }
    }
    return token;
  }

  #is(value: string, offset = 0): boolean {
    const token = this.#peek(offset);
    return (token.kind === "punct" || token.kind === "name") && token.value === value;
  }

  #eat(value: string): boolean {
    if (!this.#is(value)) return false;
    this.#next();
    return true;
  }

  #expect(value: string): Token {
    if (!this.#is(value)) this.#fail(`expected ${value}`);
    return this.#next();
  }

  #name(): string {
    const token = this.#peek();
    if (token.kind !== "name") this.#fail("expected a name");
    return this.#next().value;
  }

  #takeComments(): Comment[] {
    const token = this.#peek();
    const comments = token.comments;
    token.comments = [];
    return comments;
  }

  #fail(message: string): never {
    throw new UnsupportedSyntax(message, this.#peek().start);
  }

  /** True when an empty line follows the last token read, as prettier keeps one there. */
  #blankLineAfterPrevious(): boolean {
    return isBlankLineAt(this.#source, this.#previous!.end);
  }

  /** prettier keeps an empty line between list items; the emitters never write one. */
  #rejectBlankLine(): void {
    if (this.#blankLineAfterPrevious()) this.#fail("empty line inside a list");
  }

  /** True when the source has a line break between the token just read and the next one. */
  #lineBreakBeforeNext(): boolean {
    const end = this.#previous!.end;
    const nextStart = this.#peek().start;
    const lineBreak = this.#source.indexOf("\n", end);
    return lineBreak >= 0 && lineBreak < nextStart;
  }

  // Statements

  #parseStatement(): Statement {
    if (this.#is("import")) return this.#parseImport();
    if (this.#is("export")) return this.#parseExport();
    if (this.#is("return")) {
      this.#next();
      const argument = this.#is(";") ? undefined : this.#parseExpression();
      this.#expect(";");
      return { type: "ReturnStatement", argument };
    }
    if (this.#is("const") || this.#is("type") || this.#is("class")) return this.#parseDeclaration();
    const expression = this.#parseExpression();
    this.#expect(";");
    return { type: "ExpressionStatement", expression };
  }

  #parseImport(): ImportDeclaration {
    this.#expect("import");
    const typeOnly = this.#is("type") && !this.#is("from", 1) && !this.#is(",", 1);
    if (typeOnly) this.#next();
    let namespace: string | undefined;
    let specifiers: ModuleSpecifier[] = [];
    if (this.#eat("*")) {
      this.#expect("as");
      namespace = this.#name();
    } else {
      specifiers = this.#parseSpecifiers();
    }
    this.#expect("from");
    const source = this.#parseString();
    this.#expect(";");
    return { type: "ImportDeclaration", typeOnly, namespace, specifiers, source };
  }

  #parseSpecifiers(): ModuleSpecifier[] {
    this.#expect("{");
    const specifiers: ModuleSpecifier[] = [];
    while (!this.#is("}")) {
      const typeOnly = this.#is("type") && this.#peek(1).kind === "name" && !this.#is("as", 1);
      if (typeOnly) this.#next();
      const name = this.#name();
      const alias = this.#eat("as") ? this.#name() : undefined;
      specifiers.push({ name, alias, typeOnly });
      if (!this.#eat(",")) break;
    }
    this.#expect("}");
    return specifiers;
  }

  #parseExport(): Statement {
    this.#expect("export");
    if (this.#is("const") || (this.#is("type") && this.#peek(1).kind === "name") || this.#is("class")) {
      const declaration = this.#parseDeclaration();
      return { type: "ExportDeclaration", declaration };
    }
    const typeOnly = this.#eat("type");
    let star = false;
    let namespace: string | undefined;
    let specifiers: ModuleSpecifier[] = [];
    if (this.#eat("*")) {
      star = true;
      if (this.#eat("as")) namespace = this.#name();
    } else {
      specifiers = this.#parseSpecifiers();
    }
    const source = this.#eat("from") ? this.#parseString() : undefined;
    if (star && !source) this.#fail("expected from");
    this.#expect(";");
    return { type: "ExportFrom", typeOnly, star, namespace, specifiers, source };
  }

  #parseDeclaration(): Exclude<Statement, { type: "ExportDeclaration" }> & { type: "VariableDeclaration" | "TypeAlias" | "ClassDeclaration" } {
    if (this.#eat("const")) {
      const name = this.#name();
      const typeAnnotation = this.#eat(":") ? this.#parseType() : undefined;
      this.#expect("=");
      const init = this.#parseExpression();
      this.#expect(";");
      return { type: "VariableDeclaration", kind: "const", name, typeAnnotation, init };
    }
    if (this.#eat("type")) {
      const name = this.#name();
      this.#expect("=");
      const typeAnnotation = this.#parseType();
      this.#expect(";");
      return { type: "TypeAlias", name, typeAnnotation };
    }
    return this.#parseClass();
  }

  #parseClass(): ClassDeclaration {
    this.#expect("class");
    const name = this.#name();
    this.#expect("{");
    const members: ClassMember[] = [];
    while (!this.#is("}")) members.push(this.#parseClassMember());
    if (this.#peek().comments.length > 0) this.#fail("comment at the end of a class body");
    this.#expect("}");
    return { type: "ClassDeclaration", name, members };
  }

  #parseClassMember(): ClassMember {
    const comments = this.#takeComments();
    const readonly = this.#is("readonly") && (this.#peek(1).kind === "private" || this.#peek(1).kind === "name");
    if (readonly) this.#next();
    const keyToken = this.#next();
    if (keyToken.kind !== "name" && keyToken.kind !== "private") this.#fail("expected a class member");
    if (this.#eat(":")) {
      const typeAnnotation = this.#parseType();
      this.#expect(";");
      return { type: "ClassProperty", readonly, key: keyToken.value, typeAnnotation, comments, blankLineAfter: this.#blankLineAfterPrevious() };
    }
    if (readonly) this.#fail("readonly method");
    const params = this.#parseParameters();
    const returnType = this.#eat(":") ? this.#parseType() : undefined;
    const body = this.#parseBlock();
    return { type: "ClassMethod", key: keyToken.value, params, returnType, body, comments, blankLineAfter: this.#blankLineAfterPrevious() };
  }

  #parseBlock(): Statement[] {
    this.#expect("{");
    const body: Statement[] = [];
    while (!this.#is("}")) {
      if (this.#peek().comments.length > 0) this.#fail("comment in a block");
      body.push(this.#parseStatement());
    }
    this.#expect("}");
    return body;
  }

  #parseParameters(): Parameter[] {
    this.#expect("(");
    const params: Parameter[] = [];
    while (!this.#is(")")) {
      const name = this.#name();
      const optional = this.#eat("?");
      const typeAnnotation = this.#eat(":") ? this.#parseType() : undefined;
      const defaultValue = this.#eat("=") ? this.#parseAssignmentTarget() : undefined;
      params.push({ type: "Parameter", name, optional, typeAnnotation, defaultValue });
      if (!this.#eat(",")) break;
    }
    this.#expect(")");
    return params;
  }

  // Expressions

  #parseExpression(): Expression {
    const left = this.#parseAssignmentTarget();
    if (this.#is("=") && !this.#is("=>")) {
      this.#next();
      return { type: "AssignmentExpression", left, right: this.#parseExpression() };
    }
    return left;
  }

  /** An expression without assignment: unary, postfix and `as`. */
  #parseAssignmentTarget(): Expression {
    let expression = this.#parseUnary();
    while (this.#is("as")) {
      this.#next();
      expression = { type: "AsExpression", expression, typeAnnotation: this.#parseType() };
    }
    return expression;
  }

  #parseUnary(): Expression {
    if (this.#is("-") || this.#is("!")) {
      const operator = this.#next().value as "-" | "!";
      return { type: "UnaryExpression", operator, argument: this.#parseUnary() };
    }
    return this.#parsePostfix(this.#parsePrimary());
  }

  #parsePostfix(start: Expression): Expression {
    let expression = start;
    for (;;) {
      if (this.#is(".")) {
        this.#next();
        const token = this.#next();
        if (token.kind === "private") expression = { type: "MemberExpression", object: expression, property: { type: "PrivateName", name: token.value } };
        else if (token.kind === "name") expression = { type: "MemberExpression", object: expression, property: { type: "Identifier", name: token.value } };
        else this.#fail("expected a property name");
      } else if (this.#is("[")) {
        this.#next();
        const computed = this.#parseExpression();
        this.#expect("]");
        expression = { type: "MemberExpression", object: expression, property: { type: "Identifier", name: "" }, computed };
      } else if (this.#is("(")) {
        expression = { type: "CallExpression", callee: expression, typeArguments: undefined, arguments: this.#parseArguments() };
      } else if (this.#is("<")) {
        const typeArguments = this.#parseTypeArguments();
        if (!this.#is("(")) this.#fail("expected a call after type arguments");
        expression = { type: "CallExpression", callee: expression, typeArguments, arguments: this.#parseArguments() };
      } else {
        return expression;
      }
    }
  }

  #parseArguments(): Expression[] {
    this.#expect("(");
    const args: Expression[] = [];
    while (!this.#is(")")) {
      args.push(this.#parseAssignmentTarget());
      if (!this.#eat(",")) break;
    }
    this.#expect(")");
    return args;
  }

  #parsePrimary(): Expression {
    const token = this.#peek();
    if (token.kind === "string") return this.#parseString();
    if (token.kind === "number") return { type: "NumericLiteral", raw: this.#next().value };
    if (token.kind === "punct") {
      if (token.value === "[") return this.#parseArray();
      if (token.value === "{") return this.#parseObject();
      if (token.value === "(") return this.#isArrowAhead() ? this.#parseArrow() : this.#parseParenthesized();
      this.#fail(`unexpected ${token.value}`);
    }
    if (token.kind !== "name") this.#fail("unexpected token");
    const name = this.#next().value;
    if (name === "true" || name === "false" || name === "null" || name === "this") return { type: "KeywordLiteral", value: name };
    if (name === "new") {
      const callee = this.#parseNewCallee();
      return { type: "NewExpression", callee, arguments: this.#parseArguments() };
    }
    if (this.#is("=>")) this.#fail("arrow function without parentheses");
    return { type: "Identifier", name };
  }

  #parseNewCallee(): Expression {
    let callee: Expression = { type: "Identifier", name: this.#name() };
    while (this.#eat(".")) callee = { type: "MemberExpression", object: callee, property: { type: "Identifier", name: this.#name() } };
    return callee;
  }

  #parseParenthesized(): Expression {
    this.#expect("(");
    const expression = this.#parseExpression();
    this.#expect(")");
    // Only parentheses that prettier would drop without adding them back are accepted.
    if (expression.type === "ArrowFunction" || expression.type === "AsExpression" || expression.type === "UnaryExpression" || expression.type === "AssignmentExpression" || expression.type === "ObjectExpression") {
      this.#fail("parenthesized expression");
    }
    return expression;
  }

  #isArrowAhead(): boolean {
    let depth = 0;
    for (let offset = 0; ; offset++) {
      const token = this.#peek(offset);
      if (token.kind === "eof") return false;
      if (token.kind !== "punct") continue;
      if (token.value === "(") depth++;
      else if (token.value === ")" && --depth === 0) return this.#is("=>", offset + 1);
    }
  }

  #parseArrow(): ArrowFunction {
    const params = this.#parseParameters();
    this.#expect("=>");
    if (this.#is("{")) this.#fail("arrow function with a block body");
    return { type: "ArrowFunction", params, body: this.#parseAssignmentTarget() };
  }

  #parseArray(): Expression {
    this.#expect("[");
    const elements: Expression[] = [];
    while (!this.#is("]")) {
      if (this.#is(",")) this.#fail("array hole");
      elements.push(this.#parseAssignmentTarget());
      if (!this.#eat(",")) break;
      this.#rejectBlankLine();
    }
    this.#expect("]");
    return { type: "ArrayExpression", elements };
  }

  #parseObject(): Expression {
    this.#expect("{");
    const brokenInSource = this.#lineBreakBeforeNext() && !this.#is("}");
    const properties: Property[] = [];
    while (!this.#is("}")) {
      properties.push(this.#parseProperty());
      if (!this.#eat(",")) break;
      this.#rejectBlankLine();
    }
    this.#expect("}");
    return { type: "ObjectExpression", properties, brokenInSource };
  }

  #parseProperty(): Property {
    const token = this.#peek();
    let key: PropertyKey;
    if (token.kind === "name") key = { type: "Identifier", name: this.#next().value };
    else if (token.kind === "string") key = this.#parseString();
    else if (token.kind === "number") key = { type: "NumericLiteral", raw: this.#next().value };
    else if (this.#eat("[")) {
      key = { type: "ComputedKey", expression: this.#parseExpression() };
      this.#expect("]");
    } else this.#fail("expected a property key");
    if (key.type === "Identifier" && (this.#is(",") || this.#is("}"))) {
      return { type: "Property", key, value: key, shorthand: true };
    }
    this.#expect(":");
    return { type: "Property", key, value: this.#parseAssignmentTarget(), shorthand: false };
  }

  #parseString(): StringLiteral {
    const token = this.#next();
    if (token.kind !== "string") this.#fail("expected a string");
    return { type: "StringLiteral", raw: token.value };
  }

  // Types

  #parseType(): TypeNode {
    this.#eat("|");
    const first = this.#parseIntersectionType();
    if (!this.#is("|")) return first;
    const types = [first];
    while (this.#eat("|")) types.push(this.#parseIntersectionType());
    return { type: "UnionType", types };
  }

  #parseIntersectionType(): TypeNode {
    const first = this.#parsePostfixType();
    if (!this.#is("&")) return first;
    const types = [first];
    while (this.#eat("&")) types.push(this.#parsePostfixType());
    return { type: "IntersectionType", types };
  }

  #parsePostfixType(): TypeNode {
    let type = this.#parsePrimaryType();
    while (this.#is("[")) {
      this.#next();
      if (this.#eat("]")) {
        type = { type: "ArrayType", elementType: type };
        continue;
      }
      const indexType = this.#parseType();
      this.#expect("]");
      type = { type: "IndexedAccessType", objectType: type, indexType };
    }
    return type;
  }

  #parsePrimaryType(): TypeNode {
    const token = this.#peek();
    if (token.kind === "string") return { type: "LiteralType", literal: this.#parseString() };
    if (token.kind === "number") return { type: "LiteralType", literal: { type: "NumericLiteral", raw: this.#next().value } };
    if (this.#is("-")) {
      this.#next();
      const number = this.#next();
      if (number.kind !== "number") this.#fail("expected a number");
      return { type: "LiteralType", literal: { type: "UnaryExpression", operator: "-", argument: { type: "NumericLiteral", raw: number.value } } };
    }
    if (this.#eat("(")) {
      const inner = this.#parseType();
      this.#expect(")");
      return inner;
    }
    if (this.#is("[")) return this.#parseTupleType();
    if (this.#is("{")) return this.#parseTypeLiteral();
    if (token.kind !== "name") this.#fail("expected a type");
    const name = this.#next().value;
    if (name === "true" || name === "false") return { type: "LiteralType", literal: { type: "KeywordLiteral", value: name } };
    if (KEYWORD_TYPES.has(name) && !this.#is(".")) return { type: "KeywordType", keyword: name as never };
    let qualified = name;
    while (this.#is(".")) {
      this.#next();
      qualified += `.${this.#name()}`;
    }
    const typeArguments = this.#is("<") ? this.#parseTypeArguments() : undefined;
    return { type: "TypeReference", name: qualified, typeArguments };
  }

  #parseTypeArguments(): TypeNode[] {
    this.#expect("<");
    const types: TypeNode[] = [];
    while (!this.#is(">")) {
      types.push(this.#parseType());
      if (!this.#eat(",")) break;
    }
    this.#expect(">");
    return types;
  }

  #parseTupleType(): TypeNode {
    this.#expect("[");
    const elements: TupleElement[] = [];
    while (!this.#is("]")) {
      if (this.#eat("...")) {
        elements.push({ type: "RestType", typeAnnotation: this.#parseType() });
      } else {
        const element = this.#parseType();
        elements.push(this.#eat("?") ? { type: "OptionalType", typeAnnotation: element } : element);
      }
      if (!this.#eat(",")) break;
    }
    this.#expect("]");
    return { type: "TupleType", elements };
  }

  #parseTypeLiteral(): TypeNode {
    this.#expect("{");
    const brokenInSource = this.#lineBreakBeforeNext() && !this.#is("}");
    const members: TypeMember[] = [];
    while (!this.#is("}")) {
      members.push(this.#parseTypeMember());
      if (!this.#eat(";") && !this.#eat(",")) break;
      this.#rejectBlankLine();
    }
    if (this.#peek().comments.length > 0) this.#fail("comment at the end of a type literal");
    this.#expect("}");
    return { type: "TypeLiteral", members, brokenInSource };
  }

  #parseTypeMember(): TypeMember {
    const comments = this.#takeComments();
    if (this.#eat("[")) {
      const parameterName = this.#name();
      this.#expect(":");
      const parameterType = this.#parseType();
      this.#expect("]");
      this.#expect(":");
      return { type: "IndexSignature", parameterName, parameterType, typeAnnotation: this.#parseType(), comments };
    }
    const readonly = this.#is("readonly") && !this.#is(":", 1) && !this.#is("?", 1);
    if (readonly) this.#next();
    const token = this.#next();
    let key: Extract<TypeMember, { type: "PropertySignature" }>["key"];
    if (token.kind === "name") key = { type: "Identifier", name: token.value };
    else if (token.kind === "string") key = { type: "StringLiteral", raw: token.value };
    else if (token.kind === "number") key = { type: "NumericLiteral", raw: token.value };
    else this.#fail("expected a property name");
    const optional = this.#eat("?");
    this.#expect(":");
    return { type: "PropertySignature", key, optional, readonly, typeAnnotation: this.#parseType(), comments };
  }
}
