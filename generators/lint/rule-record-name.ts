import type { LintRule } from '../core/lint.ts';
import { recordsOf } from './rules-of.ts';

const convention = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$/;

/** Prometheus' naming practice for recorded series: `level:metric:operations`. */
export const ruleRecordName: LintRule = {
  code: 'rule/record-name',
  level: 'error',
  description: 'a recording rule name that is not `level:metric:operation`',
  check: (model) =>
    recordsOf(model)
      .filter((record) => !convention.test(record.name))
      .map((record) => ({ site: record.site, field: ['record'], message: `${record.name} does not follow level:metric:operation, such as job:http_requests:rate5m` })),
};
