import type { RouteInput } from '../../schemas/alertmanager.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { compareVersions } from '../core/features.ts';
import { locateSite } from '../core/locate.ts';
import type { AlertmanagerModel, Model, Site } from '../core/model.ts';
import { joinSubject } from '../core/schema-issues.ts';
import { matches, parseMatcher } from '../model/matchers.ts';
import { routeLabels, routeTree } from '../model/routing.ts';

/** Microsoft Teams is native from 0.26; its webhook_url_file, which keeps the URL out of the output, from 0.27. */
export const MSTEAMS_SINCE = '0.27.0';

/** A webhook's url_file, which keeps a URL that carries a token out of the output, from 0.26. */
export const WEBHOOK_URL_FILE_SINCE = '0.26.0';

function error(site: Site, field: readonly PropertyKey[], code: string, message: string): Diagnostic {
  return { severity: 'error', code, location: locateSite(site, field), subject: joinSubject(site.subject, field), message };
}

/** What amtool check-config would reject, and what it would not but is still wrong. */
export function checkAlertmanager(model: Model): Diagnostic[] {
  const am = model.project.alertmanager;
  if (!am) return [];
  const { config, site } = am;
  const receivers = new Set(config.receivers.map((r) => r.name));
  const intervals = new Set((config.timeIntervals ?? []).map((t) => t.name));
  return [
    ...duplicateNames(site, 'receivers', config.receivers.map((r) => r.name)),
    ...duplicateNames(site, 'timeIntervals', (config.timeIntervals ?? []).map((t) => t.name)),
    ...(config.route.receiver ? [] : [error(site, ['route'], 'route/no-receiver', 'the root route needs a receiver: it is the default')]),
    ...((config.route.matchers ?? []).length > 0 ? [error(site, ['route', 'matchers'], 'route/root-matchers', 'the root route must not have matchers; every alert enters it')] : []),
    ...walk(config.route, ['route']).flatMap(({ route, path }) => [
      // Stryker disable next-line ArrayDeclaration: equivalent; a groupBy of no label and one of a single label both hold no duplicate.
      ...groupBy(site, route.groupBy ?? [], [...path, 'groupBy']),
      ...(route.receiver && !receivers.has(route.receiver) ? [error(site, [...path, 'receiver'], 'route/unknown-receiver', `no receiver is called ${JSON.stringify(route.receiver)}; declared: ${[...receivers].sort().join(', ')}`)] : []),
      ...(['muteTimeIntervals', 'activeTimeIntervals'] as const).flatMap((key) =>
        (route[key] ?? []).map((name, i) => ({ name, i })).filter(({ name }) => !intervals.has(name)).map(({ name, i }) =>
          error(site, [...path, key, i], 'route/unknown-time-interval', `no time interval is called ${JSON.stringify(name)}`))),
    ]),
    ...checkIntegrations(config, site),
    ...checkRoutingTests(model),
    ...checkInhibitLabels(model),
    ...checkVersion(model),
  ];
}

/**
 * The declared routing expectations: the receivers each label set reaches, by
 * Alertmanager's matching (the routing table), and the alert that mutes it.
 */
