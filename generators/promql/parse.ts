import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { parseDuration } from '../../schemas/duration.ts';

/** Where an expression fails to parse: line and column inside the expression (1-based). */
export interface PromqlSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
}

/** A vector selector and what surrounds it. */
export interface Selector {
  readonly metric?: string | undefined;
  readonly matchers: readonly Matcher[];
  /** The range of `x[5m]`, in milliseconds. */
  readonly rangeMs?: number | undefined;
  /** The innermost function or aggregation around the selector: `rate`, `sum`, ... */
  readonly enclosing?: string | undefined;
  readonly text: string;
}

/** A parsed expression: its syntax error, or what the lint rules look at. */
export interface Promql {
  readonly error?: PromqlSyntaxError | undefined;
  readonly selectors: readonly Selector[];
  /** A comparison that filters (not `bool`), or absent(): the shape of an alert condition. */
  readonly filters: boolean;
  readonly functions: ReadonlySet<string>;
  readonly aggregations: readonly Aggregation[];
}

/** An aggregation and the labels it keeps: `by` lists them, `without` lists what it drops, neither keeps none. */
export interface Aggregation {
  readonly op: string;
  readonly by?: readonly string[] | undefined;
  readonly without?: readonly string[] | undefined;
  readonly text: string;
}

const comparisons = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const matchOps: Readonly<Record<string, MatchOp>> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };
const cache = new Map<string, Promql>();

/** Parses PromQL with the grammar of Prometheus' own UI (lezer-promql); results are cached by text. */
export function parsePromql(expr: string): Promql {
  let result = cache.get(expr);
  if (!result) {
    result = analyze(expr, treeOf(expr));
    cache.set(expr, result);
  }
  return result;
}

/**
 * Syntax trees by shape: the expression with each string literal's content
 * blanked to the same length. An estate's rules differ mostly in label values
 * (`up{job="a"}`, `up{job="b"}`), and lezer's tree holds node types and
 * offsets only, so one tree serves every expression of a shape; the text is
 * always read from the expression itself. Bounded: an estate of distinct
 * shapes would otherwise fill the heap.
 */
const trees = new Map<string, Tree>();
const TREES_KEPT = 1024;

/** The syntax tree of an expression, shared with every expression of the same shape. */
export function treeOf(expr: string): Tree {
  const key = shapeOf(expr);
  if (key === undefined) return parser.parse(expr);
  let tree = trees.get(key);
  if (!tree) {
    if (trees.size >= TREES_KEPT) trees.clear();
    tree = parser.parse(key);
    trees.set(key, tree);
  }
  return tree;
}

/**
 * `expr` with the content of each string literal replaced by `x`s, escapes
 * included, so that every token keeps its kind and offsets; comments are kept
 * as written. Undefined when a literal is not closed on its line: the parser's
 * recovery there may depend on the content, so such text is parsed as it is.
 */
export function shapeOf(expr: string): string | undefined {
  let shape = '';
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (c === '#') {
      const end = expr.indexOf('\n', i);
      const stop = end === -1 ? expr.length : end;
      shape += expr.slice(i, stop);
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) {
        if (c !== '`' && expr[j] === '\\') j++;
        else if (c !== '`' && expr[j] === '\n') return undefined;
        j++;
      }
      if (j >= expr.length) return undefined;
      shape += c + 'x'.repeat(j - i - 1) + c;
      i = j + 1;
    } else {
      let j = i + 1;
      while (j < expr.length && !'#"\'`'.includes(expr[j]!)) j++;
      shape += expr.slice(i, j);
      i = j;
    }
  }
  return shape;
}

