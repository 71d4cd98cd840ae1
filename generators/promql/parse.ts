import type { Tree } from '@lezer/common';
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
  /** The expression handles the selector selecting nothing: it is in the left operand of `or`, or inside absent() or absent_over_time(). */
  readonly guarded: boolean;
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

/** The aggregations not inside another: those whose labels reach the expression's result (unless a function wraps them). */
export function outermostAggregations(aggregations: readonly Aggregation[]): Aggregation[] {
  return aggregations.filter((a) => !aggregations.some((b) => b !== a && b.text.includes(a.text) && b.text.length > a.text.length));
}

/**
 * A node of a parsed expression: lezer-promql's tree copied once into plain
 * objects, so that the analysis and the type checks walk arrays instead of
 * asking lezer for a new cursor at every step.
 */
export class PromqlNode {
  readonly children: PromqlNode[] = [];
  parent: PromqlNode | null = null;
  private index = 0;

  constructor(readonly name: string, readonly from: number, readonly to: number, readonly isError: boolean) {}

  get firstChild(): PromqlNode | null {
    return this.children[0] ?? null;
  }

  get lastChild(): PromqlNode | null {
    return this.children[this.children.length - 1] ?? null;
  }

  get nextSibling(): PromqlNode | null {
    return this.parent?.children[this.index + 1] ?? null;
  }

  getChild(name: string): PromqlNode | null {
    return this.children.find((child) => child.name === name) ?? null;
  }

  getChildren(name: string): PromqlNode[] {
    return this.children.filter((child) => child.name === name);
  }

  /**
   * The tree of `text` as lezer's cursor walks it (named nodes, error nodes
   * included), without comments: lezer places a `# ...` line among the nodes
   * wherever it stands (between arguments, inside `by (...)`, after an
   * operator), and no walk may count it as an argument, operand or matcher.
   * Prometheus refuses one place lezer allows, right after a range's `[`; a
   * comment there is kept as an error node.
   */
  static of(tree: Tree, text: string): PromqlNode {
    const cursor = tree.cursor();
    const copy = (): PromqlNode => {
      const node = new PromqlNode(cursor.name, cursor.from, cursor.to, cursor.type.isError);
      if (cursor.firstChild()) {
        do {
          if (cursor.name !== 'LineComment') node.adopt([copy()]);
          else if (BRACKETED.has(node.name) && !node.getChild('DurationExpr') && text.slice(node.lastChild?.to ?? node.from, cursor.from).includes('[')) {
            node.adopt([new PromqlNode(cursor.name, cursor.from, cursor.to, true)]);
          }
        } while (cursor.nextSibling());
        cursor.parent();
      }
      return POSTFIX.has(node.name) ? PromqlNode.bindTightly(node) : node;
    };
    return copy();
  }

  /**
   * Prometheus binds a range, subquery, offset or `@` tighter than a sign or
   * a binary operator (`-x offset 5m` is `-(x offset 5m)`, `1 + x[5m:]` is
   * `1 + (x[5m:])`); lezer-promql applies it to the whole expression before
   * it. Moves the postfix onto the operand it belongs to, as Prometheus'
   * parser builds the tree.
   */
  private static bindTightly(postfix: PromqlNode): PromqlNode {
    const operation = postfix.firstChild;
    if (!operation || (operation.name !== 'UnaryExpr' && operation.name !== 'BinaryExpr')) return postfix;
    const operand = operation.lastChild;
    if (!operand || operation.children.length < 2) return postfix;
    const inner = new PromqlNode(postfix.name, operand.from, postfix.to, postfix.isError);
    inner.adopt([operand, ...postfix.children.slice(1)]);
    const outer = new PromqlNode(operation.name, postfix.from, postfix.to, operation.isError);
    outer.adopt([...operation.children.slice(0, -1), PromqlNode.bindTightly(inner)]);
    return outer;
  }

  private adopt(children: readonly PromqlNode[]): void {
    for (const child of children) {
      child.parent = this;
      child.index = this.children.length;
      this.children.push(child);
    }
  }
}

