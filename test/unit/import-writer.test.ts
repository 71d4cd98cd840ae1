import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect, isDeepStrictEqual } from 'node:util';
import { Script } from 'node:vm';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { Call, Commented, printModule, type ModuleFile } from '../../scripts/import/writer.ts';

/** A Call as the evaluated module returns it: the define functions are stand-ins that record their argument. */
const called = (fn: string, arg: unknown) => ({ called: fn, arg });

/** The value printValue should produce, with Calls and Commented unwrapped as the module would evaluate them. */
function expected(value: unknown): unknown {
  if (value instanceof Call) return called(value.fn, expected(value.arg));
  if (value instanceof Commented) return expected(value.value);
  if (Array.isArray(value)) return value.map(expected);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).map(([k, v]) => [k, expected(v)]));
  }
  return value;
}

/** Statements the written module may hold: imports and exported constants whose values are literals and calls of imported functions. */
function assertOnlyData(source: string): void {
  const file = ts.createSourceFile('module.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const imported = new Set<string>();
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings) && statement.importClause.namedBindings.elements.forEach((e) => imported.add(e.name.text));
      continue;
    }
    expect(ts.isVariableStatement(statement), `a statement that is not an export: ${statement.getText()}`).toBe(true);
    expect(statement.getText()).toMatch(/^export const /);
  }
  const allowed = new Set([
    ts.SyntaxKind.ObjectLiteralExpression, ts.SyntaxKind.ArrayLiteralExpression, ts.SyntaxKind.PropertyAssignment, ts.SyntaxKind.ComputedPropertyName,
    ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.NumericLiteral, ts.SyntaxKind.Identifier,
    ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword, ts.SyntaxKind.PrefixUnaryExpression, ts.SyntaxKind.CallExpression,
  ]);
  const visit = (node: ts.Node) => {
    expect(allowed.has(node.kind), `${ts.SyntaxKind[node.kind]} in a value: ${node.getText()}`).toBe(true);
    if (ts.isCallExpression(node)) expect(ts.isIdentifier(node.expression) && imported.has(node.expression.text), node.getText()).toBe(true);
    if (ts.isIdentifier(node) && !ts.isPropertyAssignment(node.parent)) expect(imported.has(node.text) || ['NaN', 'Infinity'].includes(node.text), node.text).toBe(true);
    ts.forEachChild(node, visit);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) if (d.initializer) visit(d.initializer);
  }
}

/** Evaluates the written module with stand-ins for the language's functions; its exports. */
function evaluate(source: string): Record<string, unknown> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, unknown> = {};
  const schemas = new Proxy({}, { get: (_, fn: string) => (arg: unknown) => called(fn, arg) });
  const require = (id: string) => {
    if (id !== '#schemas') throw new Error(`the module requires ${id}`);
    return schemas;
  };
  new Script(js).runInNewContext({ exports, require, module: { exports } });
  return host(exports) as Record<string, unknown>;
}

/** The value rebuilt with this realm's objects (the module ran in a context of its own), own `__proto__` keys kept. */
function host(value: unknown): unknown {
  if (Array.isArray(value)) return Array.from(value as unknown[], host);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, host(v)]));
  return value;
}

async function roundTrip(file: ModuleFile): Promise<Record<string, unknown>> {
  const source = await printModule(file);
  assertOnlyData(source);
  return evaluate(source);
}

/** Any text: every code unit, lone surrogates and line terminators included, and the names objects treat specially. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('\r', '\n', '\u2028', '\u2029', '`', '${', '*/', '\\', "'", '"', '\t', '\0', 'a', '\ud800', '\udc00') }),
  fc.constantFrom('__proto__', 'constructor', 'cr\r\nlf', '\n', ''),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, text, fc.double(), fc.boolean(), fc.constant(null), tie('array'), tie('object'), tie('call'), tie('commented')),
  array: fc.array(tie('node'), { maxLength: 4 }),
  object: fc.array(fc.tuple(text, tie('node')), { maxLength: 5 }).map((entries) => Object.fromEntries(entries)),
  call: fc.tuple(fc.constantFrom('defineService', 'defineAlert'), tie('object')).map(([fn, arg]) => new Call(fn, arg)),
  commented: fc.tuple(text, tie('node')).map(([comment, v]) => new Commented(comment, v)),
})).node;

