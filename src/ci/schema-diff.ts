/**
 * Compares two SchemaNode trees from the consumer's side. Whether a change breaks the consumer
 * depends on who sends the value.
 * - In a response the vendor sends and the current client validates. A change that lets the
 *   vendor send more (a new enum value, a property that may be missing or null, a new property
 *   under strict validation) makes the current client reject real responses.
 * - In a request the client sends and the vendor validates. A change that accepts less (a new
 *   required property, a removed enum value) breaks calls the current code makes.
 * A removed property, and a type change that neither only widens nor only narrows, break both.
 */
import type {
  ArrayNode,
  NamedSchema,
  NumberNode,
  ObjectNode,
  PropertyNode,
  SchemaNode,
  StringNode,
  UnionNode,
} from "../model/types.js";
import {
  change,
  describeNode,
  type Direction,
  prefix,
  type SchemaChange,
  severityOf,
} from "./schema-change.js";
import {
  compareBound,
  compareConst,
  compareDiscriminators,
  compareEnumValues,
  compareNumbers,
  compareStrings,
  compareWithAny,
  enumToString,
  isStringEnum,
  typeChange,
} from "./schema-values.js";

export type { Direction, SchemaChange, Severity } from "./schema-change.js";
export { severityOf } from "./schema-change.js";

export interface SchemaDiffOptions {
  /**
   * Whether the current client rejects response keys the document does not declare, which the
   * policy's unknownKeys: strict (the default) does for objects without additionalProperties.
   */
  strictUnknownKeys: boolean;
}

/**
 * Compares nodes of two models. Component schemas are compared once per pair and direction,
 * and a pair met again inside itself (a recursive schema) counts as unchanged there.
 */
export class SchemaComparer {
  readonly #oldSchemas: Map<string, NamedSchema>;
  readonly #newSchemas: Map<string, NamedSchema>;
  readonly #options: SchemaDiffOptions;
  readonly #memo = new Map<string, SchemaChange[]>();
  /** Pairs being compared, outermost first. */
  readonly #active = new Set<string>();
  /** Active pairs met again inside themselves, whose result is not complete until they finish. */
  readonly #cut = new Set<string>();

  constructor(oldSchemas: NamedSchema[], newSchemas: NamedSchema[], options: SchemaDiffOptions) {
    this.#oldSchemas = new Map(oldSchemas.map((schema) => [schema.key, schema]));
    this.#newSchemas = new Map(newSchemas.map((schema) => [schema.key, schema]));
    this.#options = options;
  }

  /** Returns every change from `before` to `after`, with paths relative to them. */
  compare(before: SchemaNode, after: SchemaNode, direction: Direction): SchemaChange[] {
    if (before.kind === "ref" && after.kind === "ref") {
      return this.#compareComponents(before.target, after.target, direction);
    }
    if (before.kind === "ref") {
      return this.compare(this.#resolve(this.#oldSchemas, before.target), after, direction);
    }
    if (after.kind === "ref") {
      return this.compare(before, this.#resolve(this.#newSchemas, after.target), direction);
    }
    return this.#compareResolved(before, after, direction);
  }

  #compareComponents(oldKey: string, newKey: string, direction: Direction): SchemaChange[] {
    const pair = JSON.stringify([direction, oldKey, newKey]);
    const known = this.#memo.get(pair);
    if (known) return known;
    if (this.#active.has(pair)) {
      // The outer comparison of this pair reports its changes; here it counts as unchanged.
      this.#cut.add(pair);
      return [];
    }
    this.#active.add(pair);
    const changes = this.compare(
      this.#resolve(this.#oldSchemas, oldKey),
      this.#resolve(this.#newSchemas, newKey),
      direction,
    );
    this.#active.delete(pair);
    this.#cut.delete(pair);
    const located = changes.map((change) =>
      change.component ? change : { ...change, component: { key: newKey, path: change.path } },
    );
    // A result that left out an enclosing pair still being compared is not stored, because the
    // same pair compared from elsewhere must include it.
    if (![...this.#cut].some((cutPair) => this.#active.has(cutPair))) this.#memo.set(pair, located);
    return located;
  }

  #resolve(schemas: Map<string, NamedSchema>, key: string): SchemaNode {
    // A reference to a schema the model does not hold cannot be compared; `any` keeps it neutral.
    return schemas.get(key)?.node ?? { kind: "any" };
  }

  #compareResolved(before: SchemaNode, after: SchemaNode, direction: Direction): SchemaChange[] {
    const beforeNullable = before.kind === "nullable";
    const afterNullable = after.kind === "nullable";
    if (beforeNullable || afterNullable) {
      const inner = this.compare(unwrapNullable(before), unwrapNullable(after), direction);
      if (beforeNullable === afterNullable) return inner;
      const widened = afterNullable;
      const message = widened ? "may now be null" : "may no longer be null";
      return [
        change(
          "",
          widened ? "became-nullable" : "no-longer-nullable",
          severityOf(widened, direction),
          message,
        ),
        ...inner,
      ];
    }
    if (before.kind === "any" || after.kind === "any") {
      return compareWithAny(before, after, direction);
    }
    if (before.kind !== after.kind) return this.#compareKinds(before, after, direction);
    return this.#compareSameKind(before, after, direction);
  }

  /**
   * A value that becomes a union (or an allOf), or stops being one, is compared as a union (or
   * allOf) of one member, so `string` to `oneOf [string, object]` reads as a variant added.
   */
  #compareKinds(before: SchemaNode, after: SchemaNode, direction: Direction): SchemaChange[] {
    if (before.kind === "union" || after.kind === "union") {
      return this.#compareUnions(asUnion(before), asUnion(after), direction);
    }
    if (before.kind === "intersection" || after.kind === "intersection") {
      return this.#compareParts(asParts(before), asParts(after), direction);
    }
    if (isStringEnum(before) && after.kind === "string") {
      return [enumToString(before, after, true, direction)];
    }
    if (before.kind === "string" && isStringEnum(after)) {
      return [enumToString(before, after, false, direction)];
    }
    return [typeChange(before, after)];
  }

