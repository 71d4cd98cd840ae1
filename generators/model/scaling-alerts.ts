import type { ScalingPolicy } from '../../schemas/scaling.ts';
import { sortLabels } from '../core/labels.ts';
import { runbookUrl } from '../core/links.ts';
import { linkUrl, serviceDashboardLink } from './dashboards.ts';
import type { AlertModel, ProjectModel, UnplacedRuleGroup, Site } from '../core/model.ts';
import type { Runbook } from '../../schemas/runbook.ts';

/** The HPA a policy runs: KEDA names its own keda-hpa-<ScaledObject>. */
export const hpaName = (p: ScalingPolicy) => ((p.engine ?? 'keda') === 'keda' ? `keda-hpa-${p.workload.name}` : p.workload.name);

interface Service {
  readonly id: string;
  readonly team: string;
}

function alert(service: Service, p: ScalingPolicy, site: Site, project: Pick<ProjectModel, 'links' | 'grafana'>, a: Pick<AlertModel, 'name' | 'expr' | 'for' | 'tests'> & { summary: string; runbook: Runbook }): AlertModel {
  const { runbooks, grafana } = project.links;
  return {
    name: a.name,
    service: service.id,
    expr: a.expr,
    for: a.for,
    severity: 'warning',
    labels: sortLabels({ severity: 'warning', team: service.team, service: service.id, workload: `${p.workload.namespace}/${p.workload.name}` }),
    annotations: sortLabels({
      summary: a.summary,
      runbook_url: runbooks && runbookUrl(runbooks, service.id, a.name),
      dashboard_url: grafana && linkUrl(grafana, serviceDashboardLink(project, service.id)),
    }),
    runbook: a.runbook,
    tests: a.tests,
    site: { ...site, subject: `${site.subject}:${a.name}` },
  };
}

/** Per policy: the workload pinned at its maximum, and for KEDA, scaler errors and a scaler left paused. */
function policyAlerts(service: Service, p: ScalingPolicy, site: Site, project: Pick<ProjectModel, 'links' | 'grafana'>): AlertModel[] {
  const ns = p.workload.namespace;
  const hpa = hpaName(p);
  const ksm = (metric: string) => `${metric}{job="kube-state-metrics", namespace="${ns}", horizontalpodautoscaler="${hpa}"}`;
  const hpaLabels = { job: 'kube-state-metrics', namespace: ns, horizontalpodautoscaler: hpa };
  const pinned = alert(service, p, site, project, {
    name: 'ScalerPinnedAtMax',
    expr: `${ksm('kube_horizontalpodautoscaler_status_current_replicas')} >= ${ksm('kube_horizontalpodautoscaler_spec_max_replicas')}`,
    for: '15m',
    summary: `${ns}/${p.workload.name} has run at its maximum of ${p.maxReplicas} replicas for 15 minutes: it may need more than its bound`,
    runbook: {
      impact: 'Load beyond what the maximum can serve queues up or fails: latency and errors rise while the scaler can add nothing.',
      diagnosis: [
        `\`kubectl -n ${ns} describe hpa ${hpa}\``,
        'Compare the scaling signal with its target on the service dashboard: a real rise in load, or a signal that reads high for another reason (a stuck queue, a slow dependency)?',
      ],
      mitigation: [
        `A real rise in load: raise maxReplicas of the ${ns}/${p.workload.name} scaling policy (within its cost budget) and deploy.`,
        'A signal that misreads: fix the cause (drain the queue, the dependency) rather than the bound.',
      ],
    },
    tests: [
      { name: 'fires after 15 minutes at the maximum', series: { [ksm('kube_horizontalpodautoscaler_status_current_replicas')]: `${p.maxReplicas}x25`, [ksm('kube_horizontalpodautoscaler_spec_max_replicas')]: `${p.maxReplicas}x25` }, at: '20m', fires: [{ labels: hpaLabels }] },
      { name: 'stays quiet below the maximum', series: { [ksm('kube_horizontalpodautoscaler_status_current_replicas')]: `${Math.max(p.maxReplicas - 1, 0)}x25`, [ksm('kube_horizontalpodautoscaler_spec_max_replicas')]: `${p.maxReplicas}x25` }, at: '20m', fires: [] },
    ],
  });
  if ((p.engine ?? 'keda') !== 'keda') return [pinned];
  const keda = (metric: string) => `${metric}{job="keda", namespace="${ns}", scaledObject="${p.workload.name}"}`;
  const soLabels = { namespace: ns, scaledObject: p.workload.name };
  return [
    pinned,
    alert(service, p, site, project, {
      name: 'ScalerErrors',
      expr: `sum by (namespace, scaledObject) (rate(${keda('keda_scaler_detail_errors_total')}[5m])) > 0`,
      for: '10m',
      summary: `KEDA cannot read the triggers of ${ns}/${p.workload.name}: scaling falls back or stops`,
      runbook: {
        impact: 'The workload stays at its current size, or at the fallback replicas, whatever the load does.',
        diagnosis: [
          `\`kubectl -n ${ns} describe scaledobject ${p.workload.name}\``,
          '`kubectl -n keda logs deploy/keda-operator --since=30m`',
          'Run the trigger\'s query against Prometheus: does it answer, and with one series?',
        ],
        mitigation: ['Restore what the trigger reads (Prometheus reachable, the query returning one series), or fix the query in the scaling policy and deploy.'],
      },
      tests: [
        { name: 'fires when errors keep coming', series: { [keda('keda_scaler_detail_errors_total')]: '0+2x25' }, at: '20m', fires: [{ labels: soLabels }] },
        { name: 'stays quiet without new errors', series: { [keda('keda_scaler_detail_errors_total')]: '4x25' }, at: '20m', fires: [] },
      ],
    }),
    alert(service, p, site, project, {
      name: 'ScalerPaused',
      expr: `${keda('keda_scaled_object_paused')} == 1`,
      for: '2h',
      summary: `The scaler of ${ns}/${p.workload.name} has been paused for two hours: resume it when the maintenance is over`,
      runbook: {
        impact: 'The workload no longer follows its load.',
        diagnosis: [`\`kubectl -n ${ns} get scaledobject ${p.workload.name} -o jsonpath='{.metadata.annotations}'\``],
        mitigation: ['Once the maintenance is over, set paused back to false in the scaling policy and deploy: KEDA resumes when the pause annotations go.'],
      },
      tests: [
        { name: 'fires after two hours paused', series: { [keda('keda_scaled_object_paused')]: '1x150' }, at: '140m', fires: [{ labels: { ...soLabels, job: 'keda' } }] },
        { name: 'stays quiet while active', series: { [keda('keda_scaled_object_paused')]: '0x150' }, at: '140m', fires: [] },
      ],
    }),
  ];
}

/** The service's scaling alerts as one rule group, sorted by name and workload. */
export function scalingGroup(service: Service, policies: readonly { policy: ScalingPolicy; site: Site }[], site: Site, project: Pick<ProjectModel, 'links' | 'grafana'>): UnplacedRuleGroup[] {
  if (policies.length === 0) return [];
  const alerts = policies
    .flatMap(({ policy, site: at }) => policyAlerts(service, policy, at, project))
    .sort((a, b) => (`${a.name}/${a.labels.workload}` < `${b.name}/${b.labels.workload}` ? -1 : 1));
  return [{ name: `${service.id}-scaling`, service: service.id, records: [], alerts, site }];
}
