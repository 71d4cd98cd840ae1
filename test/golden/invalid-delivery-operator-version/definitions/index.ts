import { defineAlert, defineProject, defineService } from '#schemas';

const up = 'up{job="api", instance="api:8000"}';
const apiDown = defineAlert({
  alert: 'ApiDown', expr: 'up{job="api"} == 0', for: '1m', keepFiringFor: '5m', severity: 'critical', summary: 'The API is down',
  runbookUrl: 'https://runbooks.example.org/api#apidown', runbook: { mitigation: ['Roll back.'] },
  tests: [{ name: 'fires when down', series: { [up]: '0x5' }, at: '4m', fires: [{ labels: { job: 'api', instance: 'api:8000' } }] }],
});

/** The cluster runs prometheus-operator 0.63: no group limit, no keep_firing_for, no keepDroppedTargets, no keepequal. */
const api = defineService({
  id: 'api',
  team: 'shop',
  endpoints: [{
    job: 'api',
    targets: ['api:8000'],
    kubernetes: { namespace: 'shop', selector: { app: 'api' }, port: 'http' },
    keepDroppedTargets: 10,
    relabel: [{ sourceLabels: ['__meta_kubernetes_pod_label_app'], targetLabel: 'app', action: 'keepequal' }],
  }],
  ruleGroups: [{ name: 'api', limit: 5, alerts: [apiDown] }],
});

export default defineProject({
  name: 'invalid-delivery-operator-version',
  targets: { prometheus: '2.47.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30', prometheusOperator: '0.63.0' },
  delivery: { prometheusOperator: {} },
  services: [api],
});
