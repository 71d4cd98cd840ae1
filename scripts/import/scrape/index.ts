/**
 * A Prometheus configuration's `scrape_configs` into services and their
 * endpoints: static targets and file_sd, with relabelling, TLS and
 * credentials as files. Other service discovery is a diagnostic.
 */
import { relative } from 'node:path';
import { parseDuration } from '../../../schemas/duration.ts';
import { serviceOf, type Imported } from '../model.ts';
import { Findings, isRecord, kebab, type InputDocument, type Path } from '../source.ts';

export function isPrometheusConfig(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value.scrape_configs);
}

/** The order of the language's own declaration of an endpoint, whatever the input's order. */
const endpointOrder = [
  'job', 'targets', 'fileSd', 'probe', 'metricsPath', 'scheme', 'interval', 'timeout', 'params', 'honorLabels', 'labels',
  'relabel', 'metricRelabel', 'sampleLimit', 'keepDroppedTargets', 'tls', 'basicAuth', 'authorization',
];

const relabelKeys: Record<string, string> = {
  source_labels: 'sourceLabels', separator: 'separator', target_label: 'targetLabel', regex: 'regex', modulus: 'modulus', replacement: 'replacement', action: 'action',
};

/** Prometheus' defaults of a relabel rule: left out when the input spells them. */
const relabelDefaults: Record<string, unknown> = { separator: ';', regex: '(.*)', replacement: '$1', action: 'replace' };

export function importScrapeConfigs(doc: InputDocument, into: Imported): void {
  const found = new Findings(doc);
  const config = doc.value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    // The language writes its own rule_files line.
    if (key !== 'scrape_configs' && key !== 'rule_files') {
      found.warning('import/not-imported', [key], `prometheus ${key}`, `${key} is a project setting: declare it in defineProject({ prometheus: ... }) (the import writes services only)`);
    }
  }
  // Intervals equal to the file's global ones are left to the project's settings.
  const global = isRecord(config.global) ? config.global : {};
  const globalInterval = typeof global.scrape_interval === 'string' ? global.scrape_interval : '1m';
  const globalTimeout = typeof global.scrape_timeout === 'string' ? global.scrape_timeout : '10s';
  const jobs = config.scrape_configs as unknown[];
  const services = new Set<string>();
  let count = 0;
  jobs.forEach((job, j) => {
    const path: Path = ['scrape_configs', j];
    if (!isRecord(job) || typeof job.job_name !== 'string') return found.error('import/scrape', path, 'scrape config', 'a scrape config needs a job_name');
    const subject = `job ${JSON.stringify(job.job_name)}`;
    const first = into.jobs.get(job.job_name);
    if (first) {
      found.error('import/duplicate-job', [...path, 'job_name'], subject, `a job of this name is already imported from ${relative(process.cwd(), first.file)}:${first.line}; Prometheus needs one job per name, so rename one in its input`);
      return;
    }
    into.jobs.set(job.job_name, doc.locate([...path, 'job_name']));
    const endpoint: Record<string, unknown> = { job: job.job_name };
    let labels: Record<string, string> | undefined;
    const targets: string[] = [];
    const statics = Array.isArray(job.static_configs) ? job.static_configs : [];
    statics.forEach((group, g) => {
      if (!isRecord(group)) return;
      if (!Array.isArray(group.targets) || group.targets.length === 0) {
        // Prometheus gives such labels to no target (not to the job's discovered ones).
        if (group.labels !== undefined) found.warning('import/dropped', [...path, 'static_configs', g], subject, 'a target group without targets labels nothing; it is left out');
        return;
      }
      targets.push(...group.targets.map(String));
      const groupLabels = isRecord(group.labels) ? Object.fromEntries(Object.entries(group.labels).map(([k, v]) => [k, String(v)])) : {};
      if (labels !== undefined && JSON.stringify(labels) !== JSON.stringify(groupLabels)) {
        found.error('import/scrape', [...path, 'static_configs', g, 'labels'], subject, 'target groups with different labels cannot be one endpoint; split the job in the input, one job per label set');
      }
      labels = groupLabels;
    });
    const { service, team, ...targetLabels } = labels ?? {};
    const serviceId = kebab(service ?? job.job_name);
    const owner = serviceOf(into, serviceId);
    owner.sources.add(doc.file);
    if (team && !owner.teams.has(team)) owner.teams.set(team, doc.locate([...path, 'static_configs']));
    if (targets.length > 0) endpoint.targets = targets;
    if (Array.isArray(job.file_sd_configs)) {
      const files = job.file_sd_configs.flatMap((sd) => (isRecord(sd) && Array.isArray(sd.files) ? sd.files.map(String) : []));
      const refresh = job.file_sd_configs.map((sd) => (isRecord(sd) ? sd.refresh_interval : undefined)).find((r) => r !== undefined);
      endpoint.fileSd = { files, refreshInterval: refresh === '5m' ? undefined : refresh };
    }
    const fields: Record<string, (value: unknown) => void> = {
      job_name: () => {},
      static_configs: () => {},
      file_sd_configs: () => {},
      metrics_path: (v) => (endpoint.metricsPath = v === '/metrics' ? undefined : v),
      scheme: (v) => (endpoint.scheme = v === 'http' ? undefined : v),
      scrape_interval: (v) => (endpoint.interval = v === globalInterval ? undefined : v),
      scrape_timeout: (v) => (endpoint.timeout = v),
      params: (v) => (endpoint.params = v),
      honor_labels: (v) => (endpoint.honorLabels = v === true ? true : undefined),
      sample_limit: (v) => (endpoint.sampleLimit = typeof v === 'number' && v > 0 ? v : undefined),
      keep_dropped_targets: (v) => (endpoint.keepDroppedTargets = typeof v === 'number' && v > 0 ? v : undefined),
      relabel_configs: (v) => (endpoint.relabel = relabel(v)),
      metric_relabel_configs: (v) => (endpoint.metricRelabel = relabel(v)),
      tls_config: (v) => (endpoint.tls = tls(v, [...path, 'tls_config'], subject, found)),
      basic_auth: (v) => {
        const auth = isRecord(v) ? v : {};
        if (auth.password !== undefined) found.error('import/inline-secret', [...path, 'basic_auth', 'password'], subject, 'password holds a secret inline; put it in a file and write password_file instead, so no credential reaches the repository');
        endpoint.basicAuth = { username: auth.username, passwordFile: auth.password_file };
      },
      authorization: (v) => {
        const auth = isRecord(v) ? v : {};
        if (auth.credentials !== undefined) found.error('import/inline-secret', [...path, 'authorization', 'credentials'], subject, 'credentials holds a secret inline; put it in a file and write credentials_file instead, so no credential reaches the repository');
        endpoint.authorization = { type: auth.type === 'Bearer' ? undefined : auth.type, credentialsFile: auth.credentials_file };
      },
      bearer_token_file: (v) => (endpoint.authorization = { credentialsFile: v }),
      bearer_token: () => found.error('import/inline-secret', [...path, 'bearer_token'], subject, 'bearer_token holds a secret inline; put it in a file and write bearer_token_file instead, so no credential reaches the repository'),
    };
    for (const [key, value] of Object.entries(job)) {
      const apply = fields[key];
      if (apply) apply(value);
      else if (key.endsWith('_sd_configs')) found.error('import/scrape', [...path, key], subject, `${key} is not imported: the language declares static targets, file_sd, or Kubernetes discovery through the prometheus-operator delivery`);
      else found.error('import/unsupported', [...path, key], subject, `${key} has no equivalent in the language`);
    }
    if (Object.keys(targetLabels).length > 0) endpoint.labels = targetLabels;
    // The timeout Prometheus would use anyway: the global one, capped at the interval.
    const interval = (endpoint.interval as string | undefined) ?? globalInterval;
    if (endpoint.timeout !== undefined && endpoint.timeout === (seconds(globalTimeout) > seconds(interval) ? interval : globalTimeout)) endpoint.timeout = undefined;
    asProbe(endpoint);
    owner.endpoints.push(Object.fromEntries(endpointOrder.filter((key) => endpoint[key] !== undefined).map((key) => [key, endpoint[key]])));
    services.add(serviceId);
    count++;
  });
  into.diagnostics.push(...found.diagnostics);
  into.converted.push(`${doc.file}: ${count} scrape job(s) -> service(s) ${[...services].sort().join(', ') || 'none'}`);
}

