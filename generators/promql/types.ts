import { parseDuration } from '../../schemas/duration.ts';
import { fullMatch, re2Problem } from '../../schemas/regex.ts';
import { compareVersions } from '../core/features.ts';
import { aggregations, functions, typeName, type ValueType } from './functions.ts';
import { treeOf, unquote, type PromqlNode } from './parse.ts';

/**
 * The checks Prometheus' parser makes after the grammar (its checkAST), on
 * lezer-promql's tree: value types of selectors, ranges, subqueries,
 * functions, aggregations and binary operators, selector rules and RE2
 * regexes, and what the target release knows. Messages are Prometheus' own
 * where it has one.
 */
export interface TypeProblem {
  /** Offset in the expression. */
  readonly at: number;
  readonly message: string;
}

export interface Typed {
  /** The expression's type; absent when a problem made it unknowable. */
  readonly type?: ValueType | undefined;
  readonly problems: readonly TypeProblem[];
}

const comparisons = new Set(['Eql', 'Neq', 'Gtr', 'Lss', 'Gte', 'Lte']);
const setOperators: Readonly<Record<string, string>> = { And: 'and', Or: 'or', Unless: 'unless' };
const binaryOperators = new Set([...comparisons, ...Object.keys(setOperators), 'Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow', 'Atan2']);

const cache = new Map<string, Typed>();

/** The type of a well-typed expression that no evaluation can return as a sample (a range vector or a string); rules, panels and scalers need an instant vector or a scalar. */
export function nonInstantResult(typed: Typed): 'matrix' | 'string' | undefined {
  return typed.problems.length === 0 && (typed.type === 'matrix' || typed.type === 'string') ? typed.type : undefined;
}

/** Types `expr` for a project that targets Prometheus `version`. The expression must already parse. */
export function typeCheck(expr: string, version: string): Typed {
  const key = `${version}\u0000${expr}`;
  let typed = cache.get(key);
  if (!typed) {
    const problems: TypeProblem[] = [];
    const root = treeOf(expr).firstChild;
    const type = root ? new Checker(expr, version, problems).typeOf(root) : undefined;
    typed = { type, problems };
    cache.set(key, typed);
  }
  return typed;
}

class Checker {
  constructor(private readonly expr: string, private readonly version: string, private readonly problems: TypeProblem[]) {}

  private text(node: PromqlNode): string {
    return this.expr.slice(node.from, node.to);
  }

  private problem(node: PromqlNode, message: string): undefined {
    this.problems.push({ at: node.from, message });
    return undefined;
  }

  typeOf(node: PromqlNode): ValueType | undefined {
    switch (node.name) {
      case 'NumberDurationLiteral': return this.number(node);
      case 'StringLiteral': return 'string';
      case 'VectorSelector': return this.selector(node);
      case 'MatrixSelector': return this.range(node);
      case 'SubqueryExpr': return this.subquery(node);
      case 'OffsetExpr': return this.modified(node, 'offset');
      case 'StepInvariantExpr': return this.modified(node, '@');
      case 'ParenExpr': return node.firstChild ? this.typeOf(node.firstChild) : undefined;
      case 'UnaryExpr': return this.unary(node);
      case 'BinaryExpr': return this.binary(node);
      case 'FunctionCall': return this.call(node);
      case 'AggregateExpr': return this.aggregate(node);
      default: return undefined;
    }
  }

