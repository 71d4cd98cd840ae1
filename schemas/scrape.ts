import { z } from 'zod';
import { kubernetesDiscovery } from './delivery.ts';
import { filePath, hostPort, httpPath, id, pattern, targetLabels, positiveDuration, url } from './common.ts';
import { re2Problem } from './regex.ts';

export const relabelActions = [
  'replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod',
  'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase',
] as const;
export type RelabelAction = (typeof relabelActions)[number];

const needsTarget: ReadonlySet<RelabelAction> = new Set(['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal']);

/** One `relabel_configs` entry, in Prometheus' own terms (camelCase). */
export const relabelRule = z
  .strictObject({
    /** Labels whose values are joined with `separator` and matched against `regex`. */
    sourceLabels: z.array(pattern(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'schema/label-name', 'must be a label name')).optional(),
    /** @default ';' */
    separator: z.string().optional(),
    /** Label written by replace, hashmod, lowercase, uppercase. */
    targetLabel: z.string().optional(),
    /** RE2 regular expression, anchored at both ends by Prometheus. @default '(.*)' */
    regex: z.string().optional(),
    /** Modulus for hashmod. */
    modulus: z.int().positive().optional(),
    /** @default '$1' */
    replacement: z.string().optional(),
    /** @default 'replace' */
    action: z.enum(relabelActions).optional(),
  })
  .superRefine((rule, ctx) => {
    const action = rule.action ?? 'replace';
    if (needsTarget.has(action) && !rule.targetLabel) {
      ctx.addIssue({ code: 'custom', path: ['targetLabel'], message: `is required for action ${action}`, params: { code: 'scrape/relabel' } });
    }
    if (action === 'hashmod' && rule.modulus === undefined) {
      ctx.addIssue({ code: 'custom', path: ['modulus'], message: 'is required for action hashmod', params: { code: 'scrape/relabel' } });
    }
    const problem = rule.regex === undefined ? undefined : re2Problem(rule.regex);
    if (problem) ctx.addIssue({ code: 'custom', path: ['regex'], message: `is not a regular expression Prometheus compiles: ${problem}`, params: { code: 'scrape/relabel' } });
  });

/** TLS settings; certificates and keys are files on the Prometheus host. */
export const tlsConfig = z.strictObject({
  caFile: filePath.optional(),
  /** The client certificate; goes with keyFile. */
  certFile: filePath.optional(),
  /** The client key; goes with certFile. */
  keyFile: filePath.optional(),
  serverName: z.string().optional(),
  /** @default false */
  insecureSkipVerify: z.boolean().optional(),
}).superRefine((tls, ctx) => {
  // Prometheus refuses one without the other.
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    const missing = tls.certFile === undefined ? 'certFile' : 'keyFile';
    ctx.addIssue({ code: 'custom', path: [missing === 'certFile' ? 'keyFile' : 'certFile'], message: `a client ${missing === 'certFile' ? 'key' : 'certificate'} needs its ${missing} too`, params: { code: 'scrape/tls' } });
  }
});

/** HTTP basic auth. The password is read from a file: inline secrets are not accepted. */
export const basicAuth = z.strictObject({
  username: z.string().min(1),
  passwordFile: filePath,
});

/** `Authorization` header. The credentials are read from a file: inline secrets are not accepted. */
export const authorization = z.strictObject({
  /** @default 'Bearer' */
  type: z.string().optional(),
  credentialsFile: filePath,
});

/** HTTP client settings shared by scrape jobs, Alertmanager targets and remote write. */
const httpClient = {
  tls: tlsConfig.optional(),
  basicAuth: basicAuth.optional(),
  authorization: authorization.optional(),
};

function oneAuth(value: { basicAuth?: unknown; authorization?: unknown }, ctx: z.RefinementCtx): void {
  if (value.basicAuth && value.authorization) {
    ctx.addIssue({ code: 'custom', path: ['authorization'], message: 'at most one of basicAuth and authorization may be set', params: { code: 'scrape/auth' } });
  }
}

/** A blackbox exporter probe: Prometheus asks the prober to check each URL. */
export const probe = z.strictObject({
  /** Blackbox exporter module, as configured in blackbox.yml. @default 'http_2xx' */
  module: z.string().min(1).optional(),
  /** Address of the blackbox exporter that runs the probe. */
  prober: hostPort,
  /** URLs to probe. */
  urls: z.array(url).min(1),
});

/** Software that produces an endpoint's metrics, known to the compiler by preset. */
export const exporterKinds = ['node', 'mysql', 'postgres', 'redis', 'blackbox', 'cadvisor', 'kube-state-metrics', 'keda', 'prometheus', 'alertmanager', 'grafana'] as const;
export type ExporterKind = (typeof exporterKinds)[number];

