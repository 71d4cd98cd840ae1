/**
 * The synthetic estate of `npm run bench`, apart from the bench so that a
 * definitions folder can import it without the compiler: it needs only the
 * declaration language, as a user's definitions do.
 */
import { blackboxProbe, defineProject, defineService, defineSlo, errorRatioAlert, nodeExporter } from '../schemas/index.ts';

/** What a responder does; every alert and SLO carries one, as the estate's critical alerts do. */
const runbook = (id: string) => ({
  diagnosis: [`Check the ${id} dashboard`, `\`kubectl -n ${id} get pods\``],
  mitigation: [`Roll back the last deployment of ${id}`, 'Scale out when the pods are saturated'],
});

/** An estate of `size` services, each with three jobs, a recording rule and two tested alerts with runbooks; every tenth with an SLO. */
export function syntheticProject(size: number) {
  const services = Array.from({ length: size }, (_, i) => {
    const id = `service-${String(i).padStart(5, '0')}`;
    return defineService({
      id,
      team: `team-${i % 20}`,
      labels: { tier: i % 10 === 0 ? 'critical' : 'standard' },
      endpoints: [
        { job: id, targets: [`${id}-0:8000`, `${id}-1:8000`], interval: i % 10 === 0 ? '5s' : '15s', relabel: [{ sourceLabels: ['__address__'], regex: '(.*):.*', targetLabel: 'host' }] },
        nodeExporter({ job: `${id}-node`, targets: [`${id}-0:9100`, `${id}-1:9100`] }),
        blackboxProbe({ job: `${id}-ready`, prober: 'blackbox:9115', urls: [`http://${id}-0:8000/health/ready`] }),
      ],
      metrics: { http_requests_total: 'counter' },
      ruleGroups: [{
        name: id,
        records: [{ record: 'job:http_requests:rate5m', expr: `sum by (job) (rate(http_requests_total{job="${id}"}[5m]))` }],
        alerts: [
          errorRatioAlert({
            alert: 'HighErrorRate', errors: `http_requests_total{job="${id}", code=~"5.."}`, total: `http_requests_total{job="${id}"}`,
            above: 0.05, by: ['job'], for: '5m', severity: 'critical', summary: 'Errors at {{ $value | humanizePercentage }}', runbook: runbook(id),
            tests: [
              { name: 'fires', series: { [`http_requests_total{job="${id}", code="500"}`]: '0+6x20', [`http_requests_total{job="${id}", code="200"}`]: '0+54x20' }, at: '15m', fires: [{ labels: { job: id }, annotations: { summary: 'Errors at 10%' } }] },
              { name: 'quiet', series: { [`http_requests_total{job="${id}", code="200"}`]: '0+54x20' }, at: '15m', fires: [] },
            ],
          }),
          { alert: 'Down', expr: `up{job="${id}"} == 0`, for: '1m', severity: 'critical', summary: 'Down', runbook: runbook(id) },
        ],
      }],
      slos: i % 10 === 0
        ? [defineSlo({ id: `${id}-availability`, objective: 99.9, runbook: runbook(id), sli: { events: { errors: `http_requests_total{job="${id}", code=~"5.."}`, total: `http_requests_total{job="${id}"}` } } })]
        : [],
    });
  });
  return defineProject({
    name: 'bench',
    targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
    prometheus: { alertmanagers: [{ targets: ['alertmanager:9093'] }], retention: { time: '30d' } },
    links: { runbooks: 'https://runbooks.example.org', grafana: 'https://grafana.example.org' },
    grafana: { datasource: { url: 'http://prometheus:9090' } },
    lint: { 'alert/untested': 'off' },
    services,
  });
}
