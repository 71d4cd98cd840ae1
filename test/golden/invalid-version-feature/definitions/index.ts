import { defineProject, defineService } from '#schemas';

const api = defineService({
  id: 'api',
  team: 'web',
  endpoints: [
    {
      job: 'api',
      targets: ['api:8000'],
      keepDroppedTargets: 100,
      relabel: [{ sourceLabels: ['__address__'], targetLabel: 'instance', action: 'keepequal' }],
    },
  ],
});

export default defineProject({
  name: 'invalid-version-feature',
  targets: { prometheus: '2.40.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [api],
});