function checkRoutingTests(model: Model): Diagnostic[] {
  const am = model.project.alertmanager!;
  const root = routeTree(model);
  if (!root) return [];
  const show = (labels: Readonly<Record<string, string>>) => `{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
  return (am.config.routingTests ?? []).flatMap((expectation, i) => {
    const found: Diagnostic[] = [];
    const actual = routeLabels(root, expectation.labels);
    if (actual.join(',') !== expectation.receivers.join(',')) {
      found.push(error(am.site, ['routingTests', i, 'receivers'], 'route/expectation',
        `an alert ${show(expectation.labels)} reaches ${actual.join(', ')}, not ${expectation.receivers.join(', ')}`));
    }
    if (expectation.mutedWhile && !inhibits(am.config.inhibitRules ?? [], expectation.mutedWhile, expectation.labels)) {
      found.push(error(am.site, ['routingTests', i, 'mutedWhile'], 'route/expectation',
        `no inhibit rule mutes an alert ${show(expectation.labels)} while an alert ${show(expectation.mutedWhile)} fires`));
    }
    return found;
  });
}

/**
 * Alertmanager's inhibition: a rule whose source matches the firing alert and
 * whose target matches the other, with the `equal` labels equal (absent counts
 * as empty). An alert that matches both sides of a rule is not muted by one
 * that matches both too, so no alert mutes itself.
 */
export function inhibits(rules: NonNullable<AlertmanagerModel['config']['inhibitRules']>, source: Readonly<Record<string, string>>, target: Readonly<Record<string, string>>): boolean {
  return rules.some((rule) => {
    const side = (matchers: readonly string[], labels: Readonly<Record<string, string>>) => matchers.every((m) => matches(parseMatcher(m), labels));
    const both = (labels: Readonly<Record<string, string>>) => side(rule.source, labels) && side(rule.target, labels);
    return side(rule.source, source)
      && side(rule.target, target)
      && (rule.equal ?? []).every((label) => (source[label] ?? '') === (target[label] ?? ''))
      && !(both(source) && both(target));
  });
}

/** Settings Alertmanager needs from the global section when an integration leaves them out: amtool refuses the file otherwise. */
function checkIntegrations(config: AlertmanagerModel['config'], site: Site): Diagnostic[] {
  const smtp = config.global?.smtp;
  return config.receivers.flatMap((receiver, r) => [
    ...(receiver.email ?? []).flatMap((email, i) => [
      ...(email.smarthost ?? smtp?.smarthost ? [] : [error(site, ['receivers', r, 'email', i], 'alertmanager/email-smtp', 'an email integration needs an SMTP smarthost: set global.smtp or smarthost here')]),
      ...(email.from ?? smtp?.from ? [] : [error(site, ['receivers', r, 'email', i], 'alertmanager/email-smtp', 'an email integration needs a sender: set global.smtp.from or from here')]),
    ]),
    ...(receiver.slack ?? []).flatMap((slack, i) => (slack.apiUrlFile ?? config.global?.slackApiUrlFile
      ? []
      : [error(site, ['receivers', r, 'slack', i], 'alertmanager/slack-url', 'a Slack integration needs its webhook URL: set global.slackApiUrlFile or apiUrlFile here')])),
  ]);
}

/** Alertmanager refuses a label twice in group_by, and `...` beside other labels. */
function groupBy(site: Site, labels: readonly string[], path: PropertyKey[]): Diagnostic[] {
  return [
    ...labels.flatMap((label, i) => (labels.indexOf(label) < i ? [error(site, [...path, i], 'route/group-by', `label ${JSON.stringify(label)} is already in groupBy`)] : [])),
    ...(labels.includes('...') && labels.length > 1 ? [error(site, path, 'route/group-by', "'...' groups by every label: it takes no other labels beside it")] : []),
  ];
}

function walk(route: RouteInput, path: PropertyKey[]): { route: RouteInput; path: PropertyKey[] }[] {
  return [{ route, path }, ...(route.routes ?? []).flatMap((child, i) => walk(child, [...path, 'routes', i]))];
}

function duplicateNames(site: Site, field: string, names: readonly string[]): Diagnostic[] {
  return names.flatMap((name, i) => (names.indexOf(name) < i ? [error(site, [field, i, 'name'], 'alertmanager/duplicate-name', `${JSON.stringify(name)} is declared twice`)] : []));
}

/** Labels alerts can carry: alertname, every rule label, and the labels their tests show coming from the data. */
function knownLabels(model: Model): Set<string> {
  const labels = new Set(['alertname', 'job', 'instance']);
  for (const service of model.services) {
    for (const alert of service.ruleGroups.flatMap((g) => g.alerts)) {
      Object.keys(alert.labels).forEach((l) => labels.add(l));
      alert.tests.flatMap((t) => t.fires).forEach((f) => Object.keys(f.labels ?? {}).forEach((l) => labels.add(l)));
    }
  }
  return labels;
}

function checkInhibitLabels(model: Model): Diagnostic[] {
  const { config, site } = model.project.alertmanager!;
  const known = knownLabels(model);
  return (config.inhibitRules ?? []).flatMap((rule, i) => [
    ...(['source', 'target'] as const).flatMap((side) => rule[side].map((m, j) => ({ label: parseMatcher(m).label, field: [side, j] }))),
    ...(rule.equal ?? []).map((label, j) => ({ label, field: ['equal', j] })),
  ]
    .filter(({ label }) => !known.has(label))
    .map(({ label, field }) => error(site, ['inhibitRules', i, ...field], 'inhibit/unknown-label', `no alert carries the label ${label}, so this inhibition can never apply`)));
}

function checkVersion(model: Model): Diagnostic[] {
  const { config, site } = model.project.alertmanager!;
  const version = model.project.targets.alertmanager;
  const teams = compareVersions(version, MSTEAMS_SINCE) >= 0 ? [] : config.receivers.flatMap((receiver, i) =>
    receiver.msteams ? [error(site, ['receivers', i, 'msteams'], 'version/alertmanager', `Microsoft Teams receivers need Alertmanager ${MSTEAMS_SINCE} or later (msteams_configs with webhook_url_file); the project targets ${version}`)] : []);
  const urlFiles = compareVersions(version, WEBHOOK_URL_FILE_SINCE) >= 0 ? [] : config.receivers.flatMap((receiver, i) => (receiver.webhook ?? []).flatMap((webhook, j) =>
    webhook.urlFile ? [error(site, ['receivers', i, 'webhook', j, 'urlFile'], 'version/alertmanager', `a webhook's urlFile (url_file) needs Alertmanager ${WEBHOOK_URL_FILE_SINCE} or later; the project targets ${version}, which reads a webhook URL only inline: raise targets.alertmanager, or give a url that carries no credential`)] : []));
  return [...teams, ...urlFiles];
}