  #compareSameKind(before: SchemaNode, after: SchemaNode, direction: Direction): SchemaChange[] {
    switch (before.kind) {
      case "object":
        return this.#compareObjects(before, after as ObjectNode, direction);
      case "array":
        return this.#compareArrays(before, after as ArrayNode, direction);
      case "union":
        return this.#compareUnions(before, after as UnionNode, direction);
      case "intersection":
        return this.#compareParts(before.parts, (after as typeof before).parts, direction);
      case "enum":
        return compareEnumValues(before.values, (after as typeof before).values, direction);
      case "const":
        return compareConst(before.value, (after as typeof before).value);
      case "string":
        return compareStrings(before, after as StringNode, direction);
      case "number":
        return compareNumbers(before, after as NumberNode, direction);
      default:
        return [];
    }
  }

  #compareObjects(before: ObjectNode, after: ObjectNode, direction: Direction): SchemaChange[] {
    const changes: SchemaChange[] = [];
    const beforeProperties = visibleProperties(before, direction);
    const afterProperties = visibleProperties(after, direction);
    for (const property of afterProperties.values()) {
      const previous = beforeProperties.get(property.name);
      const at = propertyPath(property.name);
      if (previous === undefined) {
        changes.push(this.#propertyAdded(before, property, direction));
        continue;
      }
      if (previous.required !== property.required) {
        const widened = !property.required;
        const message = widened ? "is no longer required" : "is now required";
        changes.push(
          change(
            at,
            widened ? "became-optional" : "became-required",
            severityOf(widened, direction),
            message,
          ),
        );
      }
      changes.push(...prefix(at, this.compare(previous.schema, property.schema, direction)));
    }
    for (const property of beforeProperties.values()) {
      if (afterProperties.has(property.name)) continue;
      const message =
        direction === "response"
          ? "was removed: code that reads it gets nothing"
          : "was removed: the vendor no longer accepts it, and code that sets it stops compiling after regeneration";
      changes.push(change(propertyPath(property.name), "property-removed", "breaking", message));
    }
    changes.push(...this.#compareAdditional(before, after, direction));
    return changes;
  }

  #propertyAdded(before: ObjectNode, property: PropertyNode, direction: Direction): SchemaChange {
    const at = propertyPath(property.name);
    if (direction === "request") {
      return property.required
        ? change(
            at,
            "property-added",
            "breaking",
            "was added as required: calls without it are rejected",
          )
        : change(at, "property-added", "non-breaking", "was added as optional");
    }
    if (this.#rejectsUnknownKeys(before)) {
      return change(
        at,
        "property-added",
        "breaking",
        "was added: strict validation rejects responses that carry it until the client is regenerated",
      );
    }
    return change(
      at,
      "property-added",
      "non-breaking",
      "was added; the current client drops or keeps it without failing",
    );
  }

  /** Whether the current client rejects keys an object does not declare. */
  #rejectsUnknownKeys(node: ObjectNode): boolean {
    return (
      node.additional === "closed" ||
      (node.additional === "unspecified" && this.#options.strictUnknownKeys)
    );
  }

  #compareAdditional(before: ObjectNode, after: ObjectNode, direction: Direction): SchemaChange[] {
    if (typeof before.additional === "object" && typeof after.additional === "object") {
      return prefix("{}", this.compare(before.additional, after.additional, direction));
    }
    const wasOpen = !this.#rejectsUnknownKeys(before);
    const isOpen = !this.#rejectsUnknownKeys(after);
    if (wasOpen === isOpen) return [];
    const message = isOpen ? "now allows undeclared keys" : "no longer allows undeclared keys";
    return [
      change(
        "",
        isOpen ? "additional-properties-allowed" : "additional-properties-closed",
        severityOf(isOpen, direction),
        message,
      ),
    ];
  }

  #compareArrays(before: ArrayNode, after: ArrayNode, direction: Direction): SchemaChange[] {
    const changes = prefix("[]", this.compare(before.items, after.items, direction));
    changes.push(...compareBound("minItems", before.minItems, after.minItems, "lower", direction));
    changes.push(...compareBound("maxItems", before.maxItems, after.maxItems, "upper", direction));
    if ((before.uniqueItems === true) !== (after.uniqueItems === true)) {
      const widened = !after.uniqueItems;
      changes.push(
        change(
          "",
          "unique-items",
          severityOf(widened, direction),
          widened ? "may now repeat items" : "must now have unique items",
        ),
      );
    }
    return changes;
  }

  /** Variants are paired as {@link pairMembers} does; one left over was added or removed. */
  #compareUnions(before: UnionNode, after: UnionNode, direction: Direction): SchemaChange[] {
    const members = pairMembers(before.variants, after.variants);
    const changes = members.pairs.flatMap(({ before: old, after: current, index }) =>
      prefix(`|${index}`, this.compare(old, current, direction)),
    );
    for (const { node, index } of members.added) {
      changes.push(
        change(
          `|${index}`,
          "variant-added",
          severityOf(true, direction),
          `variant ${describeNode(node)} was added`,
        ),
      );
    }
    for (const { node, index } of members.removed) {
      changes.push(
        change(
          `|${index}`,
          "variant-removed",
          severityOf(false, direction),
          `variant ${describeNode(node)} was removed`,
        ),
      );
    }
    changes.push(...compareDiscriminators(before, after, direction));
    return changes;
  }

  /** allOf parts, paired like union variants: a part added restricts the value, one removed relaxes it. */
  #compareParts(before: SchemaNode[], after: SchemaNode[], direction: Direction): SchemaChange[] {
    const members = pairMembers(before, after);
    const changes = members.pairs.flatMap(({ before: old, after: current, index }) =>
      prefix(`&${index}`, this.compare(old, current, direction)),
    );
    for (const { node, index } of members.added) {
      changes.push(
        change(
          `&${index}`,
          "all-of-part-added",
          severityOf(false, direction),
          `allOf part ${describeNode(node)} was added`,
        ),
      );
    }
    for (const { node, index } of members.removed) {
      changes.push(
        change(
          `&${index}`,
          "all-of-part-removed",
          severityOf(true, direction),
          `allOf part ${describeNode(node)} was removed`,
        ),
      );
    }
    return changes;
  }
}

