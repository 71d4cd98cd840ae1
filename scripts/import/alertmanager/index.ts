/**
 * alertmanager.yml into `defineAlertmanager`: receivers (credentials only as
 * files), the routing tree, inhibitions and time intervals. Legacy `match` and
 * `match_re` become matchers; names that are not kebab-case are renamed
 * everywhere they are used, and the rename is reported.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { within } from '../../../generators/core/output-folder.ts';
import { urlCredential } from '../../../schemas/common.ts';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { formatMatcher, type MatcherOp } from '../../../generators/model/matchers.ts';
import { showSize, type Imported, type ImportOptions } from '../model.ts';
import { Findings, isRecord, kebab, type InputDocument, type Path } from '../source.ts';
import { Call } from '../writer.ts';

/** Alertmanager's own defaults where they differ from the language's; written out so behaviour is kept. */
const alertmanagerDefaults = {
  slackTitle: '{{ template "slack.default.title" . }}',
  slackText: '{{ template "slack.default.text" . }}',
  emailSubject: '{{ template "email.default.subject" . }}',
  msteamsTitle: '{{ template "msteams.default.title" . }}',
  msteamsText: '{{ template "msteams.default.text" . }}',
  pagerdutySeverity: 'error',
};
/** What the language writes when a field is left out: an input with exactly this needs nothing written. */
const languageDefaults = {
  slackTitle: '{{ template "monac.slack.title" . }}',
  slackText: '{{ template "monac.slack.text" . }}',
  emailSubject: '{{ template "monac.email.subject" . }}',
  emailHtml: '{{ template "monac.email.html" . }}',
  msteamsTitle: '{{ template "monac.msteams.title" . }}',
  msteamsText: '{{ template "monac.msteams.text" . }}',
  pagerdutySeverity: '{{ template "monac.pagerduty.severity" . }}',
};

const integrations: Record<string, string> = {
  slack_configs: 'slack', pagerduty_configs: 'pagerduty', email_configs: 'email', webhook_configs: 'webhook', msteams_configs: 'msteams',
};

const secrets: Record<string, string> = {
  slack_api_url: 'slack_api_url_file', smtp_auth_password: 'smtp_auth_password_file', smtp_auth_secret: 'smtp_auth_password_file',
  api_url: 'api_url_file', routing_key: 'routing_key_file', service_key: 'routing_key_file', auth_password: 'auth_password_file',
  auth_secret: 'auth_password_file', webhook_url: 'webhook_url_file', opsgenie_api_key: 'opsgenie_api_key_file',
};

export function isAlertmanagerConfig(value: unknown): boolean {
  return isRecord(value) && isRecord(value.route) && Array.isArray(value.receivers);
}

/** Names made kebab-case ids, each rename reported once, where the name is declared or first used. */
class Names {
  readonly renamed = new Map<string, { to: string; path: Path }>();
  constructor(readonly what: string) {}
  id(name: string, path: Path): string {
    const id = kebab(name);
    const seen = this.renamed.get(name);
    if (id !== name && (!seen || path.at(-1) === 'name')) this.renamed.set(name, { to: id, path });
    return id;
  }
}

/** The findings of one configuration, and the severity map that its matchers on severity follow. */
class Context extends Findings {
  constructor(doc: InputDocument, readonly severityMap: ReadonlyMap<string, string>) {
    super(doc);
  }
}

