import type { Labels, OperatorModel, ScrapeJob } from '../../core/model.ts';
import type { RelabelRule } from '../../../schemas/scrape.ts';
import type { SecretReference } from '../../../schemas/delivery.ts';

export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'monac' } as const;
export const MONITORING_API = 'monitoring.coreos.com/v1';

/** A Kubernetes name from a job or file id: lowercase, with `-` for what a name cannot hold. */
export const objectName = (id: string) => id.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');

/** The labels of a monitoring object: ours, and those the Prometheus resource's selectors expect. */
export const monitoringLabels = (operator: OperatorModel, extra: Labels = {}) => ({ ...operator.selectorLabels, ...extra, ...MANAGED_BY });

function relabelings(rules: readonly RelabelRule[]) {
  return rules.length > 0 ? rules.map((r) => ({ ...r })) : undefined;
}

/** Our target labels, and the job name the alerts select on (the operator's default job is the Service's name). */
function targetLabelRules(job: ScrapeJob): RelabelRule[] {
  return [
    { action: 'replace', targetLabel: 'job', replacement: job.jobName },
    ...Object.entries(job.labels).map(([name, value]): RelabelRule => ({ action: 'replace', targetLabel: name, replacement: value })),
  ];
}

const selector = (ref: SecretReference, key = ref.key) => ({ name: ref.secret, key });

/** TLS and authorization by Secret key reference; `check` has made sure every file is mapped. */
function httpSecrets(job: ScrapeJob, secrets: OperatorModel['secrets']) {
  const ref = (file: string | undefined) => (file === undefined ? undefined : secrets[file]);
  const { tls, basicAuth, authorization } = job;
  const [ca, cert, key] = [ref(tls?.caFile), ref(tls?.certFile), ref(tls?.keyFile)];
  const password = ref(basicAuth?.passwordFile);
  const credentials = ref(authorization?.credentialsFile);
  return {
    tlsConfig: tls && {
      ca: ca && { secret: selector(ca) },
      cert: cert && { secret: selector(cert) },
      keySecret: key && selector(key),
      serverName: tls.serverName,
      insecureSkipVerify: tls.insecureSkipVerify,
    },
    basicAuth: password && { username: selector(password, password.usernameKey ?? 'username'), password: selector(password) },
    authorization: credentials && { type: authorization?.type, credentials: selector(credentials) },
  };
}

/** A ServiceMonitor (or PodMonitor) in the namespace of the targets it selects. */
export function monitor(job: ScrapeJob, operator: OperatorModel) {
  const discovery = job.kubernetes!;
  const pod = discovery.kind === 'pod';
  const endpoint = {
    port: discovery.port,
    path: job.metricsPath,
    scheme: job.scheme,
    interval: job.interval,
    scrapeTimeout: job.timeout,
    params: job.params,
    honorLabels: job.honorLabels || undefined,
    relabelings: relabelings([...targetLabelRules(job), ...job.relabel]),
    metricRelabelings: relabelings(job.metricRelabel),
    ...httpSecrets(job, operator.secrets),
  };
  return {
    apiVersion: MONITORING_API,
    kind: pod ? 'PodMonitor' : 'ServiceMonitor',
    metadata: { name: objectName(job.jobName), namespace: discovery.namespace, labels: monitoringLabels(operator, { 'monac.dev/service': job.service }) },
    spec: {
      selector: { matchLabels: discovery.selector },
      [pod ? 'podMetricsEndpoints' : 'endpoints']: [endpoint],
      sampleLimit: job.sampleLimit,
      keepDroppedTargets: job.keepDroppedTargets,
    },
  };
}

/** A Probe: the blackbox exporter checks each URL; the operator writes the target and instance relabelling. */
export function probe(job: ScrapeJob, operator: OperatorModel) {
  const { prober, module, urls } = job.probe!;
  return {
    apiVersion: MONITORING_API,
    kind: 'Probe',
    metadata: { name: objectName(job.jobName), namespace: operator.namespace, labels: monitoringLabels(operator, { 'monac.dev/service': job.service }) },
    spec: {
      jobName: job.jobName,
      prober: { url: prober, path: job.metricsPath, scheme: job.scheme },
      module,
      interval: job.interval,
      scrapeTimeout: job.timeout,
      targets: { staticConfig: { static: [...urls], labels: job.labels, relabelingConfigs: relabelings(job.relabel) } },
      metricRelabelings: relabelings(job.metricRelabel),
      sampleLimit: job.sampleLimit,
      keepDroppedTargets: job.keepDroppedTargets,
      ...httpSecrets(job, operator.secrets),
    },
  };
}

/** A PrometheusRule holding one rule file's groups exactly as the files delivery writes them. */
export function prometheusRule(file: string, groups: unknown, operator: OperatorModel, service?: string) {
  return {
    apiVersion: MONITORING_API,
    kind: 'PrometheusRule',
    metadata: { name: objectName(file), namespace: operator.namespace, labels: monitoringLabels(operator, service ? { 'monac.dev/service': service } : {}) },
    spec: { groups },
  };
}