/** What follows an expression and binds tighter than a sign in Prometheus' grammar. */
const POSTFIX = new Set(['MatrixSelector', 'SubqueryExpr', 'OffsetExpr', 'StepInvariantExpr']);
/** The postfixes that open with `[`, after which Prometheus reads a duration at once. */
const BRACKETED = new Set(['MatrixSelector', 'SubqueryExpr']);

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
const trees = new Map<string, PromqlNode>();
const TREES_KEPT = 1024;

/** The syntax tree of an expression (its top node), shared with every expression of the same shape. */
export function treeOf(expr: string): PromqlNode {
  const key = shapeOf(expr);
  if (key === undefined) return PromqlNode.of(parser.parse(expr), expr);
  let tree = trees.get(key);
  if (!tree) {
    if (trees.size >= TREES_KEPT) trees.clear();
    tree = PromqlNode.of(parser.parse(key), key);
    trees.set(key, tree);
  }
  return tree;
}

/**
 * `expr` with the content of each string literal replaced by `x`s, escapes
 * included, each number written `5.` as `50` and each call of holt_winters
 * as one of day_of_month, so that every token keeps its kind and offsets;
 * comments are kept as written. Undefined when a literal is not closed on its line: the parser's
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
      // `5.` is a number to Prometheus and an error to lezer; `50` has the same length and kind. lezer's
      // grammar is Prometheus 3's, which removed holt_winters: a function of the same length stands in
      // (the checks read the name from the text, and know holt_winters' signature and releases).
      shape += expr.slice(i, j).replace(/(?<![\w:.])(\d+)\.(?!\d)/g, '$10').replace(/(?<![\w:])holt_winters(?=\s*\()/g, 'day_of_month');
      i = j;
    }
  }
  return shape;
}

function analyze(expr: string, top: PromqlNode): Promql {
  const selectors: Selector[] = [];
  const functions = new Set<string>();
  const aggregations: Aggregation[] = [];
  let error: PromqlSyntaxError | undefined;
  let filters = false;
  const enter = (node: PromqlNode): void => {
    if (node.isError && !error) error = syntaxError(expr, node);
    else if (node.name === 'VectorSelector') selectors.push(selector(expr, node));
    else if (node.name === 'FunctionIdentifier') functions.add(expr.slice(node.from, node.to));
    else if (node.name === 'BinaryExpr' && isFilter(node)) filters = true;
    else if (node.name === 'AggregateExpr') aggregations.push(aggregation(expr, node));
    for (const child of node.children) enter(child);
  };
  enter(top);
  if (functions.has('absent') || functions.has('absent_over_time')) filters = true;
  if (!error && expr.trim() === '') error = { line: 1, column: 1, message: 'empty expression' };
  return { error, selectors, filters, functions, aggregations };
}

function aggregation(expr: string, node: PromqlNode): Aggregation {
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

function isFilter(node: PromqlNode): boolean {
  let op = false;
  let bool = false;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (comparisons.has(child.name)) op = true;
    if (child.name === 'BoolModifier') bool = true;
  }
  return op && !bool;
}

function syntaxError(expr: string, node: PromqlNode): PromqlSyntaxError {
  const found = expr.slice(node.from, node.to).trim();
  const atEnd = !found && node.from >= expr.trimEnd().length;
  // A missing ending is reported where the expression's text ends, not after trailing blanks.
  const before = expr.slice(0, atEnd ? expr.trimEnd().length : node.from).split('\n');
  const message = found ? `unexpected ${JSON.stringify(found.slice(0, 20))}` : atEnd ? 'unexpected end of expression' : 'unexpected input';
  return { line: before.length, column: before.at(-1)!.length + 1, message };
}

function selector(expr: string, node: PromqlNode): Selector {
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
    guarded: guarded(expr, node),
    text: expr.slice(node.from, (range ? node.parent! : node).to),
  };
}

function guarded(expr: string, node: PromqlNode): boolean {
  for (let child = node, up = node.parent; up; child = up, up = up.parent) {
    if (up.name === 'FunctionCall') {
      const id = up.getChild('FunctionIdentifier');
      const name = id ? expr.slice(id.from, id.to) : '';
      if (name === 'absent' || name === 'absent_over_time') return true;
    }
    if (up.name === 'BinaryExpr') {
      const or = up.getChild('Or');
      if (or && child.to <= or.from) return true;
    }
  }
  return false;
}

function enclosing(expr: string, node: PromqlNode): string | undefined {
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
