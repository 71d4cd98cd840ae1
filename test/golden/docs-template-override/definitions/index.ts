import { defineProject, defineService } from '#schemas';

const shop = defineService({ id: 'shop', team: 'web', endpoints: [{ job: 'shop', targets: ['shop:8080'] }] });

/** A project that writes its own maintenance page; the other pages stay the built-in ones. */
export default defineProject({
  name: 'docs-template-override',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  docs: { templates: { maintenance: 'templates/maintenance.hbs' } },
  services: [shop],
});
