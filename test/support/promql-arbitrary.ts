import fc from 'fast-check';
import { aggregations, functions, type ValueType } from '../../generators/promql/functions.ts';

/**
 * PromQL expressions drawn from the grammar, for comparing monac's verdict
 * with promtool's: selectors with every matcher kind and quote, ranges,
 * subqueries, offsets and `@`, every function and aggregation of the type
 * table with right and wrong argument counts and types, `by`/`without`
 * before or after the body, binary operators with `bool`, `on`/`ignoring`
 * and `group_left`/`group_right`, set operators, number and string literals.
 *
 * Most subexpressions have the type their place asks for, so the draws reach
 * the checks made after the grammar; one in six is of any type. Between
 * tokens stand gap markers that `withGaps` turns into nothing, spaces, line
 * breaks or `#` comments: OPTIONAL where tokens may touch, REQUIRED where
 * they may not (`sum by`, `offset 5m`).
 */
export const OPTIONAL = '\u0001';
export const REQUIRED = '\u0002';
const _ = OPTIONAL;
const __ = REQUIRED;

const types: readonly ValueType[] = ['vector', 'matrix', 'scalar', 'string'];
const names = ['x', 'up', 'http_requests_total', 'node:cpu:rate5m', 'sum_x', 'rate_x', 'by_x', 'offsetx', 'inf', 'Infinity', 'bool', 'on', 'start', 'nan', 'rate', 'sum', ':x', '_x'];
const labels = ['a', 'job', 'le', '__name__', 'instance', 'on', 'by', 'bool', 'offset', 'group_left'];
const values = ['', 'b', 'api', '.*', '.+', '(b', 'a|b', '5..', 'b.*', '[a-z]+', '\\\\d+', '(?i)b', '(?=b)', 'x\\\\', "it's", 'a"b', 'a`b'];
const durations = ['5m', '1h', '30s', '1h30m', '0s', '1d', '1w', '1y', '5ms', '2m30s', '90s', '1.5m', '5M', '-5m', '5'];
const numbers = ['1', '0', '0.5', '1e3', '1.5e-3', '0x1f', 'Inf', '-Inf', '+Inf', 'inf', 'NaN', '.5', '5.', '5.e3', '3600', '-1', '5m', '1h', '08', '1_000', '0x1_f', '1e'];
const arithmetic = ['+', '-', '*', '/', '%', '^', 'atan2'];
const comparisons = ['==', '!=', '>', '<', '>=', '<='];
const sets = ['and', 'or', 'unless'];

/** A gap between two tokens: what can stand where PromQL reads whitespace, comments included. */
const gap = fc.constantFrom('', ' ', '  ', '\n', '\n  ', ' # a comment\n', '# (, "quoted" ) [5m] by\n', '\n# whole line\n  ', '\t');

/** One quoted string: double, single or back quotes, with what each cannot hold escaped or refused. */
function quoted(value: string, quote: string): string {
  if (quote === '`') return `\`${value}\``;
  return quote + value.replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
}

const stringLiteral = fc.tuple(fc.constantFrom(...values), fc.constantFrom('"', "'", '`')).map(([v, q]) => quoted(v, q));

const matcher = fc.tuple(fc.constantFrom(...labels), fc.constantFrom('=', '!=', '=~', '!~'), stringLiteral)
  .map(([label, op, value]) => `${label}${_}${op}${_}${value}`);

const selector = fc.tuple(
  fc.option(fc.constantFrom(...names), { freq: 5 }),
  fc.option(fc.array(matcher, { maxLength: 3 }), { freq: 3 }),
  fc.boolean(),
).map(([name, matchers, trailingComma]) => {
  const braces = matchers === null ? '' : `{${_}${matchers.join(`${_},${_}`)}${trailingComma && matchers.length > 0 ? `${_},` : ''}${_}}`;
  return name === null ? braces || '{}' : `${name}${braces ? _ + braces : ''}`;
});

const duration = fc.constantFrom(...durations);
const labelList = fc.tuple(fc.array(fc.constantFrom(...labels.filter((l) => l !== '__name__')), { maxLength: 3 }), fc.boolean())
  .map(([list, trailing]) => `(${_}${list.join(`${_},${_}`)}${trailing && list.length > 0 ? `${_},` : ''}${_})`);

