import { defineProject } from '#schemas';

// The project is built but never exported as the default.
export const project = defineProject({
  name: 'invalid-load-no-project',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [],
});
