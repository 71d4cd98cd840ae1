import Handlebars from 'handlebars';
import type { DocPageKind } from '../core/model.ts';
import { docPageKinds } from '../core/model.ts';
import { cell, code } from './markdown.ts';
import { templateOptions } from './precompile.ts';
import { precompiled } from './templates/precompiled.ts';

/** One Handlebars environment, with the helpers every template may call. */
const handlebars = Handlebars.create();
handlebars.registerHelper('code', (text: unknown) => (text === undefined || text === '' ? '' : code(String(text))));
handlebars.registerHelper('cell', (text: unknown) => (text === undefined || text === '' ? '-' : cell(String(text))));
handlebars.registerHelper('sentence', (text: unknown) => { const s = String(text ?? '').trim(); return /[.!?]$/.test(s) ? s : `${s}.`; });
handlebars.registerHelper('add', (a: number, b: number) => a + b);
// Handlebars' own `each` copies its data frame key by key (a `for...in` per list) before it looks at the list; a runbook has a dozen lists per
// alert, most of them empty. Arrays are walked here with the same frame (`@index`, `@key`, `@first`, `@last`, `@../`) and block params; objects
// and iterables still go to Handlebars.
const each = handlebars.helpers['each']!;
handlebars.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
  if (!Array.isArray(context)) return each.call(this, context, options);
  if (context.length === 0) return options.inverse(this);
  const data = options.data ? { ...options.data, _parent: options.data } : undefined;
  let out = '';
  for (let i = 0; i < context.length; i++) {
    if (!(i in context)) continue;
    if (data) { data.key = i; data.index = i; data.first = i === 0; data.last = i === context.length - 1; }
    out += options.fn(context[i], { data, blockParams: [context[i], i] });
  }
  return out;
});

const compile = (source: string) => handlebars.compile(source, templateOptions);

/** The built-in templates, one file per page kind beside this module, precompiled (precompile.ts). */
const builtIn = Object.fromEntries(docPageKinds.map((kind) => [kind, handlebars.template(precompiled[kind])])) as Record<DocPageKind, HandlebarsTemplateDelegate>;

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
