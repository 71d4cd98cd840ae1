import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { DocPageKind } from '../core/model.ts';
import { docPageKinds } from '../core/model.ts';
import { cell, code } from './markdown.ts';

/** One Handlebars environment: Markdown is not HTML, so nothing is escaped; cells and code spans say how to quote. */
const handlebars = Handlebars.create();
handlebars.registerHelper('code', (text: unknown) => (text === undefined || text === '' ? '' : code(String(text))));
handlebars.registerHelper('cell', (text: unknown) => (text === undefined || text === '' ? '-' : cell(String(text))));
handlebars.registerHelper('sentence', (text: unknown) => { const s = String(text ?? '').trim(); return /[.!?]$/.test(s) ? s : `${s}.`; });
handlebars.registerHelper('add', (a: number, b: number) => a + b);
// Handlebars' own `each` copies its data frame before it looks at the list; a runbook has a dozen lists per alert, most of them empty.
const each = handlebars.helpers['each']!;
handlebars.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
  return Array.isArray(context) && context.length === 0 ? options.inverse(this) : each.call(this, context, options);
});

const compile = (source: string) => handlebars.compile(source, { noEscape: true, strict: false });

/** The built-in templates, one file per page kind beside this module: read once, like code. */
const builtIn = Object.fromEntries(docPageKinds.map((kind) => [
  kind,
  compile(readFileSync(new URL(`./templates/${kind}.hbs`, import.meta.url), 'utf8')),
])) as Record<DocPageKind, HandlebarsTemplateDelegate>;

const overrides = new Map<string, HandlebarsTemplateDelegate>();

/** Renders a page with the project's own template for its kind, else the built-in one. Blank-line runs are folded, as Markdown reads them. */
export function render(kind: DocPageKind, view: object, source?: string): string {
  let template = builtIn[kind];
  if (source !== undefined) {
    template = overrides.get(source) ?? compile(source);
    overrides.set(source, template);
  }
  return `${template(view).replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** A template's syntax error, or undefined: checked at build time, before anything is written. */
export function templateError(source: string): string | undefined {
  try {
    handlebars.precompile(source);
    return undefined;
  } catch (error) {
    // Handlebars reports the line, the source with a caret, then what it expected: keep the first and the last.
    const lines = (error as Error).message.split('\n').filter((line) => line.trim() !== '');
    return lines.length > 1 ? `${lines[0]} ${lines[lines.length - 1]}` : lines[0];
  }
}
