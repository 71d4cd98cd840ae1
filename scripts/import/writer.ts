/**
 * The one writer every importer shares: declaration values in, formatted
 * TypeScript files out. Importers build plain values; a `Call` marks a
 * `define*()` or helper call so the file imports it and diagnostics point at it.
 */
import { format } from 'prettier';

/** A call of one of the language's functions, such as `defineAlert({...})`. */
export class Call {
  constructor(readonly fn: string, readonly arg: unknown) {}
}

/** A comment printed above a property: what the importer kept raw or where a value came from. */
export class Commented {
  constructor(readonly comment: string, readonly value: unknown) {}
}

/** An exported constant of a written file. */
export interface Declaration {
  readonly name: string;
  /** TSDoc above it. */
  readonly doc?: string | undefined;
  readonly value: unknown;
}

/** One TypeScript file to write, relative to the import folder. */
export interface ModuleFile {
  readonly path: string;
  /** Input files it came from, for the header. */
  readonly sources: readonly string[];
  readonly declarations: readonly Declaration[];
  /** Other files of the import folder it imports, name to relative path. */
  readonly imports?: ReadonlyMap<string, string> | undefined;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const loneSurrogate = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
/** Characters a string literal must escape: quotes, backslashes, controls, line terminators, unpaired surrogates. */
const unsafe = new RegExp(`[\\\\'\\u0000-\\u001f\\u007f\\u2028\\u2029]|${loneSurrogate}`, 'g');
/** What a comment must escape: controls, line terminators and unpaired surrogates. */
const commentUnsafe = new RegExp(`[\\u0000-\\u001f\\u007f\\u2028\\u2029]|${loneSurrogate}`, 'g');
const named: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escapeOne = (c: string) => named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** What a template literal may hold verbatim besides `\n`: anything but a backtick, `${`, a control (CR is read back as LF) or a lone surrogate. */
const templateUnsafe = /[`\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029\ud800-\udfff]|\$\{/;

/**
 * A string literal that evaluates to exactly `text`. Multi-line text (PromQL,
 * descriptions) stays readable as a template literal when it can be written
 * verbatim; everything else is single-quoted with every unsafe character escaped.
 */
export function stringLiteral(text: string): string {
  if (text.includes('\n') && !templateUnsafe.test(text)) return `\`${text.replace(/\\/g, '\\\\')}\``;
  return quoted(text);
}

/** A single-quoted literal of `text`: what property names and import paths need (a template literal is neither). */
export function quoted(text: string): string {
  return `'${text.replace(unsafe, escapeOne)}'`;
}

/** Text for a `//` comment: one line, whatever the input holds (a line terminator would end the comment and start code). */
export function commentLine(text: string): string {
  return text.replace(commentUnsafe, escapeOne);
}

/** Text for a `//` comment over several lines: each of its lines, by every line terminator JavaScript knows, made safe. */
function commentLines(text: string): string[] {
  return text.split(/\r\n|[\n\r\u2028\u2029]/).map(commentLine);
}

/** A property name; `__proto__` is computed, since as a plain key it would set the prototype instead of a property. */
function key(name: string): string {
  if (name === '__proto__') return `['__proto__']`;
  return identifier.test(name) ? name : quoted(name);
}

/** TypeScript source of a value; undefined properties are left out. */
export function printValue(value: unknown, calls: Set<string>): string {
  if (value instanceof Call) {
    if (!identifier.test(value.fn)) throw new Error(`not a function name: ${JSON.stringify(value.fn)}`);
    calls.add(value.fn);
    return `${value.fn}(${printValue(value.arg, calls)})`;
  }
  if (value instanceof Commented) return printValue(value.value, calls);
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => printValue(v, calls)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    // Small flat objects (a time range, a label pair) stay on one line.
    const flat = entries.length <= 3 && entries.every(([, v]) => typeof v !== 'object' || v === null);
    if (flat && entries.length > 0) return `{ ${entries.map(([k, v]) => `${key(k)}: ${printValue(v, calls)}`).join(', ')} }`;
    const body = entries.map(([k, v]) => {
      const comment = v instanceof Commented ? `\n${commentLines(v.comment).map((line) => `// ${line}`).join('\n')}\n` : '';
      return `${comment}${key(k)}: ${printValue(v, calls)}`;
    });
    // A trailing comma after the first entry keeps prettier from joining objects onto one line (as it preserves the author's break).
    return entries.length === 0 ? '{}' : `{\n${body.join(',\n')},\n}`;
  }
  throw new Error(`cannot print ${typeof value}`);
}

function header(sources: readonly string[]): string {
  const lines = sources.length === 1
    ? [`// Imported by monac import from ${commentLine(sources[0]!)}.`]
    : ['// Imported by monac import from:', ...sources.map((s) => `//   ${commentLine(s)}`)];
  return `${lines.join('\n')}\n// Yours to edit from here: the declarations build back to the input.\n`;
}

/**
 * The file's TypeScript, formatted with prettier. `language` is how the
 * target imports the declaration language: `monac` in a project that
 * installed it, `#schemas` inside this repository.
 */
export async function printModule(file: ModuleFile, language: '#schemas' | 'monac' = '#schemas'): Promise<string> {
  const calls = new Set<string>();
  const body = file.declarations.map((d) => {
    if (!identifier.test(d.name)) throw new Error(`not a constant name: ${JSON.stringify(d.name)}`);
    const doc = d.doc ? `/** ${commentLines(d.doc).join(' ').replace(/\*\//g, '*\\/')} */\n` : '';
    return `${doc}export const ${d.name} = ${printValue(d.value, calls)};\n`;
  });
  const schemaImport = calls.size > 0 ? `import { ${[...calls].sort().join(', ')} } from '${language}';\n` : '';
  const local = [...(file.imports ?? new Map<string, string>())].sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, path]) => `import { ${name} } from ${quoted(path)};\n`).join('');
  return await formatTypescript(`${header(file.sources)}${schemaImport}${local}\n${body.join('\n')}`);
}

/** Prettier, with the repository's style: single quotes, 120 columns, trailing commas. */
export async function formatTypescript(source: string): Promise<string> {
  return await format(source, { parser: 'typescript', singleQuote: true, printWidth: 120, trailingComma: 'all' });
}