export function importAlertmanager(doc: InputDocument, options: ImportOptions, into: Imported): void {
  const found = new Context(doc, options.severityMap);
  const config = doc.value as Record<string, unknown>;
  const receiverNames = new Names('receiver');
  const intervalNames = new Names('time interval');
  const fields = new Set(['global', 'route', 'receivers', 'inhibit_rules', 'time_intervals', 'mute_time_intervals', 'templates']);
  for (const key of Object.keys(config)) if (!fields.has(key)) refuse(found, [key], 'alertmanager', key);
  const templates = Array.isArray(config.templates) ? importTemplates(config.templates, doc, options, found) : undefined;
  const global = isRecord(config.global) ? importGlobal(config.global, found) : undefined;
  const receivers = (Array.isArray(config.receivers) ? config.receivers : []).map((r, i) => importReceiver(r, ['receivers', i], receiverNames, found));
  const route = isRecord(config.route) ? importRoute(config.route, ['route'], receiverNames, intervalNames, found) : undefined;
  const inhibitRules = Array.isArray(config.inhibit_rules) ? config.inhibit_rules.map((rule, i) => importInhibition(rule, ['inhibit_rules', i], found)) : undefined;
  const intervals = [...(Array.isArray(config.time_intervals) ? config.time_intervals.map((t, i) => [t, ['time_intervals', i]] as const) : []),
    ...(Array.isArray(config.mute_time_intervals) ? config.mute_time_intervals.map((t, i) => [t, ['mute_time_intervals', i]] as const) : [])];
  const timeIntervals = intervals.length > 0 ? intervals.map(([t, path]) => importTimeInterval(t, path, intervalNames, found)) : undefined;
  for (const names of [receiverNames, intervalNames]) {
    for (const [from, { to, path }] of names.renamed) found.warning('import/renamed', path, `${names.what} ${JSON.stringify(from)}`, `renamed ${to}: names are kebab-case ids; its routes and references are renamed with it`);
  }
  into.diagnostics.push(...found.diagnostics);
  if (into.alertmanager) {
    found.error('import/duplicate', [], doc.file, `a second Alertmanager configuration; ${into.alertmanager.source} is already imported`);
    into.diagnostics.push(found.diagnostics.at(-1)!);
    return;
  }
  into.alertmanager = {
    value: new Call('defineAlertmanager', { global, receivers, route, inhibitRules, timeIntervals, templates }),
    source: doc.file,
    location: doc.locate([]),
  };
  into.converted.push(`${doc.file}: Alertmanager with ${receivers.length} receiver(s), ${inhibitRules?.length ?? 0} inhibition(s), ${timeIntervals?.length ?? 0} time interval(s)`);
}

/**
 * The template files `templates:` names, read as Alertmanager reads them:
 * paths relative to the configuration's folder, `*` and `?` in the file name.
 * The language's own monac.tmpl is its to write.
 */
