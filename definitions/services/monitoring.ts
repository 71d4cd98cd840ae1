import { alertmanagerSelf, blackboxExporter, defineAlert, defineService, grafanaSelf, kedaOperator, kubeStateMetrics, prometheusSelf } from '#schemas';
import * as runbooks from '../runbooks.ts';
import { onKubernetes } from '../kubernetes.ts';

/** The blackbox exporter that probes the health endpoints. */
export const BLACKBOX = 'blackbox-exporter:9115';

/** Prometheus fails to evaluate rules: alerts may be silently missing. */
const ruleEvaluationFailures = defineAlert({
  alert: 'PrometheusRuleEvaluationFailures',
  runbook: runbooks.prometheusRuleFailures,
  expr: 'sum by (instance) (increase(prometheus_rule_evaluation_failures_total[5m])) > 0',
  for: '5m',
  severity: 'high',
  summary: 'Prometheus {{ $labels.instance }} failed {{ $value }} rule evaluations in 5 minutes',
  description: 'Some alerts and recording rules are not being evaluated; check the rule files and the Prometheus log.',
  tests: [
    {
      name: 'fires when evaluations keep failing',
      series: { 'prometheus_rule_evaluation_failures_total{job="prometheus", instance="localhost:9090"}': '0+3x20' },
      at: '15m',
      fires: [{
        labels: { instance: 'localhost:9090' },
        annotations: { summary: 'Prometheus localhost:9090 failed 15 rule evaluations in 5 minutes' },
      }],
    },
    {
      name: 'stays quiet when evaluations succeed',
      series: { 'prometheus_rule_evaluation_failures_total{job="prometheus", instance="localhost:9090"}': '7x20' },
      at: '15m',
      fires: [],
    },
  ],
});

/** Alertmanager cannot deliver notifications: nobody hears about alerts. */
const notificationsFailing = defineAlert({
  alert: 'AlertmanagerNotificationsFailing',
  runbook: runbooks.alertmanagerNotificationsFailing,
  expr: 'sum by (integration) (rate(alertmanager_notifications_failed_total[5m])) > 0',
  for: '10m',
  severity: 'critical',
  summary: 'Alertmanager fails to send {{ $labels.integration }} notifications',
  description: 'Notifications through {{ $labels.integration }} fail; check the receiver credentials and the network.',
  tests: [
    {
      name: 'fires when Slack notifications keep failing',
      series: { 'alertmanager_notifications_failed_total{job="alertmanager", integration="slack"}': '0+1x30' },
      at: '20m',
      fires: [{
        labels: { integration: 'slack' },
        annotations: {
          summary: 'Alertmanager fails to send slack notifications',
          description: 'Notifications through slack fail; check the receiver credentials and the network.',
        },
      }],
    },
    {
      name: 'stays quiet when nothing fails',
      series: { 'alertmanager_notifications_failed_total{job="alertmanager", integration="slack"}': '2x30' },
      at: '20m',
      fires: [],
    },
  ],
});

/** The monitoring stack watches itself. */
export const monitoring = defineService({
  id: 'monitoring',
  description: 'Prometheus, Alertmanager, Grafana and the blackbox exporter',
  team: 'platform',
  endpoints: [
    prometheusSelf({ targets: ['localhost:9090'], kubernetes: onKubernetes('monitoring', 'prometheus', 'http-web') }),
    alertmanagerSelf({ targets: ['alertmanager:9093'], kubernetes: onKubernetes('monitoring', 'alertmanager', 'http-web') }),
    grafanaSelf({ targets: ['grafana:3000'], kubernetes: onKubernetes('monitoring', 'grafana', 'http-web') }),
    blackboxExporter({ targets: [BLACKBOX], kubernetes: onKubernetes('monitoring', 'prometheus-blackbox-exporter', 'http') }),
  ],
  ruleGroups: [{ name: 'monitoring-stack', alerts: [ruleEvaluationFailures, notificationsFailing] }],
});

/** The cluster's own state: kube-state-metrics for the HPAs, and the KEDA operator that runs the scalers. */
export const cluster = defineService({
  id: 'cluster',
  description: 'Kubernetes object state and the KEDA operator',
  team: 'platform',
  endpoints: [
    kubeStateMetrics({ job: 'kube-state-metrics', targets: ['kube-state-metrics.kube-system:8080'], kubernetes: onKubernetes('kube-system', 'kube-state-metrics', 'http') }),
    kedaOperator({ job: 'keda', targets: ['keda-operator-metrics.keda:8080'], kubernetes: onKubernetes('keda', 'keda-operator', 'metrics') }),
  ],
});
