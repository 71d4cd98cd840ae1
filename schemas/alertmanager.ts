import { z } from 'zod';
import { credentialFreeUrl, duration, filePath, id, labelName, pattern, positiveDuration, url } from './common.ts';
import { re2Problem } from './regex.ts';
import { recordSource } from './source.ts';

/**
 * An Alertmanager matcher as Alertmanager writes it: `severity="critical"`,
 * `team=~"db|infra"`, `env!="prod"`. The value is always written double-quoted.
 */
export const matcher = pattern(/^[a-zA-Z_][a-zA-Z0-9_]*\s*(?:=~|!~|!=|=)\s*"(?:[^"\\]|\\.)*"$/, 'schema/matcher',
  'must be a matcher such as severity="critical" or team=~"db|infra", with the value in double quotes')
  .superRefine((text, ctx) => {
    const regex = /^[a-zA-Z_][a-zA-Z0-9_]*\s*[=!]~\s*"((?:[^"\\]|\\.)*)"$/.exec(text);
    const problem = regex && re2Problem(regex[1]!.replace(/\\(.)/g, '$1'));
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { code: 'schema/matcher' } });
  });

const sendResolved = { /** @default true for chat and mail, as Alertmanager */ sendResolved: z.boolean().optional() };

/** Slack through an incoming webhook whose URL is read from a file. */
export const slackConfig = z.strictObject({
  /** @example '#genesis-critical' */
  channel: z.string().regex(/^[#@]?[\w.-]+$/, 'must be a Slack channel such as #alerts'),
  /** File holding the incoming-webhook URL. @default the global slackApiUrlFile */
  apiUrlFile: filePath.optional(),
  /** Go template; @default '{{ template "monac.slack.title" . }}' */
  title: z.string().optional(),
  /** Go template; @default '{{ template "monac.slack.text" . }}' */
  text: z.string().optional(),
  ...sendResolved,
});

/** PagerDuty Events API v2; the routing key is read from a file. */
export const pagerdutyConfig = z.strictObject({
  routingKeyFile: filePath,
  /** PagerDuty severity; @default the alert's severity mapped to critical/error/warning/info */
  severity: z.string().optional(),
  class: z.string().optional(),
  component: z.string().optional(),
  group: z.string().optional(),
  ...sendResolved,
});

/** Email; SMTP settings default to the global ones. */
export const emailConfig = z.strictObject({
  to: z.string().min(3),
  from: z.string().optional(),
  smarthost: z.string().regex(/^[^:\s]+:\d+$/, 'must be host:port').optional(),
  authUsername: z.string().optional(),
  authPasswordFile: filePath.optional(),
  requireTls: z.boolean().optional(),
  /** @default the monac email subject template */
  subject: z.string().optional(),
  ...sendResolved,
});

/** A webhook: the automation endpoint for automated responses and rollbacks. Give `url` or `urlFile`. */
export const webhookConfig = z.strictObject({
  /** The endpoint, when it carries no credential. @example 'http://automation:8080/alerts' */
  url: credentialFreeUrl('write the whole URL into a file and declare urlFile instead (url_file, Alertmanager 0.26 or later)').optional(),
  /** File holding the endpoint's URL, for a URL that carries a token; Alertmanager 0.26 or later. @example '/etc/alertmanager/secrets/automation-url' */
  urlFile: filePath.optional(),
  /** Most alerts sent in one message; 0 is all. */
  maxAlerts: z.int().nonnegative().optional(),
  ...sendResolved,
}).superRefine((config, ctx) => {
  if ((config.url === undefined) === (config.urlFile === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['url'], message: 'give exactly one of url and urlFile', params: { code: 'schema/webhook-url' } });
  }
});

/** Microsoft Teams (native since Alertmanager 0.26); the webhook URL is read from a file. */
export const msteamsConfig = z.strictObject({
  webhookUrlFile: filePath,
  title: z.string().optional(),
  text: z.string().optional(),
  ...sendResolved,
});

/** A receiver: who is told, through which integrations. None at all: the alert is only kept (logged) in Alertmanager. */
export const receiver = z.strictObject({
  name: id,
  slack: z.array(slackConfig).optional(),
  pagerduty: z.array(pagerdutyConfig).optional(),
  email: z.array(emailConfig).optional(),
  webhook: z.array(webhookConfig).optional(),
  msteams: z.array(msteamsConfig).optional(),
});

const timeOfDay = pattern(/^(?:[01]\d|2[0-4]):[0-5]\d$/, 'schema/time', 'must be a time such as 09:00');

/** Whether Alertmanager can load the zone: an IANA name (as the platform's time zone data knows it), UTC, or Local. */
function isTimeZone(name: string): boolean {
  if (name === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A named set of time ranges, used to mute routes or make them active. */
export const timeInterval = z.strictObject({
  name: id,
  intervals: z.array(z.strictObject({
    times: z.array(z.strictObject({ start: timeOfDay, end: timeOfDay })).optional(),
    /** @example ['monday:friday'] */
    weekdays: z.array(z.string().regex(/^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?::(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))?$/, 'must be a weekday or a range such as monday:friday')).optional(),
    daysOfMonth: z.array(z.string().regex(/^-?\d{1,2}(?::-?\d{1,2})?$/, 'must be a day such as 1 or a range such as 1:7')).optional(),
    months: z.array(z.string().regex(/^[a-z0-9]+(?::[a-z0-9]+)?$/, 'must be a month or range such as january:march')).optional(),
    years: z.array(z.string().regex(/^\d{4}(?::\d{4})?$/, 'must be a year or a range such as 2026:2027')).optional(),
    /** IANA time zone. @default 'UTC' */
    location: z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin, or UTC or Local', params: { code: 'schema/time-zone' } }).optional(),
  })).min(1),
});

/** A node of the routing tree. */
export interface RouteInput {
  /** Receiver name; a child without one inherits its parent's. */
  receiver?: string;
  /** Alertmanager matchers; the root route has none. */
  matchers?: string[];
  /** @default inherited; the root's default is ['alertname', 'service'] */
  groupBy?: string[];
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  /** Keep matching the following siblings after this route matched. @default false */
  continue?: boolean;
  muteTimeIntervals?: string[];
  activeTimeIntervals?: string[];
  routes?: RouteInput[];
}

export const route: z.ZodType<RouteInput> = z.lazy(() =>
  z.strictObject({
    receiver: id.optional(),
    matchers: z.array(matcher).optional(),
    groupBy: z.array(z.union([labelName, z.literal('...')])).optional(),
    groupWait: duration.optional(),
    groupInterval: positiveDuration.optional(),
    repeatInterval: positiveDuration.optional(),
    continue: z.boolean().optional(),
    muteTimeIntervals: z.array(id).optional(),
    activeTimeIntervals: z.array(id).optional(),
    routes: z.array(route).optional(),
  }));

/** While an alert matching `source` fires, alerts matching `target` with the same `equal` labels are muted. */
export const inhibitRule = z.strictObject({
  source: z.array(matcher).min(1),
  target: z.array(matcher).min(1),
  equal: z.array(labelName).optional(),
});

/**
 * What the routing must do with an alert: the receivers these labels reach,
 * in route order (what `amtool config routes test` prints), and optionally
 * the alert whose firing mutes this one through the inhibit rules.
 */
export const routingTest = z.strictObject({
  /** The alert's labels. @example { alertname: 'KubePodCrashLooping', severity: 'critical', namespace: 'payments' } */
  labels: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a label name'), z.string()),
  /** Exactly the receivers it reaches, in route order. @example ['payments-oncall'] */
  receivers: z.array(z.string().min(1)).min(1),
  /** The labels of another alert that, while it fires, mutes this one (an inhibit rule's source). @example { alertname: 'NodeDown', severity: 'critical' } */
  mutedWhile: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a label name'), z.string()).optional(),
});

/** Alertmanager: global settings, receivers, the routing tree, inhibitions and time intervals. */
export const alertmanager = z.strictObject({
  global: z.strictObject({
    /** @default '5m' */
    resolveTimeout: positiveDuration.optional(),
    slackApiUrlFile: filePath.optional(),
    smtp: z.strictObject({
      smarthost: z.string().regex(/^[^:\s]+:\d+$/, 'must be host:port'),
      from: z.string().min(3),
      authUsername: z.string().optional(),
      authPasswordFile: filePath.optional(),
      /** @default true */
      requireTls: z.boolean().optional(),
    }).optional(),
  }).optional(),
  receivers: z.array(receiver).min(1),
  route: route,
  inhibitRules: z.array(inhibitRule).optional(),
  /** Routing expectations, checked at build time against the routing table and the inhibit rules. */
  routingTests: z.array(routingTest).optional(),
  timeIntervals: z.array(timeInterval).optional(),
  /**
   * Notification templates of your own, by file name: Go templates
   * (`{{ define "team.slack.title" }}...{{ end }}`) written beside the
   * language's monac.tmpl and loaded with it, for receivers' titles and texts to use.
   * @example { 'payments.tmpl': '{{ define "payments.title" }}[{{ .Status }}] {{ .CommonLabels.alertname }}{{ end }}' }
   */
  templates: z.record(
    pattern(/^(?!monac\.tmpl$)[a-z0-9][a-z0-9._-]*\.tmpl$/, 'schema/template-file', 'must be a file name ending in .tmpl (monac.tmpl is the language\'s own)'),
    z.string().min(1),
  ).optional(),
});

export type AlertmanagerInput = z.input<typeof alertmanager>;
export type ReceiverInput = z.input<typeof receiver>;

/** Declares the Alertmanager configuration; the project takes it as `alertmanager`. */
export function defineAlertmanager(input: AlertmanagerInput): AlertmanagerInput {
  return recordSource({ ...input });
}
