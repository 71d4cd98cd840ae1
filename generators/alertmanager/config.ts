import type { alertmanager as alertmanagerSchema, RouteInput } from '../../schemas/alertmanager.ts';
import type { z } from 'zod';
import { formatMatcher, parseMatcher } from '../model/matchers.ts';
import { templateNames, TEMPLATE_FILE, use } from './templates.ts';

type Config = z.output<typeof alertmanagerSchema>;
type Receiver = Config['receivers'][number];

const canonical = (matchers: readonly string[] | undefined) => matchers?.map((m) => formatMatcher(parseMatcher(m)));

/** alertmanager.yml. */
export function alertmanagerConfig(config: Config) {
  const { global, route, receivers, inhibitRules, timeIntervals } = config;
  return {
    global: global && {
      resolve_timeout: global.resolveTimeout,
      slack_api_url_file: global.slackApiUrlFile,
      smtp_smarthost: global.smtp?.smarthost,
      smtp_from: global.smtp?.from,
      smtp_auth_username: global.smtp?.authUsername,
      smtp_auth_password_file: global.smtp?.authPasswordFile,
      smtp_require_tls: global.smtp?.requireTls,
    },
    templates: [TEMPLATE_FILE, ...Object.keys(config.templates ?? {}).sort().map((name) => `templates/${name}`)],
    route: routeConfig({ groupBy: ['alertname', 'service'], ...route }),
    receivers: [...receivers].sort((a, b) => (a.name < b.name ? -1 : 1)).map(receiverConfig),
    inhibit_rules: inhibitRules?.map((rule) => ({
      source_matchers: canonical(rule.source),
      target_matchers: canonical(rule.target),
      equal: rule.equal,
    })),
    time_intervals: timeIntervals && [...timeIntervals].sort((a, b) => (a.name < b.name ? -1 : 1)).map((interval) => ({
      name: interval.name,
      time_intervals: interval.intervals.map((i) => ({
        times: i.times?.map((t) => ({ start_time: t.start, end_time: t.end })),
        weekdays: i.weekdays,
        days_of_month: i.daysOfMonth,
        months: i.months,
        years: i.years,
        location: i.location,
      })),
    })),
  };
}

/** Routes keep their declared order: Alertmanager matches children in order. */
function routeConfig(route: RouteInput): Record<string, unknown> {
  return {
    receiver: route.receiver,
    matchers: canonical(route.matchers),
    group_by: route.groupBy,
    group_wait: route.groupWait,
    group_interval: route.groupInterval,
    repeat_interval: route.repeatInterval,
    continue: route.continue || undefined,
    mute_time_intervals: route.muteTimeIntervals,
    active_time_intervals: route.activeTimeIntervals,
    routes: route.routes?.map(routeConfig),
  };
}

function receiverConfig(receiver: Receiver) {
  return {
    name: receiver.name,
    slack_configs: receiver.slack?.map((c) => ({
      channel: c.channel,
      api_url_file: c.apiUrlFile,
      title: c.title ?? use(templateNames.slackTitle),
      text: c.text ?? use(templateNames.slackText),
      send_resolved: c.sendResolved ?? true,
    })),
    pagerduty_configs: receiver.pagerduty?.map((c) => ({
      routing_key_file: c.routingKeyFile,
      severity: c.severity ?? use(templateNames.pagerdutySeverity),
      class: c.class,
      component: c.component,
      group: c.group,
      send_resolved: c.sendResolved ?? true,
    })),
    email_configs: receiver.email?.map((c) => ({
      to: c.to,
      from: c.from,
      smarthost: c.smarthost,
      auth_username: c.authUsername,
      auth_password_file: c.authPasswordFile,
      require_tls: c.requireTls,
      headers: { Subject: c.subject ?? use(templateNames.emailSubject) },
      html: use(templateNames.emailHtml),
      send_resolved: c.sendResolved ?? false,
    })),
    webhook_configs: receiver.webhook?.map((c) => ({ url: c.url, url_file: c.urlFile, max_alerts: c.maxAlerts, send_resolved: c.sendResolved ?? true })),
    msteams_configs: receiver.msteams?.map((c) => ({
      webhook_url_file: c.webhookUrlFile,
      title: c.title ?? use(templateNames.msteamsTitle),
      text: c.text ?? use(templateNames.msteamsText),
      send_resolved: c.sendResolved ?? true,
    })),
  };
}
