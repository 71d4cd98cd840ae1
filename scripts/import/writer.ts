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

function stringLiteral(text: string): string {
  if (text.includes('\n') && !text.includes('`') && !text.includes('${')) {
    return `\`${text.replace(/\\/g, '\\\\')}\``;
  }
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

function key(name: string): string {
  return identifier.test(name) ? name : stringLiteral(name);
}

/** TypeScript source of a value; undefined properties are left out. */
export function printValue(value: unknown, calls: Set<string>): string {
  if (value instanceof Call) {
    calls.add(value.fn);
    return `${value.fn}(${printValue(value.arg, calls)})`;
  }
  if (value instanceof Commented) return printValue(value.value, calls);
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => printValue(v, calls)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    // Small flat objects (a time range, a label pair) stay on one line.
    const flat = entries.length <= 3 && entries.every(([, v]) => typeof v !== 'object' || v === null);
    if (flat && entries.length > 0) return `{ ${entries.map(([k, v]) => `${key(k)}: ${printValue(v, calls)}`).join(', ')} }`;
    const body = entries.map(([k, v]) => {
      const comment = v instanceof Commented ? `\n// ${v.comment.split('\n').join('\n// ')}\n` : '';
      return `${comment}${key(k)}: ${printValue(v, calls)}`;
    });
    // A trailing comma after the first entry keeps prettier from joining objects onto one line (as it preserves the author's break).
    return entries.length === 0 ? '{}' : `{\n${body.join(',\n')},\n}`;
  }
  throw new Error(`cannot print ${typeof value}`);
}

function header(sources: readonly string[]): string {
  const lines = sources.length === 1
    ? [`// Imported by monac import from ${sources[0]}.`]
    : ['// Imported by monac import from:', ...sources.map((s) => `//   ${s}`)];
  return `${lines.join('\n')}\n// Yours to edit from here: the declarations build back to the input.\n`;
}

/** The file's TypeScript, formatted with prettier. */
export async function printModule(file: ModuleFile): Promise<string> {
  const calls = new Set<string>();
  const body = file.declarations.map((d) => {
    const doc = d.doc ? `/** ${d.doc.replace(/\*\//g, '*\\/')} */\n` : '';
    return `${doc}export const ${d.name} = ${printValue(d.value, calls)};\n`;
  });
  const schemaImport = calls.size > 0 ? `import { ${[...calls].sort().join(', ')} } from '#schemas';\n` : '';
  const local = [...(file.imports ?? new Map<string, string>())].sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, path]) => `import { ${name} } from '${path}';\n`).join('');
  return await formatTypescript(`${header(file.sources)}${schemaImport}${local}\n${body.join('\n')}`);
}

/** Prettier, with the repository's style: single quotes, 120 columns, trailing commas. */
export async function formatTypescript(source: string): Promise<string> {
  return await format(source, { parser: 'typescript', singleQuote: true, printWidth: 120, trailingComma: 'all' });
}
