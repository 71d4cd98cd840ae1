import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type ts from 'typescript';
import { sourceOf, type SourceLocation } from '../../schemas/source.ts';
import type { Site } from './model.ts';

/**
 * Where a field of a declaration is written. `root` is the declaration as the
 * user passed it; the deepest object on `path` that has a recorded call site
 * (a `define*()` or preset call) anchors the search, and the rest of the path
 * is followed through the object literal in the source file.
 */
export function locate(root: unknown, path: readonly PropertyKey[]): SourceLocation | undefined {
  // A literal that spells out the whole path is where the user wrote the field, even when a helper
  // built the value below it (panel({ queries: [...] }) inside a dashboard): try the outermost first.
  for (const { call, rest } of anchors(root, path)) {
    const exact = followField(call, rest);
    if (exact?.complete) return exact.at;
  }
  const found = anchor(root, path);
  return found && locateField(found.call, found.rest);
}

/** Every recorded call site on `path`, outermost first, with the path left below each. */
function anchors(root: unknown, path: readonly PropertyKey[]): { call: SourceLocation; rest: readonly PropertyKey[] }[] {
  const found: { call: SourceLocation; rest: readonly PropertyKey[] }[] = [];
  const own = sourceOf(root);
  if (own) found.push({ call: own, rest: path });
  let value: unknown = root;
  path.forEach((segment, i) => {
    value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
    const call = sourceOf(value);
    if (call) found.push({ call, rest: path.slice(i + 1) });
  });
  return found;
}

/**
 * The deepest recorded call site on `path` and the path left below it. Cheap:
 * no source file is read, so it can order many declarations.
 */
export function anchor(root: unknown, path: readonly PropertyKey[]): { call: SourceLocation; rest: readonly PropertyKey[] } | undefined {
  let call = sourceOf(root);
  let rest = path;
  let value: unknown = root;
  path.forEach((segment, i) => {
    value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
    const own = sourceOf(value);
    if (own) {
      call = own;
      rest = path.slice(i + 1);
    }
  });
  return call && { call, rest };
}

/** The source location of a field of a model element. */
export function locateSite(site: Site, field: readonly PropertyKey[] = []): SourceLocation | undefined {
  return locate(site.root, [...site.path, ...field]);
}

/** Follows `path` through the first argument of the call at `call`; stops at the deepest literal it can see. */
export function locateField(call: SourceLocation, path: readonly PropertyKey[]): SourceLocation {
  return followField(call, path)?.at ?? call;
}

/** How far `path` can be followed through the literal passed to the call at `call`, and whether all of it was. */
function followField(call: SourceLocation, path: readonly PropertyKey[]): { at: SourceLocation; complete: boolean } | undefined {
  const file = parse(call.file);
  if (!file) return undefined;
  const position = file.getPositionOfLineAndCharacter(call.line - 1, call.column - 1);
  const expression = findCall(file, position);
  let value: ts.Node | undefined = expression?.arguments[0];
  let found: ts.Node | undefined;
  let steps = 0;
  for (const segment of path) {
    const step = value && child(unwrap(value), segment);
    if (!step) break;
    found = step.at;
    value = step.value;
    steps++;
  }
  if (!found) return { at: call, complete: path.length === 0 };
  const at = file.getLineAndCharacterOfPosition(found.getStart(file));
  // A name (`services: [api]`) is a reference: the value is written where the name is declared.
  const reference = value !== undefined && api().isIdentifier(value);
  return { at: { file: call.file, line: at.line + 1, column: at.character + 1 }, complete: steps === path.length && !reference };
}

// The compiler API is large; it is loaded only when a diagnostic needs a field's line.
let typescript: typeof ts | undefined;
function api(): typeof ts {
  typescript ??= createRequire(import.meta.url)('typescript') as typeof ts;
  return typescript;
}

/** Parsed files by path, kept while their text is unchanged: one diagnostic run reads a file many times. */
const parsed = new Map<string, { text: string; file: ts.SourceFile }>();

function parse(path: string): ts.SourceFile | undefined {
  // A declaration read from a YAML or JSON file (a pack's upstream rule) is located at its own line.
  if (!/\.[cm]?[jt]sx?$/.test(path)) return undefined;
  try {
    const text = readFileSync(path, 'utf8');
    const cached = parsed.get(path);
    if (cached?.text === text) return cached.file;
    const file = api().createSourceFile(path, text, api().ScriptTarget.Latest, true);
    parsed.set(path, { text, file });
    return file;
  } catch {
    return undefined;
  }
}

/** The innermost call whose callee covers `position` (V8 reports a call at its callee's name). */
function findCall(file: ts.SourceFile, position: number): ts.CallExpression | undefined {
  let best: ts.CallExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (position < node.getFullStart() || position > node.getEnd()) return;
    if (api().isCallExpression(node) && node.getStart(file) <= position && position <= node.expression.getEnd()) best = node;
    api().forEachChild(node, visit);
  };
  visit(file);
  return best;
}

function unwrap(node: ts.Node): ts.Node {
  let current = node;
  while (api().isAsExpression(current) || api().isSatisfiesExpression(current) || api().isParenthesizedExpression(current)) {
    current = current.expression;
  }
  // A nested helper call such as nodeExporter({...}): look inside its argument.
  if (api().isCallExpression(current) && current.arguments[0]) return unwrap(current.arguments[0]);
  return current;
}

interface Step {
  /** Where the segment is written: a property's name, or an array element. */
  readonly at: ts.Node;
  /** What the path continues into, if it can. */
  readonly value?: ts.Node | undefined;
}

function child(node: ts.Node, segment: PropertyKey): Step | undefined {
  if (typeof segment === 'number' && api().isArrayLiteralExpression(node)) {
    const element = node.elements[segment];
    return element && !api().isSpreadElement(element) ? { at: element, value: element } : undefined;
  }
  if (!api().isObjectLiteralExpression(node)) return undefined;
  const properties = [...node.properties];
  const index = properties.findIndex((p) => p.name && (api().isIdentifier(p.name) || api().isStringLiteral(p.name)) && p.name.text === String(segment));
  // A spread after the property may replace it: the value is not necessarily written here.
  if (index < 0 || properties.slice(index + 1).some((p) => api().isSpreadAssignment(p))) return undefined;
  const property = properties[index]!;
  return { at: property, value: api().isPropertyAssignment(property) ? property.initializer : undefined };
}
