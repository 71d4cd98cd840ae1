import { defineProject, defineService } from '#schemas';

const api = defineService({ id: 'api', team: 'shop', endpoints: [{ job: 'api', targets: ['api:8000'], kubernetes: { namespace: 'shop', selector: { app: 'api' }, port: 'http' } }] });

/** The operator's release decides which fields its objects may carry: it must be declared. */
export default defineProject({
  name: 'invalid-delivery-operator-unversioned',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  delivery: { prometheusOperator: { selectorLabels: { release: 'kube-prometheus-stack' } } },
  services: [api],
});
