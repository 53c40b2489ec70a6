/**
 * Loading and rendering the handlebars templates of emitted files. Templates hold only the fixed
 * shape of a file; the view model they receive is already sorted and escaped, so they are
 * compiled with HTML escaping off and strict mode on (a missing field is an error, not blank).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

const TEMPLATE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../templates");

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Renders `templates/<name>.hbs` with a view model. */
export function renderTemplate(name: string, view: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(path.join(TEMPLATE_DIR, `${name}.hbs`), "utf8");
    template = Handlebars.compile(source, { noEscape: true, strict: true });
    compiled.set(name, template);
  }
  return template(view);
}
