/**
 * The `tls-verification-disabled` rule in code: `rejectUnauthorized: false` in any object literal
 * or assignment (https and tls options, undici's `connect`, agents), and
 * `NODE_TLS_REJECT_UNAUTHORIZED` set to "0" through `process.env` or an environment object.
 */
import ts from "typescript";
import { originOf } from "./bindings.js";
import { propertyKey } from "./object-literal.js";
import { positionOf } from "./parse.js";
import { SCAN_RULES } from "./rules.js";
import type { ScanFinding } from "./types.js";
import { evaluateUrl, skipOuterExpressions } from "./url-value.js";

export const TLS_FIX =
  "Remove the setting. For a server whose certificate a private CA signed, trust that CA instead (the ca option, or tls.ca in the vendor's policy).";

export const NODE_TLS_MESSAGE =
  'NODE_TLS_REJECT_UNAUTHORIZED is set to "0", which turns off TLS certificate verification for every connection the process makes.';

const REJECT_UNAUTHORIZED_MESSAGE =
  "rejectUnauthorized: false turns off TLS certificate verification, so any certificate is accepted, including an attacker's.";

/** Returns the findings of the rule in a parsed file. */
export function findTlsSettings(
  sourceFile: ts.SourceFile,
  checker: ts.TypeChecker,
  file: string,
): ScanFinding[] {
  const findings: ScanFinding[] = [];
  const report = (node: ts.Node, message: string) => {
    findings.push({
      ruleId: "tls-verification-disabled",
      severity: SCAN_RULES["tls-verification-disabled"].severity,
      file,
      ...positionOf(node),
      message,
      fix: TLS_FIX,
    });
  };
  const visit = (node: ts.Node): void => {
    const setting = settingOf(node);
    if (setting !== undefined) {
      if (setting.key === "rejectUnauthorized" && isFalse(setting.value, checker)) {
        report(setting.at, REJECT_UNAUTHORIZED_MESSAGE);
      } else if (setting.key === "NODE_TLS_REJECT_UNAUTHORIZED" && isZero(setting.value, checker)) {
        report(setting.at, NODE_TLS_MESSAGE);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

/** Returns the key a node sets and its value: `key: value` in an object literal, or `target.key = value`. */
function settingOf(node: ts.Node): { key: string; value: ts.Expression; at: ts.Node } | undefined {
  if (ts.isPropertyAssignment(node)) {
    const key = propertyKey(node);
    return key === undefined ? undefined : { key, value: node.initializer, at: node };
  }
  if (ts.isShorthandPropertyAssignment(node)) {
    return { key: node.name.text, value: node.name, at: node };
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const key = accessedKey(node.left);
    return key === undefined ? undefined : { key, value: node.right, at: node };
  }
  return undefined;
}

function accessedKey(target: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(target)) return target.name.text;
  if (ts.isElementAccessExpression(target) && ts.isStringLiteralLike(target.argumentExpression)) {
    return target.argumentExpression.text;
  }
  return undefined;
}

/** `false`, `!1`, `!true`, or a `const` of the same file holding one of them. */
function isFalse(expression: ts.Expression, checker: ts.TypeChecker, depth = 0): boolean {
  const node = skipOuterExpressions(expression);
  if (node.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    const operand = skipOuterExpressions(node.operand);
    return (
      operand.kind === ts.SyntaxKind.TrueKeyword ||
      (ts.isNumericLiteral(operand) && Number(operand.text) !== 0)
    );
  }
  if (!ts.isIdentifier(node) || depth > 5) return false;
  const origin = originOf(node, checker);
  if (origin.kind !== "variable" || !origin.isConst || !origin.declaration.initializer)
    return false;
  return isFalse(origin.declaration.initializer, checker, depth + 1);
}

/** Node.js turns verification off only for the exact value "0"; a number 0 becomes "0" in `process.env`. */
function isZero(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  const value = evaluateUrl(expression, checker);
  return value.kind === "text" && value.text === "0";
}