interface Member {
  node: SchemaNode;
  /** Position in its list. */
  index: number;
}

interface PairedMembers {
  /** `index` is the position of `after` in the new list. */
  pairs: Array<{ before: SchemaNode; after: SchemaNode; index: number }>;
  added: Member[];
  removed: Member[];
}

/**
 * Pairs the members of two unions or allOfs: first those referencing the same component, then
 * those of the same kind, then the rest by position. Whatever is left on one side has no partner.
 */
function pairMembers(before: SchemaNode[], after: SchemaNode[]): PairedMembers {
  const unpairedBefore: Member[] = before.map((node, index) => ({ node, index }));
  const unpairedAfter: Member[] = after.map((node, index) => ({ node, index }));
  const pairs: PairedMembers["pairs"] = [];
  const matchers = [
    sameReference,
    (a: SchemaNode, b: SchemaNode) => a.kind === b.kind && a.kind !== "ref",
    () => true,
  ];
  for (const matches of matchers) {
    for (const old of [...unpairedBefore]) {
      const partner = unpairedAfter.findIndex((candidate) => matches(old.node, candidate.node));
      if (partner === -1) continue;
      const [current] = unpairedAfter.splice(partner, 1);
      unpairedBefore.splice(unpairedBefore.indexOf(old), 1);
      pairs.push({ before: old.node, after: current!.node, index: current!.index });
    }
  }
  pairs.sort((a, b) => a.index - b.index);
  return { pairs, added: unpairedAfter, removed: unpairedBefore };
}

function asUnion(node: SchemaNode): UnionNode {
  return node.kind === "union" ? node : { kind: "union", variants: [node], exclusive: false };
}

function asParts(node: SchemaNode): SchemaNode[] {
  return node.kind === "intersection" ? node.parts : [node];
}

function propertyPath(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** Properties that travel in `direction`: readOnly ones are not sent, writeOnly ones not returned. */
function visibleProperties(node: ObjectNode, direction: Direction): Map<string, PropertyNode> {
  const hidden = (property: PropertyNode) =>
    (direction === "request" ? property.schema.readOnly : property.schema.writeOnly) === true;
  return new Map(
    node.properties
      .filter((property) => !hidden(property))
      .map((property) => [property.name, property]),
  );
}

function unwrapNullable(node: SchemaNode): SchemaNode {
  return node.kind === "nullable" ? node.inner : node;
}

function sameReference(a: SchemaNode, b: SchemaNode): boolean {
  return a.kind === "ref" && b.kind === "ref" && a.target === b.target;
}
