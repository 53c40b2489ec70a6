/**
 * The `hardcoded-secret` rule: secretlint's recommended rules run over a file's text. Findings
 * name the secretlint rule and message id and never carry the matched text.
 */
import path from "node:path";
import { lintSource } from "@secretlint/core";
import { rules as recommendedRules } from "@secretlint/secretlint-rule-preset-recommend";
import { SCAN_RULES } from "./rules.js";
import type { ScanFinding } from "./types.js";

const RULE_PREFIX = "@secretlint/secretlint-rule-";

// secretlint's comment filter would let `secretlint-disable` comments hide a secret without a
// reason, so it is left out: suppressions go through vendorguard's own, which require one.
const COMMENT_FILTER_RULE = "@secretlint/secretlint-rule-filter-comments";

type SecretlintConfig = Parameters<typeof lintSource>[0]["options"]["config"];

const SECRETLINT_CONFIG: SecretlintConfig = {
  rules: recommendedRules
    .filter((rule) => rule.meta.id !== COMMENT_FILTER_RULE)
    .map((rule) => ({ id: rule.meta.id, rule })),
};

/** Returns the secrets secretlint recognises in `text`; `file` names them in findings. */
export async function findSecrets(
  absolutePath: string,
  text: string,
  file: string,
): Promise<ScanFinding[]> {
  const result = await lintSource({
    source: {
      content: text,
      filePath: absolutePath,
      ext: path.extname(absolutePath),
      contentType: "text",
    },
    // Masking keeps secret values out of anything secretlint returns, though none of it is used.
    options: { config: SECRETLINT_CONFIG, maskSecrets: true },
  });
  return result.messages.map((message) => {
    const rule = message.ruleId.startsWith(RULE_PREFIX)
      ? message.ruleId.slice(RULE_PREFIX.length)
      : message.ruleId;
    return {
      ruleId: "hardcoded-secret",
      severity: SCAN_RULES["hardcoded-secret"].severity,
      file,
      line: message.loc.start.line,
      // secretlint counts columns from 0, in UTF-16 code units.
      column: message.loc.start.column + 1,
      message: `secretlint rule ${rule} found a hard-coded secret (${message.messageId}) at ${file}:${message.loc.start.line}:${message.loc.start.column + 1}.`,
      fix: "Revoke the secret, remove it from the file and from git history, and read it at run time from the environment or a secret manager.",
    };
  });
}
