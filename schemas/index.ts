export { defineProject, project, type ProjectInput, type TargetVersions, type LintLevel } from './project.ts';
export { defineService, service, type ServiceInput } from './service.ts';
export {
  blackboxExporter, blackboxProbe, cadvisorExporter, kedaOperator, kubeStateMetrics, grafanaSelf, mysqlExporter, nodeExporter, postgresExporter,
  prometheusSelf, alertmanagerSelf, redisExporter, type ExporterOptions, type ProbeOptions,
} from './exporters.ts';
export type { ScrapeEndpointInput, RelabelRuleInput, ExporterKind } from './scrape.ts';
export type { Duration } from './duration.ts';
export { sourceOf, type SourceLocation } from './source.ts';
export {
  defineAlert, defineRecordingRule, severities, type AlertRuleInput, type RecordingRuleInput, type RuleGroupInput, type Severity, type MetricType,
} from './rules.ts';
export { absentAlert, errorRatioAlert, exhaustionAlert, latencyQuantileAlert, zScoreAnomaly } from './rule-patterns.ts';
export { defineAlertmanager, type AlertmanagerInput, type ReceiverInput, type RouteInput } from './alertmanager.ts';
export { defineSlo, type SloInput } from './slo.ts';
export { defineEscalation, type EscalationPolicyInput, type RunbookInput } from './runbook.ts';
export { defineScaling, type ScalingPolicyInput } from './scaling.ts';
export {
  alertList, barGauge, defineDashboard, gauge, heatmap, pluginPanel, row, stat, table, text, timeseries,
  type DashboardInput, type GrafanaSettingsInput, type PanelInput,
} from './dashboard.ts';
export type { DeliveryInput, KubernetesDiscovery, RuleEvaluation, RuleEngine } from './delivery.ts';
export type { PostDeployInput } from './verification.ts';
export { definePack, type PackInput, type PackNames } from './pack.ts';
