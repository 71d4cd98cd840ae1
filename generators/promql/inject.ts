import { parser } from '@prometheus-io/lezer-promql';

/**
 * Adds label matchers to every vector selector of an expression, by position
 * in the text: comments, line breaks and spacing stay as written, so the
 * result differs from the input only where a matcher went in. `x` becomes
 * `x{m}`, `x{a="b"}` becomes `x{a="b", m}`, `{}` and a trailing comma
 * (`x{a="b", }`) are kept valid.
 *
 * `parsed` is the text the positions are read from, of the same length as
 * `expr`: a dashboard query with Grafana's variables replaced by placeholders
 * of equal length. A selector that overlaps one of the `opaque` spans (a
 * variable standing where a name would) is not a selector of the query and is
 * left alone.
 */
export function addMatchers(expr: string, matchers: string, parsed: string = expr, opaque: readonly (readonly [number, number])[] = []): string {
  if (parsed.length !== expr.length) throw new Error('addMatchers: the parsed text must have the length of the expression');
  const inserts: { at: number; text: string }[] = [];
  const cursor = parser.parse(parsed).cursor();
  do {
    if (cursor.name !== 'VectorSelector') continue;
    const [from, to] = [cursor.from, cursor.to];
    if (opaque.some(([a, b]) => from < b && a < to)) continue;
    const braces = cursor.node.getChild('LabelMatchers');
    if (!braces) {
      inserts.push({ at: to, text: `{${matchers}}` });
      continue;
    }
    const close = braces.to - 1;
    if (parsed[close] !== '}') continue;
    const inside = parsed.slice(braces.from + 1, close).trimEnd();
    inserts.push({ at: close, text: inside === '' || inside.endsWith(',') ? matchers : `, ${matchers}` });
  } while (cursor.next());
  let out = expr;
  for (const { at, text } of inserts.sort((a, b) => b.at - a.at)) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

/**
 * Why a pack's `selector` is not a list of label matchers, or undefined when
 * it is one: parsed as the matchers of a selector, as Prometheus reads them.
 */
export function matchersError(text: string): string | undefined {
  const probe = `x{${text}}`;
  const tree = parser.parse(probe);
  let error: string | undefined;
  let matchers = 0;
  tree.iterate({
    enter(node) {
      if (node.type.isError) error ??= `not valid at column ${node.from - 1}`;
      if (node.name === 'UnquotedLabelMatcher') matchers++;
      if (node.name === 'QuotedLabelMatcher' || node.name === 'QuotedLabelName') error ??= 'label names must be unquoted';
    },
  });
  if (!error && matchers === 0) error = 'holds no matcher';
  if (!error && tree.topNode.firstChild?.name !== 'VectorSelector') error = 'is not a list of matchers';
  return error && `${JSON.stringify(text)} is not a list of label matchers such as cluster="prod": ${error}`;
}
