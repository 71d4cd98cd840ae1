/**
 * A direct emitter for the plain data our artifacts hold (maps, lists,
 * single-line strings, finite numbers, booleans), writing what `toYaml`'s
 * document model writes, byte for byte, without building the document: the
 * document model was most of the cost of the rule and config files. Anything
 * it is not sure to write the same way (multi-line strings, strings that need
 * escapes, exponent numbers, lists of lists) returns undefined, and the caller
 * uses the document model for the whole file. test/unit/fast-yaml.test.ts
 * compares both on every artifact of the estate and the goldens. It takes the
 * data as generated: keys in canonical order, undefined dropped and numbers
 * printed stably, as `canonicalize` would, without copying the data first.
 */

import { parse } from 'yaml';
import { compareKeys, stableNumber } from './canonical.ts';

/** Words YAML 1.1 (go-yaml) reads as booleans or null: written quoted. */
const SPECIAL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', 'null', 'Null', 'NULL', '~',
]);

/** Printable ASCII and nothing that needs an escape. */
const PRINTABLE = /^[\x20-\x7e]*$/;

class Unsure extends Error {}

/** Whether YAML 1.1 reads the text back as this string; asked of the yaml library once per text. */
const readsAsString = new Map<string, boolean>();
function resolvesToItself(text: string): boolean {
  let known = readsAsString.get(text);
  if (known === undefined) {
    let value: unknown;
    try {
      value = parse(text, { version: '1.1' });
    } catch {
      value = undefined;
    }
    known = value === text;
    readsAsString.set(text, known);
  }
  return known;
}

/**
 * A plain scalar when nothing in it can be read otherwise: no indicator at its
 * start, no `: ` or ` #`, no surrounding blanks, no `:` at its end, and read
 * back as the same string (not a number, boolean, null or date in YAML 1.1).
 */
function isPlain(text: string): boolean {
  if (/^[,[\]{}#&*!|>'"%@`]|^[-?:](\s|$)|: | #|:$|^\s|\s$|\t/.test(text)) return false;
  if (/^[A-Za-z_/($]/.test(text)) return !SPECIAL.has(text);
  // No number, date, boolean or null of YAML 1.1 holds one of these: a string, without asking the parser.
  if (/[{}()[\]"/,*$|!&%@]/.test(text)) return true;
  return resolvesToItself(text);
}

/**
 * The text of each scalar written so far: an estate repeats its keys, label
 * values, durations and severities thousands of times, and a lookup is cheaper
 * than the tests. Bounded like the parser's own cache.
 */
const scalars = new Map<string, string>();
const SCALARS_KEPT = 65_536;

function scalar(value: string): string {
  let text = scalars.get(value);
  if (text === undefined) {
    text = quoted(value);
    if (scalars.size >= SCALARS_KEPT) scalars.clear();
    scalars.set(value, text);
  }
  return text;
}

function quoted(value: string): string {
  if (!PRINTABLE.test(value)) throw new Unsure();
  if (value !== '' && isPlain(value)) return value;
  // Quoted: single quotes when the text holds double quotes and no single one, as the document model chooses.
  if (value.includes('"') && !value.includes("'")) return `'${value}'`;
  if (value.includes('\\')) throw new Unsure();
  return `"${value.replace(/"/g, '\\"')}"`;
}

function number(value: number): string {
  const text = String(value);
  // String() writes an exponent as `e` (1e+21, 5e-7), and Infinity or NaN without one.
  if (!Number.isFinite(value) || text.includes('e')) throw new Unsure();
  return text;
}

/** The text of a value written on its key's line, or undefined for a map or list that takes a block. */
function leaf(value: unknown): string | undefined {
  if (typeof value === 'string') return scalar(value);
  if (typeof value === 'number') return number(stableNumber(value));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.every((item) => item === undefined) ? '[]' : undefined;
  if (typeof value === 'object') return isEmpty(value as Record<string, unknown>) ? '{}' : undefined;
  throw new Unsure();
}

function isEmpty(map: Record<string, unknown>): boolean {
  for (const key in map) if (Object.hasOwn(map, key) && map[key] !== undefined) return false;
  return true;
}

/** The defined keys, in canonical order; most maps are built in that order already, and are not sorted again. */
function keysOf(map: Record<string, unknown>): string[] {
  const keys = Object.keys(map).filter((key) => map[key] !== undefined);
  for (let i = 1; i < keys.length; i++) {
    if (compareKeys(keys[i - 1]!, keys[i]!) > 0) return keys.sort(compareKeys);
  }
  return keys;
}

/** The file being written: one string grown piece by piece, without a line's pieces joined first. */
interface Output {
  text: string;
}

function writeMap(map: Record<string, unknown>, indent: string, out: Output, first: string | undefined): void {
  let prefix = first ?? indent;
  for (const key of keysOf(map)) {
    const value = map[key];
    out.text += prefix;
    out.text += scalar(key);
    prefix = indent;
    const simple = leaf(value);
    if (simple !== undefined) {
      out.text += ': ';
      out.text += simple;
      out.text += '\n';
    } else {
      out.text += ':\n';
      writeBlock(value, `${indent}  `, out);
    }
  }
}

function writeSeq(items: readonly unknown[], indent: string, out: Output): void {
  const dash = `${indent}- `;
  const inner = `${indent}  `;
  for (const item of items) {
    if (item === undefined) continue;
    const simple = leaf(item);
    if (simple !== undefined) {
      out.text += dash;
      out.text += simple;
      out.text += '\n';
    } else if (Array.isArray(item)) throw new Unsure();
    else writeMap(item as Record<string, unknown>, inner, out, dash);
  }
}

function writeBlock(value: unknown, indent: string, out: Output): void {
  if (Array.isArray(value)) writeSeq(value, indent, out);
  else writeMap(value as Record<string, unknown>, indent, out, undefined);
}

/** The YAML of the data under a header comment, or undefined when the document model must write it. */
export function fastYaml(data: unknown, header: string): string | undefined {
  const out: Output = { text: `# ${header}\n\n` };
  try {
    const simple = leaf(data);
    if (simple !== undefined) out.text += `${simple}\n`;
    else writeBlock(data, '', out);
  } catch (error) {
    if (error instanceof Unsure) return undefined;
    throw error;
  }
  return out.text;
}
