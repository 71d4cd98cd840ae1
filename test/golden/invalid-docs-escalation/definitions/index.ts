import { defineAlertmanager, defineEscalation, defineProject, defineService } from '#schemas';

const api = defineService({ id: 'api', team: 'web', endpoints: [{ job: 'api', targets: ['api:8000'] }] });

const alertmanager = defineAlertmanager({ receivers: [{ name: 'default' }, { name: 'pager' }], route: { receiver: 'default' } });

const web = defineEscalation({
  team: 'web',
  levels: [{ name: 'Primary', who: 'On-call', receivers: ['pager', 'pagerduty'], respondWithin: '5m' }],
});

const again = defineEscalation({
  team: 'web',
  levels: [{ name: 'Primary', who: 'Web lead', respondWithin: '15m' }],
});

export default defineProject({
  name: 'invalid-docs-escalation',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  alertmanager,
  escalation: [web, again],
  // An unclosed {{#each}}: Handlebars cannot compile it.
  docs: { templates: { runbook: 'templates/runbook.hbs' } },
  services: [api],
});
