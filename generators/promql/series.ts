import { treeOf, type PromqlNode } from './parse.ts';

/** How many series an expression gives, as far as its shape tells: one, several (and why), or it depends on the data. */
export type SeriesCount = { readonly count: 'one' } | { readonly count: 'many'; readonly because: string } | { readonly count: 'unknown' };

const one: SeriesCount = { count: 'one' };
const unknown: SeriesCount = { count: 'unknown' };

/** Scalars and aggregations without grouping give one series; `by (...)` or `without (...)` give one per group. */
export function seriesCount(expr: string): SeriesCount {
  const root = treeOf(expr).firstChild;
  return root ? count(expr, root) : unknown;
}

function count(expr: string, node: PromqlNode): SeriesCount {
  const text = (n: PromqlNode) => expr.slice(n.from, n.to);
  switch (node.name) {
    case 'NumberDurationLiteral': return one;
    case 'ParenExpr': return node.firstChild ? count(expr, node.firstChild) : unknown;
    case 'AggregateExpr': {
      const modifier = node.getChild('AggregateModifier');
      const labels = modifier?.getChild('GroupingLabels')?.getChildren('LabelName').map(text) ?? [];
      if (modifier?.getChild('Without')) return { count: 'many', because: `${text(node)} keeps every label but those it drops` };
      return labels.length === 0 ? one : { count: 'many', because: `${text(node)} gives one series per ${labels.join(', ')}` };
    }
    case 'FunctionCall': {
      const name = text(node.getChild('FunctionIdentifier') ?? node);
      const body = node.getChild('FunctionCallBody');
      const last = body?.lastChild;
      if (['scalar', 'time', 'vector', 'absent', 'pi'].includes(name)) return one;
      if (name === 'histogram_quantile' && last?.name === 'AggregateExpr') {
        const labels = last.getChild('AggregateModifier')?.getChild('GroupingLabels')?.getChildren('LabelName').map(text) ?? [];
        const rest = labels.filter((l) => l !== 'le');
        return rest.length === 0 ? one : { count: 'many', because: `${text(node)} gives one series per ${rest.join(', ')}` };
      }
      return last && body?.firstChild?.from === last.from ? count(expr, last) : unknown;
    }
    case 'BinaryExpr': {
      const [lhs, rhs] = [node.firstChild, node.lastChild];
      const sides = [lhs, rhs].map((n) => (n ? count(expr, n) : unknown));
      const many = sides.find((s) => s.count === 'many');
      if (many) return many;
      return sides.every((s) => s.count === 'one') ? one : unknown;
    }
    default: return unknown;
  }
}
