/**
 * The evidence page's style sheet. It names only fonts the reader's system has, so the page loads
 * no font, and it prints on paper without the colours the screen uses for backgrounds.
 */
export const EVIDENCE_STYLE = `
:root {
  color-scheme: light;
  --text: #1f2328;
  --muted: #59636e;
  --line: #d1d9e0;
  --stripe: #f6f8fa;
  --pass: #1a7f37;
  --fail: #cf222e;
  --warn: #9a6700;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  color: var(--text);
  background: #ffffff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
}
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 26px; margin: 0 0 16px; }
h2 { font-size: 21px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 24px 0 8px; }
h4 { font-size: 15px; margin: 18px 0 6px; }
p, ul { margin: 8px 0; }
code {
  font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace;
  font-size: 13px;
}
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 16px; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.table-frame { overflow-x: auto; margin: 8px 0 16px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: var(--stripe); font-weight: 600; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
td { overflow-wrap: break-word; }
table.inventory td { overflow-wrap: anywhere; }
table.findings td:nth-child(2) code, table.suppressions td:nth-child(2) code { white-space: nowrap; }
table.controls td:nth-child(1) { font-weight: 600; width: 15%; }
table.controls td:nth-child(2) { width: 30%; }
table.controls td:nth-child(3), table.controls td:nth-child(4) { white-space: nowrap; width: 1%; }
table.controls td:nth-child(5) { color: var(--muted); }
section.vendor { margin-top: 40px; }
.status { font-weight: 700; }
.status.pass { color: var(--pass); }
.status.fail { color: var(--fail); }
.status.warn { color: var(--warn); }
.status.none { color: var(--muted); }
@media print {
  main { max-width: none; padding: 0; }
  .table-frame { overflow: visible; }
  tbody tr:nth-child(even) td, th { background: none; }
  section.vendor { break-before: page; }
}
`;
