/**
 * The position of a node that printers need: prettier chooses some layouts by the parent node
 * and the property the child is in.
 */

export type AssignmentLayout =
  | "break-after-operator"
  | "never-break-after-operator"
  | "fluid"
  | "break-lhs"
  | "chain"
  | "chain-tail"
  | "chain-tail-arrow-chain"
  | "only-left";

export interface Place {
  /** The parent's kind, in prettier's terms where it matters. */
  parent:
    | "statement"
    | "expression-statement"
    | "assignment"
    | "variable"
    | "property"
    | "call"
    | "new"
    | "member"
    | "array"
    | "arrow"
    | "as"
    | "unary"
    | "return"
    | "parameter";
  /** The property of the parent that contains the node. */
  key?: "callee" | "object" | "arguments" | "body" | "right" | "init" | "value" | "elements" | "expression" | "argument";
  assignmentLayout?: AssignmentLayout;
  /** The node is the last call argument, printed for hugging. */
  expandLastArg?: boolean;
}

export const STATEMENT: Place = { parent: "statement" };