  /** Prometheus 3 reads a duration where a number goes (`x > 5m`) and numbers written with underscores (`1_000`); 2.x does neither. */
  private number(node: PromqlNode): ValueType {
    // lezer reads a sign into the literal, with any blanks or comments after it.
    const text = this.text(node).replace(/^[+-](?:\s|#.*\n)*/, '');
    if (compareVersions(this.version, '3.0.0') < 0) {
      if (/^\d+(?:ms|s|m|h|d|w|y)/.test(text)) this.problem(node, `unexpected duration ${JSON.stringify(text)}`);
      else if (text.includes('_')) this.problem(node, `bad number or duration syntax: ${JSON.stringify(text.slice(0, text.indexOf('_')))}`);
    }
    return 'scalar';
  }

  /**
   * The duration of a range, a subquery's range or step, or an offset (which
   * may be `signed`): greater than 0, a literal with units in Prometheus' order,
   * or from 3.0 a number of seconds. Arithmetic on durations is experimental.
   */
  private duration(node: PromqlNode | null, what: string, signed = false): void {
    if (!node) return;
    const sign = node.getChild('UnaryOp');
    if (sign) {
      if (!signed) this.problem(node, `unexpected ${JSON.stringify(this.text(sign))} in ${what}: it must be greater than 0`);
      else this.duration(node.lastChild, what);
      return;
    }
    const literal = node.children.length === 1 ? node.getChild('NumberDurationLiteralInDurationContext') : null;
    if (!literal) {
      this.problem(node, `arithmetic in a ${what} is experimental: Prometheus runs it only with --enable-feature=promql-duration-expr`);
      return;
    }
    const text = this.text(literal);
    const modern = compareVersions(this.version, '3.0.0') >= 0;
    let ms: number | undefined;
    if (/^\d+(?:ms|s|m|h|d|w|y)/.test(text)) {
      ms = parseDuration(text);
      if (ms === undefined) this.problem(node, `not a valid duration string: ${JSON.stringify(text)}`);
    } else if (!modern) {
      this.problem(node, text.includes('_') ? `bad duration syntax: ${JSON.stringify(text.slice(0, text.indexOf('_')))}` : 'missing unit character in duration');
    } else {
      ms = Number(text.replace(/_/g, '')) * 1000;
    }
    if (ms !== undefined && ms <= 0) this.problem(node, `${what} must be greater than 0`);
  }

  private selector(node: PromqlNode): ValueType {
    const named = node.getChild('Identifier') !== null;
    const matchers = (node.getChild('LabelMatchers')?.children ?? []).map((m) => ({
      node: m,
      label: m.getChild('LabelName') && this.text(m.getChild('LabelName')!),
      op: m.getChild('MatchOp')?.firstChild?.name,
      value: m.getChild('StringLiteral') ? unquote(this.text(m.getChild('StringLiteral')!)) : '',
    }));
    for (const m of matchers) {
      if (m.op !== 'EqlRegex' && m.op !== 'NeqRegex') continue;
      const problem = re2Problem(m.value);
      if (problem) this.problem(m.node, problem);
    }
    if (named && matchers.some((m) => m.label === '__name__')) this.problem(node, 'metric name must not be set twice');
    if (!named && matchers.every((m) => matchesEmpty(m.op, m.value))) this.problem(node, 'vector selector must contain at least one non-empty matcher');
    return 'vector';
  }

  private range(node: PromqlNode): ValueType | undefined {
    const inner = node.firstChild;
    this.duration(node.getChild('DurationExpr'), 'duration');
    if (!inner) return undefined;
    // Prometheus 2.42 refuses an offset or a numeric `@` between a selector and its range, and lets `@ start()` / `@ end()` through.
    let selector = inner;
    while (selector.name === 'OffsetExpr' || selector.name === 'StepInvariantExpr') {
      if (selector.name === 'OffsetExpr') return this.problem(selector, 'no offset modifiers allowed before range');
      if (!selector.getChild('AtModifierPreprocessors')) return this.problem(selector, 'no @ modifiers allowed before range');
      selector = selector.firstChild!;
    }
    if (selector.name !== 'VectorSelector') {
      this.typeOf(inner);
      // At the `[` of the range, as Prometheus reports it.
      this.problems.push({ at: this.expr.lastIndexOf('[', node.getChild('DurationExpr')?.from ?? node.to), message: 'ranges only allowed for vector selectors' });
      return undefined;
    }
    this.typeOf(inner);
    return 'matrix';
  }

  private subquery(node: PromqlNode): ValueType | undefined {
    const inner = node.firstChild;
    const [range, step] = node.getChildren('DurationExpr');
    this.duration(range ?? null, 'duration');
    this.duration(step ?? null, 'step');
    const type = inner && this.typeOf(inner);
    if (type && type !== 'vector') return this.problem(node, `subquery is only allowed on instant vector, got ${typeName[type]} instead`);
    return type ? 'matrix' : undefined;
  }

  /** `offset` and `@` go right after a selector or subquery (or the other modifier). */
  private modified(node: PromqlNode, modifier: 'offset' | '@'): ValueType | undefined {
    const inner = node.firstChild;
    if (!inner) return undefined;
    const type = this.typeOf(inner);
    if (!['VectorSelector', 'MatrixSelector', 'SubqueryExpr', 'OffsetExpr', 'StepInvariantExpr'].includes(inner.name)) {
      return this.problem(node, `${modifier} modifier must be preceded by an instant vector selector or range vector selector or a subquery`);
    }
    // The @ modifier came in 2.25 and negative offsets in 2.26, each behind a feature flag until 2.33 made them stable (prometheus/prometheus#10121).
    if (modifier === '@' && compareVersions(this.version, '2.25.0') < 0) this.problem(node, 'the @ modifier needs Prometheus 2.25 or later');
    else if (modifier === '@' && compareVersions(this.version, '2.33.0') < 0) this.problem(node, `the @ modifier is behind --enable-feature=promql-at-modifier before Prometheus 2.33; the project targets ${this.version}`);
    const offset = modifier === 'offset' ? node.getChild('OffsetDurationExpr') : null;
    if (offset?.getChild('UnaryOp') && this.text(offset.getChild('UnaryOp')!) === '-') {
      if (compareVersions(this.version, '2.26.0') < 0) this.problem(node, 'a negative offset needs Prometheus 2.26 or later');
      else if (compareVersions(this.version, '2.33.0') < 0) this.problem(node, `a negative offset is behind --enable-feature=promql-negative-offset before Prometheus 2.33; the project targets ${this.version}`);
    }
    if (modifier === 'offset') this.duration(offset, 'offset', true);
    if (modifiersBelow(inner).includes(modifier)) this.problem(node, `${modifier === '@' ? '@ <timestamp>' : 'offset'} may not be set multiple times`);
    return type;
  }

  private unary(node: PromqlNode): ValueType | undefined {
    const operand = node.lastChild;
    const type = operand ? this.typeOf(operand) : undefined;
    if (type && type !== 'scalar' && type !== 'vector') return this.problem(node, `unary expression only allowed on expressions of type scalar or instant vector, got ${typeName[type]}`);
    return type;
  }

  private binary(node: PromqlNode): ValueType | undefined {
    const parts = node.children;
    const op = parts.find((p) => binaryOperators.has(p.name));
    const [lhs, rhs] = [parts[0], parts[parts.length - 1]];
    if (!op || !lhs || !rhs || lhs === op || rhs === op) return undefined;
    const [lt, rt] = [this.typeOf(lhs), this.typeOf(rhs)];
    if (!lt || !rt) return undefined;
    const bool = parts.some((p) => p.name === 'BoolModifier');
    const matching = parts.find((p) => p.name === 'MatchingModifierClause');
    const set = setOperators[op.name];
    const bothVectors = lt === 'vector' && rt === 'vector';
    if (bool && !comparisons.has(op.name)) return this.problem(op, 'bool modifier can only be used on comparison operators');
    if (comparisons.has(op.name) && lt === 'scalar' && rt === 'scalar' && !bool) return this.problem(op, 'comparisons between scalars must use BOOL modifier');
    for (const type of [lt, rt]) {
      if (type !== 'scalar' && type !== 'vector') return this.problem(node, 'binary expression must contain only scalar and instant vector types');
    }
    // Prometheus drops an empty `on()` / `ignoring()` between scalars; only labels make it an error.
    if (matching && !bothVectors && matchingLabels(matching).length > 0) return this.problem(matching, 'vector matching only allowed between instant vectors');
    if (set && !bothVectors) return this.problem(op, `set operator ${JSON.stringify(set)} not allowed in binary scalar expression`);
    if (matching) this.matching(matching, set);
    return lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector';
  }

  /** `on (...)` / `ignoring (...)`, then `group_left (...)` / `group_right (...)`: each keyword is followed by its label list. */
  private matching(clause: PromqlNode, set: string | undefined): void {
    const lists: Record<string, string[]> = {};
    let keyword = '';
    for (const child of clause.children) {
      if (child.name === 'GroupingLabels') lists[keyword] = child.getChildren('LabelName').map((l) => this.text(l));
      else keyword = child.name;
    }
    const group = clause.getChild('GroupLeft') ?? clause.getChild('GroupRight');
    if (set && group) {
      this.problem(group, `no grouping allowed for ${JSON.stringify(set)} operation`);
      return;
    }
    const included = [...(lists.GroupLeft ?? []), ...(lists.GroupRight ?? [])];
    for (const label of lists.On ?? []) {
      if (included.includes(label)) this.problem(clause, `label ${JSON.stringify(label)} must not occur in ON and GROUP clause at once`);
    }
  }

  private call(node: PromqlNode): ValueType | undefined {
    const id = node.getChild('FunctionIdentifier');
    const name = id ? this.text(id) : '';
    const args = (node.getChild('FunctionCallBody') ?? node).children.filter((c) => c.name !== 'FunctionIdentifier');
    const types = args.map((a) => this.typeOf(a));
    const signature = functions[name];
    if (!signature) return this.problem(node, `unknown function with name ${JSON.stringify(name)}`);
    if (signature.since && compareVersions(this.version, signature.since) < 0) return this.problem(node, `function ${JSON.stringify(name)} needs Prometheus ${signature.since} or later; the project targets ${this.version}`);
    if (signature.until && compareVersions(this.version, signature.until) > 0) return this.problem(node, `function ${JSON.stringify(name)} is gone after Prometheus ${signature.until}; the project targets ${this.version}`);
    if (signature.experimental) return this.problem(node, `function ${JSON.stringify(name)} is experimental: Prometheus runs it only with --enable-feature=promql-experimental-functions`);
    const n = signature.args.length;
    if (!signature.variadic && args.length !== n) return this.problem(node, `expected ${n} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`);
    if (signature.variadic && args.length < n - 1) return this.problem(node, `expected at least ${n - 1} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`);
    if (signature.variadic && signature.variadic > 0 && args.length > n - 1 + signature.variadic) return this.problem(node, `expected at most ${n - 1 + signature.variadic} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`);
    types.forEach((type, i) => {
      const expected = signature.args[Math.min(i, n - 1)]!;
      if (type && type !== expected) this.problem(args[i]!, `expected type ${typeName[expected]} in call to function ${JSON.stringify(name)}, got ${typeName[type]}`);
    });
    return signature.returns;
  }

  private aggregate(node: PromqlNode): ValueType | undefined {
    const op = node.getChild('AggregateOp');
    const name = op ? this.text(op).toLowerCase() : '';
    const args = (node.getChild('FunctionCallBody') ?? node).children;
    const types = args.map((a) => this.typeOf(a));
    const aggregation = aggregations[name];
    if (!aggregation) return this.problem(node, `unknown aggregation ${JSON.stringify(name)}`);
    if (aggregation.since && compareVersions(this.version, aggregation.since) < 0) return this.problem(node, `aggregation ${JSON.stringify(name)} needs Prometheus ${aggregation.since} or later; the project targets ${this.version}`);
    if (aggregation.experimental) return this.problem(node, `aggregation ${JSON.stringify(name)} is experimental: Prometheus runs it only with --enable-feature=promql-experimental-functions`);
    const expected = aggregation.param ? 2 : 1;
    if (args.length !== expected) return this.problem(node, `wrong number of arguments for aggregate expression provided, expected ${expected}, got ${args.length}`);
    const [param, vector] = aggregation.param ? [types[0], types[1]] : [undefined, types[0]];
    if (aggregation.param && param && param !== aggregation.param) this.problem(args[0]!, `expected type ${typeName[aggregation.param]} in aggregation parameter, got ${typeName[param]}`);
    if (vector && vector !== 'vector') return this.problem(args[args.length - 1]!, `expected type instant vector in aggregation expression, got ${typeName[vector]}`);
    return 'vector';
  }
}

/** The modifiers already applied to what `node` modifies: a selector's, through its range, carry on to the range. */
function modifiersBelow(node: PromqlNode | null): ('offset' | '@')[] {
  const found: ('offset' | '@')[] = [];
  for (let n = node; n && MODIFIED.has(n.name); n = n.firstChild) {
    if (n.name === 'OffsetExpr') found.push('offset');
    else if (n.name === 'StepInvariantExpr') found.push('@');
  }
  return found;
}

const MODIFIED = new Set(['OffsetExpr', 'StepInvariantExpr', 'MatrixSelector']);

/** The labels of `on (...)` or `ignoring (...)` in a matching clause (not those of `group_left (...)`). */
function matchingLabels(clause: PromqlNode): PromqlNode[] {
  const keyword = clause.children.findIndex((c) => c.name === 'On' || c.name === 'Ignoring');
  const list = clause.children[keyword + 1];
  return keyword >= 0 && list?.name === 'GroupingLabels' ? list.getChildren('LabelName') : [];
}

/** Whether a matcher selects series that lack the label (its value is then ""), as Prometheus decides. */
function matchesEmpty(op: string | undefined, value: string): boolean {
  const regex = () => fullMatch(value, '');
  switch (op) {
    case 'EqlSingle': return value === '';
    case 'Neq': return value !== '';
    case 'EqlRegex': return regex();
    case 'NeqRegex': return !regex();
    default: return true;
  }
}