describe('the import writer', () => {
  test('written TypeScript evaluates to exactly the declared values and holds nothing but data', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(text, { minLength: 1, maxLength: 3 }), fc.option(text, { nil: undefined }), fc.array(fc.tuple(text, value), { maxLength: 6 }),
      async (sources, doc, entries) => {
        const data = Object.fromEntries(entries);
        const exports = await roundTrip({ path: 'x.ts', sources, declarations: [{ name: 'imported', doc, value: new Commented('kept', data) }] });
        expect(Object.keys(exports)).toEqual(['imported']);
        // node's own deep equality: vitest's reads an own `constructor` key as the object's class.
        expect(isDeepStrictEqual(exports.imported, expected(data)), inspect({ got: exports.imported, expected: expected(data) })).toBe(true);
      },
    ), { numRuns: 300 });
  });

  test('a file name or comment with a line break and code runs nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'monac-writer-'));
    const marker = join(dir, 'ran');
    const payload = `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`;
    for (const breakChar of ['\n', '\r', '\u2028', '\u2029', '\r\n']) {
      const exports = await roundTrip({
        path: 'x.ts',
        sources: [`rules${breakChar}${payload}//.yml`, `b${breakChar}${payload}`],
        declarations: [{ name: 'x', doc: `*/ ${payload} /*`, value: { a: new Commented(`note${breakChar}${payload}`, `v${breakChar}${payload}`) } }],
      });
      expect(exports.x).toEqual({ a: `v${breakChar}${payload}` });
    }
    expect(existsSync(marker)).toBe(false);
  });

  test('keeps a carriage return: "cr\\r\\nlf" comes back as written', async () => {
    const exports = await roundTrip({ path: 'x.ts', sources: ['a.yml'], declarations: [{ name: 'x', value: { expr: 'cr\r\nlf', multi: 'a\nb', proto: { __proto__x: 1 } } }] });
    expect(exports.x).toEqual({ expr: 'cr\r\nlf', multi: 'a\nb', proto: { __proto__x: 1 } });
  });

  test('refuses a constant or function name that is not an identifier', async () => {
    await expect(printModule({ path: 'x.ts', sources: [], declarations: [{ name: 'a; run()', value: 1 }] })).rejects.toThrow('not a constant name');
    await expect(printModule({ path: 'x.ts', sources: [], declarations: [{ name: 'a', value: new Call('x(); y', {}) }] })).rejects.toThrow('not a function name');
  });

  test('lays a file out as a person would write it: header, sorted imports, small flat objects on one line, comments above their property', async () => {
    const file: ModuleFile = {
      path: 'services/api.ts',
      sources: ['rules/b.yml', 'rules/a.yml'],
      imports: new Map([['zeta', './zeta.ts'], ['alpha', './alpha.ts']]),
      declarations: [{
        name: 'api',
        doc: 'The API.\nIt ends a comment: */ here.',
        value: new Call('defineService', {
          id: 'api',
          skipped: undefined,
          window: { from: '09:00', to: '17:00' },
          three: { a: 1, b: 2, c: 3 },
          four: { a: 1, b: 2, c: 3, d: 4 },
          nested: { labels: { team: 'api' } },
          none: {},
          zero: -0,
          kept: new Commented('raw: not mapped\nsecond line', { x: 1 }),
          text: 'line one\nline two',
          quote: "it's",
          tab: 'a\tb',
          tick: 'a`b\nc',
          alerts: [new Call('defineAlert', { name: 'Down' })],
        }),
      }],
    };
    expect(await printModule(file)).toBe([
      '// Imported by monac import from:',
      '//   rules/b.yml',
      '//   rules/a.yml',
      '// Yours to edit from here: the declarations build back to the input.',
      "import { defineAlert, defineService } from '#schemas';",
      "import { alpha } from './alpha.ts';",
      "import { zeta } from './zeta.ts';",
      '',
      '/** The API. It ends a comment: *\\/ here. */',
      'export const api = defineService({',
      "  id: 'api',",
      "  window: { from: '09:00', to: '17:00' },",
      '  three: { a: 1, b: 2, c: 3 },',
      '  four: {',
      '    a: 1,',
      '    b: 2,',
      '    c: 3,',
      '    d: 4,',
      '  },',
      '  nested: {',
      "    labels: { team: 'api' },",
      '  },',
      '  none: {},',
      '  zero: -0,',
      '',
      '  // raw: not mapped',
      '  // second line',
      '  kept: { x: 1 },',
      '  text: `line one',
      'line two`,',
      '  quote: "it\'s",',
      "  tab: 'a\\tb',",
      "  tick: 'a`b\\nc',",
      "  alerts: [defineAlert({ name: 'Down' })],",
      '});',
      '',
    ].join('\n'));
    // One source on the header line; the language as the target project imports it; no import without a call.
    expect(await printModule({ path: 'x.ts', sources: ['one.yml'], declarations: [{ name: 'slo', value: new Call('defineSlo', { id: 'a' }) }] }, 'monac')).toBe(
      "// Imported by monac import from one.yml.\n// Yours to edit from here: the declarations build back to the input.\nimport { defineSlo } from 'monac';\n\nexport const slo = defineSlo({ id: 'a' });\n",
    );
    expect(await printModule({ path: 'x.ts', sources: ['one.yml'], declarations: [{ name: 'plain', value: { a: 1 } }] })).toBe(
      '// Imported by monac import from one.yml.\n// Yours to edit from here: the declarations build back to the input.\n\nexport const plain = { a: 1 };\n',
    );
  });
});