/** A scrape endpoint: becomes exactly one `scrape_configs` job. */
export const scrapeEndpoint = z
  .strictObject({
    /** The Prometheus job name; unique across the estate. @example 'genesis-orchestrator' */
    job: pattern(/^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$/, 'schema/job-name', 'must be a job name of letters, digits and _ . : -'),
    /** Static targets as `host:port`. @example ['orchestrator:8000'] */
    targets: z.array(hostPort).optional(),
    /** Targets read from JSON or YAML files that another system writes (`file_sd_configs`). */
    fileSd: z.strictObject({ files: z.array(filePath).min(1), refreshInterval: positiveDuration.optional() }).optional(),
    /** Probe URLs through a blackbox exporter instead of scraping targets. */
    probe: probe.optional(),
    /** @default '/metrics' ('/probe' for probes) */
    metricsPath: httpPath.optional(),
    /** @default 'http' */
    scheme: z.enum(['http', 'https']).optional(),
    /** @default the project's scrapeInterval */
    interval: positiveDuration.optional(),
    /** At most the interval. @default the project's scrapeTimeout, capped at the interval */
    timeout: positiveDuration.optional(),
    /** URL query parameters. */
    params: z.record(z.string(), z.array(z.string())).optional(),
    /** @default false */
    honorLabels: z.boolean().optional(),
    /** Labels added to every target of this endpoint. */
    labels: targetLabels.optional(),
    /** `relabel_configs`, applied in order after the compiler's own. */
    relabel: z.array(relabelRule).optional(),
    /** `metric_relabel_configs`, applied in order. */
    metricRelabel: z.array(relabelRule).optional(),
    /** Scrape fails when a target exposes more samples than this. */
    sampleLimit: z.int().positive().optional(),
    /** Dropped targets kept in memory for the targets page (Prometheus 2.47). */
    keepDroppedTargets: z.int().nonnegative().optional(),
    /** How prometheus-operator finds the targets on Kubernetes; needed by the prometheus-operator delivery (probes excepted). */
    kubernetes: kubernetesDiscovery.optional(),
    /** What produces the metrics; set by the exporter presets. */
    exporter: z.enum(exporterKinds).optional(),
    ...httpClient,
  })
  .superRefine((endpoint, ctx) => {
    oneAuth(endpoint, ctx);
    const sources = [endpoint.targets, endpoint.fileSd, endpoint.probe, endpoint.kubernetes].filter((s) => s !== undefined).length;
    if (sources === 0) {
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'an endpoint needs targets, fileSd, probe or kubernetes', params: { code: 'scrape/no-targets' } });
    }
    if (endpoint.probe && (endpoint.targets || endpoint.fileSd || endpoint.kubernetes)) {
      ctx.addIssue({ code: 'custom', path: ['probe'], message: 'a probe lists its URLs in probe.urls; drop targets, fileSd and kubernetes', params: { code: 'scrape/probe' } });
    }
  });

/** An Alertmanager that Prometheus sends alerts to. */
export const alertmanagerTarget = z
  .strictObject({
    targets: z.array(hostPort).min(1),
    /** @default 'http' */
    scheme: z.enum(['http', 'https']).optional(),
    pathPrefix: httpPath.optional(),
    /** @default '10s' */
    timeout: positiveDuration.optional(),
    ...httpClient,
  })
  .superRefine(oneAuth);

/** A remote write destination. */
export const remoteWrite = z
  .strictObject({
    /** Unique name, shown in Prometheus' metrics. */
    name: id,
    url,
    /** @default '30s' */
    remoteTimeout: positiveDuration.optional(),
    headers: z.record(z.string(), z.string()).optional(),
    queue: z
      .strictObject({
        capacity: z.int().positive().optional(),
        minShards: z.int().positive().optional(),
        maxShards: z.int().positive().optional(),
        maxSamplesPerSend: z.int().positive().optional(),
        batchSendDeadline: positiveDuration.optional(),
      })
      .optional(),
    writeRelabel: z.array(relabelRule).optional(),
    ...httpClient,
  })
  .superRefine(oneAuth);

export type RelabelRuleInput = z.input<typeof relabelRule>;
export type ScrapeEndpointInput = z.input<typeof scrapeEndpoint>;
export type ScrapeEndpoint = z.output<typeof scrapeEndpoint>;
export type AlertmanagerTargetInput = z.input<typeof alertmanagerTarget>;
export type RemoteWriteInput = z.input<typeof remoteWrite>;
export type TlsConfig = z.output<typeof tlsConfig>;
export type BasicAuth = z.output<typeof basicAuth>;
export type Authorization = z.output<typeof authorization>;
export type RelabelRule = z.output<typeof relabelRule>;
