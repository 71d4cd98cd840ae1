import type { ReceiverInput } from '../../schemas/alertmanager.ts';
import type { Severity } from '../../schemas/severity.ts';
import type { Model } from '../core/model.ts';

/** Where out/docs/ keeps each page; runbook pages are what `links.runbooks` points at. */
export const paths = {
  index: 'docs/README.md',
  runbook: (service: string) => `docs/runbooks/${service}.md`,
  escalation: 'docs/escalation.md',
  maintenance: 'docs/maintenance.md',
  routing: 'docs/routing.md',
} as const;

/** amtool's own default, for projects that do not say where Alertmanager answers. */
const ALERTMANAGER_URL = 'http://localhost:9093';

/** The seeds' tiers, as docs/rules-and-promql.md states them. */
export const severityMeaning: Readonly<Record<Severity, string>> = {
  critical: 'pages the on-call engineer at once (P0-P1)',
  high: 'goes to the on-call engineer, who answers within 15 minutes',
  warning: 'goes to the team in chat and mail, handled in working hours (P2-P3)',
  info: 'is only kept in Alertmanager, for the record (P4)',
};

/** The documented amtool commands: a silence for `matchers` lasting the project's silence duration, and the command that expires it. */
export function silenceCommands(model: Model, matchers: string, comment: string): { silence: string; expire: string } {
  const url = model.project.links.alertmanager ?? ALERTMANAGER_URL;
  return {
    silence: `amtool silence add --alertmanager.url=${url} --duration=${model.project.docs.silenceDuration} --comment="${comment}" ${matchers}`,
    expire: `amtool silence expire --alertmanager.url=${url} $(amtool silence query --alertmanager.url=${url} -q ${matchers})`,
  };
}

/** One route that takes an alert: who it reaches and when. */
export interface NotifyView {
  /** The labels that tell the alert's rules apart, when it has several. */
  readonly rule: string;
  readonly receiver: string;
  readonly integrations: string;
  readonly via: string;
  readonly groupBy: string;
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
  readonly mute: string;
  readonly active: string;
}

/** A receiver's integrations in words, never its credentials. */
export function integrationsOf(receiver: ReceiverInput): string[] {
  return [
    ...(receiver.slack ?? []).map((s) => `Slack ${s.channel}`),
    ...(receiver.pagerduty ?? []).map(() => 'PagerDuty (Events API v2)'),
    ...(receiver.email ?? []).map((e) => `email to \`${e.to}\``),
    ...(receiver.webhook ?? []).map((w) => (w.url ? `webhook \`${w.url}\`` : `webhook (its URL read from \`${w.urlFile}\`)`)),
    ...(receiver.msteams ?? []).map(() => 'Microsoft Teams'),
  ].concat(Object.keys(receiver).length === 1 ? ['none: kept in Alertmanager only'] : []);
}
