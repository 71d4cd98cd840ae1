import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { describe, expect, test } from 'vitest';
import { precompiledModule, precompiledPath } from '../../generators/docs/precompile.ts';
import { render } from '../../generators/docs/render.ts';

/** Handlebars as shipped, with nothing escaped as in render(): the reference for what `each` must do. */
const reference = Handlebars.create();
const expected = (source: string, view: object) => `${reference.compile(source, { noEscape: true })(view).trimEnd()}\n`;

describe('docs templates', () => {
  test('the precompiled built-in templates are those of the .hbs files and this Handlebars (run npm run templates when this fails)', () => {
    expect(readFileSync(precompiledPath, 'utf8')).toBe(precompiledModule());
  });

  // render() walks arrays with its own `each`; these are the frame variables and block params templates may use.
  const cases: Record<string, [string, object]> = {
    'frame variables': ['{{#each items}}[{{@index}} {{@key}} {{@first}} {{@last}} {{this}}]{{/each}}', { items: ['a', 'b', 'c'] }],
    'block params': ['{{#each items as |item i|}}({{i}}={{item.name}}){{/each}}', { items: [{ name: 'x' }, { name: 'y' }] }],
    'nested lists and the parent frame': ['{{#each rows}}{{#each cells}}<{{@../index}}.{{@index}} {{this}} {{../label}} {{@root.title}}>{{/each}}{{/each}}', { title: 'T', rows: [{ label: 'r0', cells: [1, 2] }, { label: 'r1', cells: [3] }] }],
    'an empty list takes the else branch': ['{{#each items}}x{{else}}none{{/each}}', { items: [] }],
    'a sparse list skips its holes': ['{{#each items}}{{@index}}:{{this}};{{@last}} {{/each}}', { items: [1, , 3] }], // eslint-disable-line no-sparse-arrays
    'an object walks its keys': ['{{#each map}}{{@key}}={{this}} {{@first}} {{@last}};{{/each}}', { map: { a: 1, b: 2 } }],
    'a missing list takes the else branch': ['{{#each nothing}}x{{else}}none{{/each}}', {}],
  };
  for (const [name, [source, view]] of Object.entries(cases)) {
    test(`each: ${name}, as Handlebars' own`, () => {
      expect(render('index', view, source)).toBe(expected(source, view));
    });
  }
});
