/**
 * Escaping for text in GitHub-flavoured Markdown table cells. Values come from vendor documents
 * and policies, so none may add links, HTML, emphasis or cells to a report.
 */

/**
 * Text with Markdown and HTML characters escaped and control characters turned into spaces. An
 * `@` that starts a word gets a zero-width space after it, so a value such as `@org/team`
 * mentions nobody on GitHub, while an email address stays as it is.
 */
export function markdownText(value: string): string {
  return value
    .replace(/[\x00-\x1f\x7f]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~]/g, (character) => `\\${character}`)
    .replace(/(^|[^\w.+-])@(?=\w)/g, "$1@&#8203;");
}

/**
 * A code span. Markdown shows its content literally, except that GitHub still splits table cells
 * at `|`, so pipes are escaped, and the fence is longer than any run of backticks inside.
 */
export function markdownCode(value: string): string {
  const content = value.replace(/[\x00-\x1f\x7f]+/g, " ").replace(/\|/g, "\\|");
  let fence = "`";
  while (content.includes(fence)) fence += "`";
  const padding = content.startsWith("`") || content.endsWith("`") ? " " : "";
  return `${fence}${padding}${content}${padding}${fence}`;
}