/** Arguments of a call: the declared types, sometimes one more or one fewer, sometimes one of another type. */
function callArguments(expr: (type: ValueType) => fc.Arbitrary<string>, declared: readonly ValueType[], variadic: number | undefined): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: -1, max: 1 }), fc.integer({ min: 0, max: 5 }))
    .chain(([change, wrong]) => {
      let wanted = [...declared];
      if (change < 0 && wanted.length > 0 && !(variadic && variadic > 0)) wanted = wanted.slice(0, -1);
      if (variadic === 1 && change < 0) wanted = wanted.slice(0, -1);
      if (variadic === -1 && change > 0) wanted = [...wanted, wanted.at(-1)!];
      else if (change > 0 && wrong === 0) wanted = [...wanted, 'vector'];
      if (wrong === 1 && wanted.length > 0) wanted[0] = 'scalar';
      return wanted.length === 0 ? fc.constant('') : fc.tuple(...wanted.map((t) => expr(t))).map((args) => args.join(`${_},${_}`));
    });
}

const functionNames = Object.keys(functions);
const aggregationNames = Object.keys(aggregations);

/** An expression of about `type` (one in six of any type), at most `depth` levels deep. */
function expression(type: ValueType, depth: number): fc.Arbitrary<string> {
  const any = fc.constantFrom(...types);
  const sub = (t: ValueType): fc.Arbitrary<string> => (depth <= 0 ? leaf(t) : fc.oneof({ weight: 5, arbitrary: expression(t, depth - 1) }, { weight: 1, arbitrary: any.chain((a) => expression(a, depth - 1)) }));
  const leaves = leaf(type);
  if (depth <= 0) return leaves;
  const paren = sub(type).map((e) => `(${_}${e}${_})`);
  switch (type) {
    case 'string':
      return fc.oneof({ weight: 4, arbitrary: leaves }, paren);
    case 'matrix':
      return fc.oneof(
        { weight: 3, arbitrary: leaves },
        fc.tuple(sub('vector'), duration, fc.option(duration), fc.boolean()).map(([e, range, step, bare]) => `${wrap(e, bare)}${_}[${_}${range}${_}:${_}${step ?? ''}${_}]`),
        fc.tuple(sub('vector'), duration, fc.boolean()).map(([e, range, bare]) => `${wrap(e, bare)}${_}[${_}${range}${_}]`),
        fc.tuple(leaves, modifier).map(([e, m]) => `${e}${m}`),
        paren,
      );
    case 'scalar':
      return fc.oneof(
        { weight: 3, arbitrary: leaves },
        sub('vector').map((e) => `scalar${_}(${_}${e}${_})`),
        fc.constantFrom('time()', 'pi()', `time${_}(${_})`),
        binary(sub, 'scalar'),
        sub('scalar').map((e) => `-${_}${e}`),
        paren,
      );
    case 'vector':
      return fc.oneof(
        { weight: 3, arbitrary: leaves },
        fc.constantFrom(...functionNames).chain((name) => callArguments(sub, functions[name]!.args, functions[name]!.variadic).map((args) => `${name}${_}(${_}${args}${_})`)),
        aggregation(sub),
        binary(sub, 'vector'),
        fc.tuple(fc.constantFrom('-', '+'), sub('vector')).map(([sign, e]) => `${sign}${_}${e}`),
        fc.tuple(leaves, modifier).map(([e, m]) => `${e}${m}`),
        fc.tuple(sub('vector'), modifier, fc.boolean()).map(([e, m, bare]) => `${wrap(e, bare)}${m}`),
        paren,
      );
  }
}

/**
 * A subexpression that a range, subquery or modifier follows: a selector as
 * it is, anything else in parentheses unless `bare` (then the postfix binds
 * to its last operand, as Prometheus reads `1 + x[5m:]`).
 */
function wrap(e: string, bare: boolean): string {
  return bare || /^[\w:]+(?:\u0001?\{.*\})?$/s.test(e) || e.startsWith('{') ? e : `(${_}${e}${_})`;
}

