// One module per kind: an API group's index loads every kind's validator, half a second of start-up.
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { Probe } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Probe';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { AnalysisTemplate } from '@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { serialize } from '../../core/emit.ts';
import { compareVersions } from '../../core/features.ts';
import type { Artifact } from '../../core/generator.ts';
import { locateSite } from '../../core/locate.ts';
import type { Model, OperatorModel, Site } from '../../core/model.ts';
import { joinSubject } from '../../core/schema-issues.ts';
import { objectName } from './objects.ts';

function finding(severity: Diagnostic['severity'], site: Site, field: readonly PropertyKey[], code: string, message: string): Diagnostic {
  return { severity, code, location: locateSite(site, field), subject: joinSubject(site.subject, field), message };
}

/** Fields of the objects we write, by the prometheus-operator release that added them (its CHANGELOG). */
export const operatorFeatures = {
  'group-limit': { since: '0.65.0', what: 'a rule group limit in a PrometheusRule' },
  'keep-firing-for': { since: '0.66.0', what: 'keep_firing_for in a PrometheusRule' },
  'keep-dropped-targets': { since: '0.68.0', what: 'keepDroppedTargets in a ServiceMonitor, PodMonitor or Probe' },
  'relabel-case-actions': { since: '0.58.0', what: 'relabel actions lowercase and uppercase' },
  'relabel-equal-actions': { since: '0.64.0', what: 'relabel actions keepequal and dropequal' },
} as const satisfies Record<string, { since: string; what: string }>;
type OperatorFeature = keyof typeof operatorFeatures;

/** What the prometheus-operator delivery needs of the declarations, before anything is generated. */
export function checkOperator(model: Model): Diagnostic[] {
  const operator = model.project.delivery.operator;
  const files = model.project.delivery.files;
  const project = model.project.site;
  if (!operator) {
    const kubernetesOnly = files ? model.scrapeJobs.filter((job) => !job.targets && !job.fileSd && !job.probe) : [];
    return [
      ...(files ? [] : [finding('error', project, ['delivery'], 'delivery/none', 'declares no delivery: keep files or declare prometheusOperator')]),
      ...kubernetesOnly.map((job) => finding('error', job.site, ['targets'], 'delivery/discovery',
        'only Kubernetes discovery is declared, which the files delivery cannot use: add targets or fileSd, or declare delivery.prometheusOperator')),
    ];
  }
  if (!operator.version) {
    return [finding('error', project, ['targets'], 'delivery/operator-version', 'the prometheus-operator delivery needs targets.prometheusOperator, the operator release the cluster runs (such as 0.75.0)')];
  }
  return [...discovery(model, files), ...secrets(model, operator), ...features(model, operator.version), ...names(model)];
}

function discovery(model: Model, files: boolean): Diagnostic[] {
  return model.scrapeJobs.flatMap((job) => {
    if (job.probe || job.kubernetes) {
      return files && !job.probe && !job.targets && !job.fileSd
        ? [finding('error', job.site, ['targets'], 'delivery/discovery', 'the files delivery scrapes static targets or fileSd: add them, or set delivery.files to false')]
        : [];
    }
    return [finding('error', job.site, ['kubernetes'], 'delivery/discovery',
      `the prometheus-operator delivery needs to find job ${job.jobName} on Kubernetes: add kubernetes: { namespace, selector, port }${job.fileSd ? ' (fileSd has no ServiceMonitor equivalent)' : ''}`)];
  });
}

/** Every file a credential is read from, with the field that names it. */
function credentialFiles(model: Model): { file: string; site: Site; field: PropertyKey[] }[] {
  const found: { file: string; site: Site; field: PropertyKey[] }[] = [];
  const walk = (value: unknown, site: Site, field: PropertyKey[]) => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, site, [...field, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, site, [...field, k]);
    else if (typeof value === 'string' && /File$/.test(String(field.at(-1)))) found.push({ file: value, site, field });
  };
  if (model.project.alertmanager) walk(model.project.alertmanager.config, model.project.alertmanager.site, []);
  for (const job of model.scrapeJobs) walk({ tls: job.tls, basicAuth: job.basicAuth, authorization: job.authorization }, job.site, []);
  return found;
}

function secrets(model: Model, operator: OperatorModel): Diagnostic[] {
  return credentialFiles(model).filter(({ file }) => !operator.secrets[file]).map(({ file, site, field }) =>
    finding('error', site, field, 'delivery/secret', `the prometheus-operator delivery reads ${file} from a Secret: add ${JSON.stringify(file)}: { secret, key } to delivery.prometheusOperator.secrets`));
}