function seconds(duration: string): number {
  return parseDuration(duration) ?? 0;
}

/**
 * A blackbox probe in the shape Prometheus' documentation gives it (targets are
 * URLs, three relabellings hand them to the prober): written as a probe.
 */
function asProbe(endpoint: Record<string, unknown>): void {
  const rules = (endpoint.relabel as Record<string, unknown>[] | undefined) ?? [];
  const [first, second, third] = rules;
  const is = (rule: Record<string, unknown> | undefined, source: string | undefined, target: string) =>
    rule !== undefined && rule.targetLabel === target && (source === undefined ? rule.sourceLabels === undefined : JSON.stringify(rule.sourceLabels) === JSON.stringify([source]))
    && Object.keys(rule).every((k) => ['sourceLabels', 'targetLabel', 'replacement'].includes(k)) && (source === undefined) === (rule.replacement !== undefined);
  const params = endpoint.params as Record<string, unknown> | undefined;
  const modules = params?.module;
  const targets = endpoint.targets as string[] | undefined;
  if (endpoint.metricsPath !== '/probe' || !Array.isArray(modules) || modules.length !== 1 || Object.keys(params!).length !== 1) return;
  if (!is(first, '__address__', '__param_target') || !is(second, '__param_target', 'instance') || !is(third, undefined, '__address__')) return;
  if (!targets || !targets.every((t) => /^https?:\/\//.test(t)) || endpoint.fileSd !== undefined) return;
  endpoint.probe = { module: modules[0] === 'http_2xx' ? undefined : modules[0], prober: third!.replacement, urls: targets };
  endpoint.relabel = rules.length > 3 ? rules.slice(3) : undefined;
  for (const key of ['targets', 'params', 'metricsPath']) delete endpoint[key];
}

function relabel(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((rule) => Object.fromEntries(Object.entries(isRecord(rule) ? rule : {})
    .filter(([k, v]) => relabelKeys[k] && relabelDefaults[k] !== v)
    .map(([k, v]) => [relabelKeys[k]!, k === 'source_labels' && Array.isArray(v) ? v.map(String) : v])));
}

function tls(value: unknown, path: Path, subject: string, found: Findings): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const keys: Record<string, string> = { ca_file: 'caFile', cert_file: 'certFile', key_file: 'keyFile', server_name: 'serverName', insecure_skip_verify: 'insecureSkipVerify' };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (keys[k]) out[keys[k]!] = v;
    else if (k === 'key') found.error('import/inline-secret', [...path, k], subject, 'key holds a private key inline; put it in a file and write key_file instead');
    else found.error('import/unsupported', [...path, k], subject, `tls_config ${k} has no equivalent in the language`);
  }
  return out;
}