function analyze(expr: string, tree: Tree): Promql {
  const selectors: Selector[] = [];
  const functions = new Set<string>();
  const aggregations: Aggregation[] = [];
  let error: PromqlSyntaxError | undefined;
  let filters = false;
  tree.iterate({
    enter: (ref) => {
      const node = ref.node;
      if (ref.type.isError && !error) error = syntaxError(expr, node);
      else if (ref.name === 'VectorSelector') selectors.push(selector(expr, node));
      else if (ref.name === 'FunctionIdentifier') functions.add(expr.slice(ref.from, ref.to));
      else if (ref.name === 'BinaryExpr' && isFilter(node)) filters = true;
      else if (ref.name === 'AggregateExpr') aggregations.push(aggregation(expr, node));
    },
  });
  if (functions.has('absent') || functions.has('absent_over_time')) filters = true;
  if (!error && expr.trim() === '') error = { line: 1, column: 1, message: 'empty expression' };
  return { error, selectors, filters, functions, aggregations };
}

function aggregation(expr: string, node: SyntaxNode): Aggregation {
  const op = node.getChild('AggregateOp');
  const modifier = node.getChild('AggregateModifier');
  const labels = (modifier?.getChild('GroupingLabels')?.getChildren('LabelName') ?? []).map((l) => expr.slice(l.from, l.to));
  const kind = modifier?.firstChild?.name;
  return {
    op: op ? expr.slice(op.from, op.to) : '',
    by: kind === 'By' ? labels : undefined,
    without: kind === 'Without' ? labels : undefined,
    text: expr.slice(node.from, node.to),
  };
}

function isFilter(node: SyntaxNode): boolean {
  let op = false;
  let bool = false;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (comparisons.has(child.name)) op = true;
    if (child.name === 'BoolModifier') bool = true;
  }
  return op && !bool;
}

function syntaxError(expr: string, node: SyntaxNode): PromqlSyntaxError {
  const found = expr.slice(node.from, node.to).trim();
  const atEnd = !found && node.from >= expr.trimEnd().length;
  // A missing ending is reported where the expression's text ends, not after trailing blanks.
  const before = expr.slice(0, atEnd ? expr.trimEnd().length : node.from).split('\n');
  const message = found ? `unexpected ${JSON.stringify(found.slice(0, 20))}` : atEnd ? 'unexpected end of expression' : 'unexpected input';
  return { line: before.length, column: before.at(-1)!.length + 1, message };
}

function selector(expr: string, node: SyntaxNode): Selector {
  const matchers: Matcher[] = [];
  let metric: string | undefined;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'Identifier') metric = expr.slice(child.from, child.to);
    if (child.name !== 'LabelMatchers') continue;
    for (let m = child.firstChild; m; m = m.nextSibling) {
      const label = m.getChild('LabelName');
      const op = m.getChild('MatchOp')?.firstChild;
      const value = m.getChild('StringLiteral');
      if (!label || !op || !value) continue;
      matchers.push({ label: expr.slice(label.from, label.to), op: matchOps[op.name] ?? '=', value: unquote(expr.slice(value.from, value.to)) });
    }
  }
  const byName = matchers.find((m) => m.label === '__name__' && m.op === '=');
  const range = node.parent?.name === 'MatrixSelector' ? node.parent.getChild('DurationExpr') : null;
  return {
    metric: metric ?? byName?.value,
    matchers,
    rangeMs: range ? parseDuration(expr.slice(range.from, range.to)) : undefined,
    enclosing: enclosing(expr, node),
    text: expr.slice(node.from, (range ? node.parent! : node).to),
  };
}

function enclosing(expr: string, node: SyntaxNode): string | undefined {
  for (let up = node.parent; up; up = up.parent) {
    if (up.name === 'FunctionCall') {
      const id = up.getChild('FunctionIdentifier');
      return id ? expr.slice(id.from, id.to) : undefined;
    }
    if (up.name === 'AggregateExpr') {
      const op = up.getChild('AggregateOp');
      return op ? expr.slice(op.from, op.to) : undefined;
    }
  }
  return undefined;
}

/** PromQL string literals: "..." with Go escapes, '...', or `raw`. */
export function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal.startsWith('`')) return body;
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'" })[c] ?? `\\${c}`);
}
