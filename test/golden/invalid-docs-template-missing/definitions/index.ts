import { defineProject, defineService } from '#schemas';

const api = defineService({ id: 'api', team: 'web', endpoints: [{ job: 'api', targets: ['api:8000'] }] });

export default defineProject({
  name: 'invalid-docs-template-missing',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  docs: { templates: { index: 'templates/no-such-index.hbs' } },
  services: [api],
});
