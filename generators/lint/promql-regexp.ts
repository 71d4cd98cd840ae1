import type { LintRule } from '../core/lint.ts';
import { expressionsOf } from './rules-of.ts';

const metacharacters = /[.*+?()[\]{}|\\^$]/;

/** pint promql/regexp: a regex with nothing to match is slower than `=`, and Prometheus anchors regexes itself. */
export const promqlRegexp: LintRule = {
  code: 'promql/regexp',
  level: 'warning',
  description: '`=~` with no regex characters, or with redundant `^`/`$`',
  check: (model) =>
    expressionsOf(model).flatMap(({ site, promql }) =>
      promql.selectors.flatMap((s) =>
        s.matchers
          .filter((m) => m.op === '=~' || m.op === '!~')
          .flatMap((m) => {
            if (!metacharacters.test(m.value)) {
              return [{ site, field: ['expr'], message: `${m.label}${m.op}"${m.value}" has no regex characters; use ${m.op === '=~' ? '=' : '!='}` }];
            }
            if (m.value.startsWith('^') || m.value.endsWith('$')) {
              return [{ site, field: ['expr'], message: `${m.label}${m.op}"${m.value}": Prometheus anchors regexes; drop ^ and $` }];
            }
            return [];
          }))),
};