function importTemplates(globs: readonly unknown[], doc: InputDocument, options: ImportOptions, found: Context): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const home = realpathSync(dirname(doc.absolute));
  const shown = relative(process.cwd(), dirname(doc.absolute)) || '.';
  globs.forEach((glob, i) => {
    const pattern = resolve(dirname(doc.absolute), String(glob));
    const folder = dirname(pattern);
    // A configuration sent for import must not copy the host's files into the definitions (`/etc/host*`, `../../secrets/*`).
    if (!within(existsSync(folder) ? realpathSync(folder) : folder, home)) {
      found.error('import/template-file', ['templates', i], 'alertmanager.templates', `${String(glob)} reaches outside the configuration's folder (${shown}); templates are read only inside it: copy them beside alertmanager.yml`);
      return;
    }
    const name = new RegExp(`^${basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => name.test(f)).sort() : [];
    if (files.length === 0 && !/[*?]/.test(String(glob))) {
      found.error('import/template-file', ['templates', i], 'alertmanager.templates', `${String(glob)} does not exist (relative to ${shown})`);
    }
    for (const file of files) {
      if (file === 'monac.tmpl') continue;
      const path = join(folder, file);
      if (!within(realpathSync(path), home)) {
        found.error('import/template-file', ['templates', i], 'alertmanager.templates', `${file} is a link to a file outside the configuration's folder (${shown}); templates are read only inside it`);
        continue;
      }
      const stat = statSync(path);
      // Alertmanager reads files only: a folder the glob matches is not a template.
      if (!stat.isFile()) continue;
      if (stat.size > options.maxFileBytes) {
        found.error('import/too-large', ['templates', i], 'alertmanager.templates', `${file} is ${showSize(stat.size)}, over the ${showSize(options.maxFileBytes)} limit for one input file; pass --max-file-size ${Math.ceil(stat.size / 1024 ** 2)}MB to read it`);
        continue;
      }
      const id = kebabFile(file);
      if (id in out) found.error('import/template-file', ['templates', i], 'alertmanager.templates', `two template files are named ${id}; rename one`);
      out[id] = readFileSync(path, 'utf8');
    }
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `Slack Templates.tmpl` -> `slack-templates.tmpl`: the file names the language accepts. */
function kebabFile(file: string): string {
  return `${kebab(file.replace(/\.tmpl$/, ''))}.tmpl`;
}

function refuse(found: Context, path: Path, subject: string, key: string): void {
  const file = secrets[key];
  if (file) found.error('import/inline-secret', path, subject, `${key} holds a secret inline; put it in a file and write ${file} instead, so no credential reaches the repository`);
  else found.error('import/unsupported', path, subject, `${key} has no equivalent in the language`);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function importGlobal(global: Record<string, unknown>, found: Context) {
  const known = new Set(['resolve_timeout', 'slack_api_url_file', 'smtp_smarthost', 'smtp_from', 'smtp_auth_username', 'smtp_auth_password_file', 'smtp_require_tls', 'smtp_hello']);
  for (const key of Object.keys(global)) if (!known.has(key)) refuse(found, ['global', key], 'alertmanager.global', key);
  if (global.smtp_hello !== undefined && global.smtp_hello !== 'localhost') found.warning('import/dropped', ['global', 'smtp_hello'], 'alertmanager.global', 'smtp_hello is not in the language; Alertmanager\'s default (localhost) is used');
  const smtp = global.smtp_smarthost !== undefined || global.smtp_from !== undefined
    ? {
      smarthost: str(global.smtp_smarthost),
      from: str(global.smtp_from),
      authUsername: str(global.smtp_auth_username),
      authPasswordFile: str(global.smtp_auth_password_file),
      requireTls: typeof global.smtp_require_tls === 'boolean' ? global.smtp_require_tls : undefined,
    }
    : undefined;
  return {
    resolveTimeout: str(global.resolve_timeout),
    slackApiUrlFile: str(global.slack_api_url_file),
    smtp,
  };
}

function importReceiver(receiver: unknown, path: Path, names: Names, found: Context) {
  if (!isRecord(receiver) || typeof receiver.name !== 'string') {
    found.error('import/alertmanager', path, 'receiver', 'a receiver needs a name');
    return {};
  }
  const subject = `receiver ${JSON.stringify(receiver.name)}`;
  const out: Record<string, unknown> = { name: names.id(receiver.name, [...path, 'name']) };
  for (const [key, value] of Object.entries(receiver)) {
    if (key === 'name') continue;
    const kind = integrations[key];
    if (!kind) {
      found.error('import/unsupported', [...path, key], subject, `${key} is not an integration the language writes (slack, pagerduty, email, webhook, msteams); the receiver would stop notifying`);
      continue;
    }
    if (!Array.isArray(value)) continue;
    out[kind] = value.map((config, i) => integration(kind, isRecord(config) ? config : {}, [...path, key, i], subject, found));
  }
  return out;
}

/** A value the language writes by default when left out: the input's own, or Alertmanager's default when the input has none. */
function text(value: unknown, alertmanagerDefault: string, languageDefault: string): string | undefined {
  const given = str(value) ?? alertmanagerDefault;
  return given === languageDefault ? undefined : given;
}

function integration(kind: string, config: Record<string, unknown>, path: Path, subject: string, found: Context): Record<string, unknown> {
  const known: Record<string, readonly string[]> = {
    slack: ['channel', 'api_url_file', 'title', 'text', 'send_resolved'],
    pagerduty: ['routing_key_file', 'severity', 'class', 'component', 'group', 'send_resolved'],
    email: ['to', 'from', 'smarthost', 'auth_username', 'auth_password_file', 'require_tls', 'headers', 'html', 'send_resolved'],
    webhook: ['url', 'url_file', 'max_alerts', 'send_resolved'],
    msteams: ['webhook_url_file', 'title', 'text', 'send_resolved'],
  };
  for (const key of Object.keys(config)) {
    if (known[kind]!.includes(key)) continue;
    if (secrets[key]) refuse(found, [...path, key], subject, key);
    else found.warning('import/dropped', [...path, key], subject, `${kind} ${key} is not in the language and is left out; notifications keep their routing but lose this setting`);
  }
  // Alertmanager's defaults for send_resolved: false for chat and mail, true for the others; the language's: true except email.
  const resolved = (amDefault: boolean, ours: boolean) => {
    const value = typeof config.send_resolved === 'boolean' ? config.send_resolved : amDefault;
    return value === ours ? undefined : value;
  };
  switch (kind) {
    case 'slack':
      return {
        channel: str(config.channel),
        apiUrlFile: str(config.api_url_file),
        title: text(config.title, alertmanagerDefaults.slackTitle, languageDefaults.slackTitle),
        text: text(config.text, alertmanagerDefaults.slackText, languageDefaults.slackText),
        sendResolved: resolved(false, true),
      };
    case 'pagerduty':
      return {
        routingKeyFile: str(config.routing_key_file),
        severity: text(config.severity, alertmanagerDefaults.pagerdutySeverity, languageDefaults.pagerdutySeverity),
        class: str(config.class),
        component: str(config.component),
        group: str(config.group),
        sendResolved: resolved(true, true),
      };
    case 'email': {
      const headers = isRecord(config.headers) ? config.headers : {};
      for (const name of Object.keys(headers)) {
        if (name !== 'Subject') found.warning('import/dropped', [...path, 'headers', name], subject, `email header ${name} is not in the language and is left out`);
      }
      if (config.html !== undefined && config.html !== languageDefaults.emailHtml) {
        found.warning('import/dropped', [...path, 'html'], subject, 'the email body is the language\'s own template (monac.email.html); the input\'s html is left out');
      }
      return {
        to: str(config.to),
        from: str(config.from),
        smarthost: str(config.smarthost),
        authUsername: str(config.auth_username),
        authPasswordFile: str(config.auth_password_file),
        requireTls: typeof config.require_tls === 'boolean' ? config.require_tls : undefined,
        subject: text(headers.Subject, alertmanagerDefaults.emailSubject, languageDefaults.emailSubject),
        sendResolved: resolved(false, false),
      };
    }
    case 'webhook': {
      const credential = urlCredential(str(config.url) ?? '');
      if (credential) found.error('import/inline-secret', [...path, 'url'], subject, `url carries a credential (${credential}); put the URL in a file and write url_file instead (Alertmanager 0.26 or later), so no credential reaches the repository`);
      return { url: str(config.url), urlFile: str(config.url_file), maxAlerts: typeof config.max_alerts === 'number' && config.max_alerts > 0 ? config.max_alerts : undefined, sendResolved: resolved(true, true) };
    }
    default:
      return {
        webhookUrlFile: str(config.webhook_url_file),
        title: text(config.title, alertmanagerDefaults.msteamsTitle, languageDefaults.msteamsTitle),
        text: text(config.text, alertmanagerDefaults.msteamsText, languageDefaults.msteamsText),
        sendResolved: resolved(true, true),
      };
  }
}

/** A matcher in Alertmanager's quoted form, from any of the forms it accepts. */
function matcher(text: string, path: Path, subject: string, found: Context): string | undefined {
  const m = /^\s*\{?\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*\}?\s*$/.exec(text);
  if (!m) {
    found.error('import/matcher', path, subject, `${JSON.stringify(text)} is not a single matcher such as severity="critical"`);
    return undefined;
  }
  const raw = m[3]!;
  const value = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  return mapped(m[1]!, m[2] as MatcherOp, value, path, subject, found);
}

/**
 * A matcher with --severity-map applied: the rules' severity labels are renamed, so the
 * matchers on them are too (an equality, or a regex that lists values); any other regex is reported.
 */
function mapped(label: string, op: MatcherOp, value: string, path: Path, subject: string, found: Context): string {
  const severityMap = found.severityMap;
  if (label !== 'severity' || severityMap.size === 0) return formatMatcher({ label, op, value });
  if (op === '=' || op === '!=') return formatMatcher({ label, op, value: severityMap.get(value) ?? value });
  const values = value.split('|');
  if (values.every((v) => /^[\w-]+$/.test(v))) {
    return formatMatcher({ label, op, value: [...new Set(values.map((v) => severityMap.get(v) ?? v))].join('|') });
  }
  found.warning('import/severity-matcher', path, subject, `severity=~${JSON.stringify(value)} is not a list of values, so --severity-map could not be applied to it; check it matches the new tiers`);
  return formatMatcher({ label, op, value });
}

function matchers(node: Record<string, unknown>, prefix: string, path: Path, subject: string, found: Context): string[] | undefined {
  const list: string[] = [];
  const modern = node[`${prefix}matchers`];
  if (Array.isArray(modern)) {
    modern.forEach((m, i) => {
      const one = typeof m === 'string' && matcher(m, [...path, `${prefix}matchers`, i], subject, found);
      if (one) list.push(one);
    });
  }
  for (const [key, op] of [['match', '='], ['match_re', '=~']] as const) {
    const legacy = node[`${prefix}${key}`];
    if (isRecord(legacy)) for (const [label, value] of Object.entries(legacy)) list.push(mapped(label, op, String(value), [...path, `${prefix}${key}`, label], subject, found));
  }
  return list.length > 0 ? list : undefined;
}

function importRoute(route: Record<string, unknown>, path: Path, receivers: Names, intervals: Names, found: Context, root = true): Record<string, unknown> {
  const subject = path.length === 1 ? 'route' : `route ${path.slice(1).filter((p) => typeof p === 'number').join('.')}`;
  const known = new Set(['receiver', 'matchers', 'match', 'match_re', 'group_by', 'group_wait', 'group_interval', 'repeat_interval', 'continue', 'mute_time_intervals', 'active_time_intervals', 'routes']);
  for (const key of Object.keys(route)) if (!known.has(key)) refuse(found, [...path, key], subject, key);
  const names = (value: unknown, rename: Names, key: string) => (Array.isArray(value) ? value.map((v, i) => rename.id(String(v), [...path, key, i])) : undefined);
  return {
    receiver: typeof route.receiver === 'string' ? receivers.id(route.receiver, [...path, 'receiver']) : undefined,
    matchers: matchers(route, '', path, subject, found),
    // The root's group_by defaults to [alertname, service] in the language and to nothing in Alertmanager.
    groupBy: Array.isArray(route.group_by) ? route.group_by.map(String) : root ? [] : undefined,
    groupWait: str(route.group_wait),
    groupInterval: str(route.group_interval),
    repeatInterval: str(route.repeat_interval),
    continue: route.continue === true ? true : undefined,
    muteTimeIntervals: names(route.mute_time_intervals, intervals, 'mute_time_intervals'),
    activeTimeIntervals: names(route.active_time_intervals, intervals, 'active_time_intervals'),
    routes: Array.isArray(route.routes)
      ? route.routes.map((child, i) => importRoute(isRecord(child) ? child : {}, [...path, 'routes', i], receivers, intervals, found, false))
      : undefined,
  };
}

function importInhibition(rule: unknown, path: Path, found: Context) {
  const node = isRecord(rule) ? rule : {};
  const known = new Set(['source_matchers', 'target_matchers', 'source_match', 'source_match_re', 'target_match', 'target_match_re', 'equal']);
  for (const key of Object.keys(node)) if (!known.has(key)) refuse(found, [...path, key], 'inhibition', key);
  return {
    source: matchers(node, 'source_', path, 'inhibition', found),
    target: matchers(node, 'target_', path, 'inhibition', found),
    equal: Array.isArray(node.equal) ? node.equal.map(String) : undefined,
  };
}

function importTimeInterval(interval: unknown, path: Path, names: Names, found: Context) {
  const node = isRecord(interval) ? interval : {};
  const subject = `time interval ${JSON.stringify(node.name)}`;
  const list = Array.isArray(node.time_intervals) ? node.time_intervals : [];
  return {
    name: names.id(String(node.name), [...path, 'name']),
    intervals: list.map((entry, i) => {
      const e = isRecord(entry) ? entry : {};
      const known = new Set(['times', 'weekdays', 'days_of_month', 'months', 'years', 'location']);
      for (const key of Object.keys(e)) if (!known.has(key)) refuse(found, [...path, 'time_intervals', i, key], subject, key);
      const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : undefined);
      return {
        times: Array.isArray(e.times) ? e.times.map((t) => ({ start: str(isRecord(t) ? t.start_time : undefined), end: str(isRecord(t) ? t.end_time : undefined) })) : undefined,
        weekdays: strings(e.weekdays),
        daysOfMonth: strings(e.days_of_month),
        months: strings(e.months),
        years: strings(e.years),
        location: str(e.location),
      };
    }),
  };
}
