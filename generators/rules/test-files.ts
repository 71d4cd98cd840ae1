import type { AlertModel, Model, RecordModel, ServiceModel } from '../core/model.ts';

/** Tests load every rule file, so an alert may use recording rules of any service. */
export const TEST_RULE_FILES = '../rules/*.yml';

const isStatic = (value: string) => !value.includes('{{');

/** The promtool unit-test file of a service's alerts and recording rules, or undefined when it has none. */
export function testFile(model: Model, service: ServiceModel) {
  const groups = service.ruleGroups;
  const tests = [
    ...groups.flatMap((g) => g.records).flatMap(recordTests),
    ...groups.flatMap((g) => g.alerts).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).flatMap(alertTests),
  ];
  if (tests.length === 0) return undefined;
  return { rule_files: [TEST_RULE_FILES], evaluation_interval: model.project.prometheus.evaluationInterval, tests };
}

function inputSeries(series: Readonly<Record<string, string>>) {
  return Object.keys(series).sort().map((selector) => ({ series: selector, values: series[selector] }));
}

function staticOnly(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).filter(([, value]) => isStatic(value)));
}

function alertTests(alert: AlertModel) {
  return alert.tests.map((test) => ({
    name: `${alert.name}: ${test.name}`,
    interval: test.interval ?? '1m',
    input_series: inputSeries(test.series),
    alert_rule_test: [{
      eval_time: test.at,
      alertname: alert.name,
      exp_alerts: test.fires.map((expected) => ({
        exp_labels: { ...expected.labels, ...staticOnly(alert.labels) },
        exp_annotations: { ...staticOnly(alert.annotations), ...expected.annotations },
      })),
    }],
  }));
}

function recordTests(record: RecordModel) {
  return record.tests.map((test) => ({
    name: `${record.name}: ${test.name}`,
    interval: test.interval ?? '1m',
    input_series: inputSeries(test.series),
    promql_expr_test: [{
      expr: record.name,
      eval_time: test.at,
      exp_samples: Object.keys(test.samples).sort().map((labels) => ({ labels, value: test.samples[labels] })),
    }],
  }));
}
