import type { LintRule } from '../core/lint.ts';
import { alertAbsentFor } from './alert-absent-for.ts';
import { alertComparison } from './alert-comparison.ts';
import { alertCriticalWithoutFor } from './alert-critical-without-for.ts';
import { alertLabelUsesValue } from './alert-label-uses-value.ts';
import { alertRequiredAnnotations } from './alert-required-annotations.ts';
import { alertRunbookMissing } from './alert-runbook-missing.ts';
import { alertUntested } from './alert-untested.ts';
import { dashboardCounterRate } from './dashboard-counter-rate.ts';
import { dashboardOverlap } from './dashboard-overlap.ts';
import { dashboardPanelDatasource } from './dashboard-panel-datasource.ts';
import { dashboardPanelNoTargets } from './dashboard-panel-no-targets.ts';
import { dashboardPanelTitleDescription } from './dashboard-panel-title-description.ts';
import { dashboardPanelUnits } from './dashboard-panel-units.ts';
import { dashboardPromql } from './dashboard-promql.ts';
import { dashboardRateInterval } from './dashboard-rate-interval.ts';
import { dashboardUndefinedVariable } from './dashboard-undefined-variable.ts';
import { dashboardUneditable } from './dashboard-uneditable.ts';
import { dashboardUniqueIds } from './dashboard-unique-ids.ts';
import { dashboardUnknownMetric } from './dashboard-unknown-metric.ts';
import { promqlCounterWithoutRate } from './promql-counter-without-rate.ts';
import { promqlRateNonCounter } from './promql-rate-non-counter.ts';
import { promqlRateRange } from './promql-rate-range.ts';
import { promqlRegexp } from './promql-regexp.ts';
import { promqlUnknownMetric } from './promql-unknown-metric.ts';
import { promqlWindowOverRetention } from './promql-window-over-retention.ts';
import { routeDefaultOnly } from './route-default-only.ts';
import { ruleDuplicate } from './rule-duplicate.ts';
import { ruleRecordName } from './rule-record-name.ts';
import { rulesClusterLabelDropped } from './rules-cluster-label-dropped.ts';
import { rulesGroupSplit } from './rules-group-split.ts';
import { scrapeAuthOverHttp } from './scrape-auth-over-http.ts';

/** Every lint rule; adding one is a file in this folder plus one line here. */
export const lintRules: readonly LintRule[] = [
  alertAbsentFor,
  alertComparison,
  alertCriticalWithoutFor,
  alertLabelUsesValue,
  alertRequiredAnnotations,
  alertRunbookMissing,
  alertUntested,
  dashboardCounterRate,
  dashboardOverlap,
  dashboardPanelDatasource,
  dashboardPanelNoTargets,
  dashboardPanelTitleDescription,
  dashboardPanelUnits,
  dashboardPromql,
  dashboardRateInterval,
  dashboardUndefinedVariable,
  dashboardUneditable,
  dashboardUniqueIds,
  dashboardUnknownMetric,
  promqlCounterWithoutRate,
  promqlRateNonCounter,
  promqlRateRange,
  promqlRegexp,
  promqlUnknownMetric,
  promqlWindowOverRetention,
  routeDefaultOnly,
  ruleDuplicate,
  ruleRecordName,
  rulesClusterLabelDropped,
  rulesGroupSplit,
  scrapeAuthOverHttp,
];