const modifier = fc.oneof(
  fc.tuple(fc.constantFrom('offset', 'OFFSET'), duration).map(([kw, d]) => `${__}${kw}${__}${d}`),
  fc.constantFrom('100', '1e9', 'start()', 'end()', `start${_}(${_})`, '-1', '"a"').map((at) => `${_}@${_}${at}`),
  fc.tuple(duration, fc.constantFrom('100', 'end()')).map(([d, at]) => `${__}offset${__}${d}${_}@${_}${at}`),
);

function leaf(type: ValueType): fc.Arbitrary<string> {
  switch (type) {
    case 'vector': return selector;
    case 'matrix': return fc.tuple(selector, duration).map(([s, d]) => `${s}${_}[${_}${d}${_}]`);
    case 'scalar': return fc.constantFrom(...numbers);
    case 'string': return stringLiteral;
  }
}

function aggregation(sub: (t: ValueType) => fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...aggregationNames), fc.option(fc.tuple(fc.constantFrom('by', 'without', 'BY'), labelList, fc.boolean())))
    .chain(([name, grouping]) => {
      const param = aggregations[name]!.param;
      const args = callArguments(sub, param ? [param, 'vector'] : ['vector'], undefined);
      return args.map((body) => {
        const clause = grouping ? `${grouping[0]}${_}${grouping[1]}` : '';
        if (!grouping) return `${name}${_}(${_}${body}${_})`;
        return grouping[2] ? `${name}${__}${clause}${_}(${_}${body}${_})` : `${name}${_}(${_}${body}${_})${_}${clause}`;
      });
    });
}

function binary(sub: (t: ValueType) => fc.Arbitrary<string>, type: 'vector' | 'scalar'): fc.Arbitrary<string> {
  const sides: fc.Arbitrary<[ValueType, ValueType]> = type === 'scalar'
    ? fc.constant(['scalar', 'scalar'])
    : fc.constantFrom<[ValueType, ValueType]>(['vector', 'vector'], ['vector', 'vector'], ['vector', 'scalar'], ['scalar', 'vector']);
  const matching = fc.option(fc.tuple(fc.constantFrom('on', 'ignoring'), labelList, fc.option(fc.tuple(fc.constantFrom('group_left', 'group_right'), fc.option(labelList)))), { freq: 2 })
    .map((m) => (m === null ? '' : `${__}${m[0]}${_}${m[1]}${m[2] === null ? '' : `${__}${m[2][0]}${m[2][1] === null ? '' : `${_}${m[2][1]}`}`}`));
  return fc.tuple(sides, fc.constantFrom(...arithmetic, ...comparisons, ...sets), fc.integer({ min: 0, max: 3 }), matching)
    .chain(([[l, r], op, boolChance, match]) => fc.tuple(sub(l), sub(r)).map(([lhs, rhs]) => {
      const bool = boolChance === 0 || (boolChance === 1 && comparisons.includes(op)) ? `${__}bool` : '';
      const spaced = /^[a-z]/.test(op) ? `${__}${op}` : `${_}${op}`;
      return `${lhs}${spaced}${bool}${match}${__}${rhs}`;
    }));
}

/** Replaces each gap marker with a drawn gap: optional ones may vanish, required ones keep a space. */
export function withGaps(template: string, drawn: readonly string[]): string {
  let i = 0;
  return template.replace(/[\u0001\u0002]/g, (marker) => {
    const g = drawn.length === 0 ? '' : drawn[i++ % drawn.length]!;
    if (marker === REQUIRED) return g === '' || g.startsWith('#') ? ` ${g}` : g;
    return g;
  });
}

/** An expression with its gaps drawn: most plain (one space or nothing), a third with comments and line breaks anywhere. */
export const promqlExpression: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom<ValueType>('vector', 'vector', 'vector', 'scalar', 'matrix', 'string').chain((t) => expression(t, 3)),
  fc.oneof({ weight: 2, arbitrary: fc.constantFrom([''], [' ']).map((g) => g) }, fc.array(gap, { minLength: 1, maxLength: 24 })),
  fc.option(gap),
).map(([template, gaps, around]) => {
  const body = withGaps(template, gaps);
  return around === null ? body : `${around}${body}${around.includes('#') && !around.endsWith('\n') ? '\n' : ''}`;
});