function features(model: Model, version: string): Diagnostic[] {
  const needs = (feature: OperatorFeature, site: Site, field: readonly PropertyKey[]): Diagnostic[] => {
    const { since, what } = operatorFeatures[feature];
    return compareVersions(version, since) >= 0 ? [] : [finding('error', site, field, 'version/prometheus-operator', `${what} needs prometheus-operator ${since} or later; the project targets ${version}`)];
  };
  const groups = model.services.flatMap((s) => s.ruleGroups).filter((g) => g.evaluation.engine === 'prometheus');
  return [
    ...groups.flatMap((g) => (g.limit === undefined ? [] : needs('group-limit', g.site, ['limit']))),
    ...groups.flatMap((g) => g.alerts).flatMap((a) => (a.keepFiringFor === undefined ? [] : needs('keep-firing-for', a.site, ['keepFiringFor']))),
    ...model.scrapeJobs.flatMap((job) => [
      ...(job.keepDroppedTargets === undefined ? [] : needs('keep-dropped-targets', job.site, ['keepDroppedTargets'])),
      ...(['relabel', 'metricRelabel'] as const).flatMap((list) => job[list].flatMap((rule, i) => {
        const action = rule.action ?? 'replace';
        if (action === 'lowercase' || action === 'uppercase') return needs('relabel-case-actions', job.site, [list, i, 'action']);
        if (action === 'keepequal' || action === 'dropequal') return needs('relabel-equal-actions', job.site, [list, i, 'action']);
        return [];
      })),
    ]),
  ];
}

/** Two jobs whose names make one object name in one namespace would overwrite each other. */
function names(model: Model): Diagnostic[] {
  const seen = new Map<string, Site>();
  return model.scrapeJobs.flatMap((job) => {
    const namespace = job.probe ? model.project.delivery.operator!.namespace : job.kubernetes?.namespace;
    if (!namespace) return [];
    const key = `${namespace}/${job.probe ? 'Probe' : job.kubernetes?.kind ?? 'service'}/${objectName(job.jobName)}`;
    const first = seen.get(key);
    seen.set(key, first ?? job.site);
    return first ? [{ ...finding('error', job.site, ['job'], 'delivery/duplicate-name', `job ${job.jobName} makes the object name ${key}, as another job does`), related: { location: locateSite(first), subject: first.subject } }] : [];
  });
}

/** The kubernetes-models class of every kind we write. */
export const objectModels: Record<string, { new (data: never): { validate(): void } }> = {
  PrometheusRule, ServiceMonitor, PodMonitor, Probe, Secret, ConfigMap, ScaledObject, HorizontalPodAutoscaler, AnalysisTemplate,
};

/** A ConfigMap or Secret holds at most 1 MiB; client-side apply stores a copy in an annotation of at most 256 KiB. */
export const OBJECT_LIMIT = 1024 * 1024;
export const APPLY_ANNOTATION_LIMIT = 256 * 1024;

/** Every generated object against its schema and the size limits of the API server and kubectl. */
export function reviewOperator(model: Model, artifacts: readonly Artifact[]): Diagnostic[] {
  const delivery = model.project.delivery.operator?.site ?? model.project.site;
  const declared = new Map(model.dashboards.map(({ dashboard, site }) => [`grafana-dashboard-${dashboard.id}`, site]));
  return artifacts.filter((a) => a.path.startsWith('kubernetes/') && !a.path.endsWith('kustomization.yaml')).flatMap((artifact) => {
    const object = artifact.data as { kind: string; metadata: { name: string } };
    // A declared dashboard's diagnostics point at its declaration.
    const site = (object.kind === 'ConfigMap' && declared.get(object.metadata.name)) || delivery;
    const name = `${object.kind} ${artifact.path.split('/')[1]}/${object.metadata.name}`;
    const Model = objectModels[object.kind];
    const found: Diagnostic[] = [];
    try {
      if (!Model) throw new Error(`no schema known for kind ${object.kind}`);
      new Model(object as never).validate();
    } catch (failure) {
      found.push(finding('error', site, [], 'delivery/schema', `the generated ${name} does not match its schema: ${(failure as Error).message}`));
    }
    const bytes = Buffer.byteLength(serialize(artifact));
    if (bytes > OBJECT_LIMIT) {
      found.push(finding('error', site, [], 'delivery/object-size', `${name} is ${kib(bytes)}; the API server stores at most 1024 KiB per object: split it (a dashboard into smaller ones)`));
    } else if (bytes > APPLY_ANNOTATION_LIMIT) {
      found.push(finding('warning', site, [], 'delivery/apply-size', `${name} is ${kib(bytes)}; client-side kubectl apply fails above 256 KiB: apply with --server-side (Argo CD: ServerSideApply=true)`));
    }
    return found;
  });
}

const kib = (bytes: number) => `${Math.ceil(bytes / 1024)} KiB`;
