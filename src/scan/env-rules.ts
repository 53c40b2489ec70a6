/**
 * The `tls-verification-disabled` rule outside code: `NODE_TLS_REJECT_UNAUTHORIZED=0` in a `.env`
 * file or in a script of package.json. package.json is read with the TypeScript JSON parser, so
 * each script keeps its position.
 */
import ts from "typescript";
import { propertyKey } from "./object-literal.js";
import { SCAN_RULES } from "./rules.js";
import { NODE_TLS_MESSAGE, TLS_FIX } from "./tls-rules.js";
import type { ScanFinding } from "./types.js";

const ENV_ASSIGNMENT =
  /^\s*(?:export\s+)?(NODE_TLS_REJECT_UNAUTHORIZED)\s*=\s*(["']?)0\2\s*(?:#.*)?$/;
// Matched in the script's JSON text, which starts and ends with a double quote.
const SCRIPT_ASSIGNMENT = /(?:^|["\s;&|(])(NODE_TLS_REJECT_UNAUTHORIZED)=(['"]?)0\2(?=$|["\s;&|)])/;

/** Returns the findings in the text of a `.env` file. */
export function findEnvFileSettings(text: string, file: string): ScanFinding[] {
  const findings: ScanFinding[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = ENV_ASSIGNMENT.exec(line);
    if (match !== null) {
      findings.push(tlsFinding(file, index + 1, line.indexOf(match[1]!) + 1));
    }
  });
  return findings;
}

/** Returns the findings in the `scripts` of a package.json; text that is not JSON has none. */
export function findPackageScriptSettings(text: string, file: string): ScanFinding[] {
  const json = ts.parseJsonText(file, text);
  const root = json.statements[0]?.expression;
  if (root === undefined || !ts.isObjectLiteralExpression(root)) return [];
  const scripts = root.properties.find((property) => propertyKey(property) === "scripts");
  if (scripts === undefined || !ts.isPropertyAssignment(scripts)) return [];
  if (!ts.isObjectLiteralExpression(scripts.initializer)) return [];
  const findings: ScanFinding[] = [];
  for (const script of scripts.initializer.properties) {
    if (!ts.isPropertyAssignment(script) || !ts.isStringLiteral(script.initializer)) continue;
    // The raw text keeps JSON escapes, so offsets in it are offsets in the file.
    const raw = script.initializer.getText(json);
    const match = SCRIPT_ASSIGNMENT.exec(raw);
    if (match === null) continue;
    const offset = script.initializer.getStart(json) + match.index + match[0].indexOf(match[1]!);
    const position = json.getLineAndCharacterOfPosition(offset);
    findings.push(tlsFinding(file, position.line + 1, position.character + 1));
  }
  return findings;
}

function tlsFinding(file: string, line: number, column: number): ScanFinding {
  return {
    ruleId: "tls-verification-disabled",
    severity: SCAN_RULES["tls-verification-disabled"].severity,
    file,
    line,
    column,
    message: NODE_TLS_MESSAGE,
    fix: TLS_FIX,
  };
}
