import { blackboxProbe, defineProject, defineService, defineSlo } from '#schemas';

const uptime = defineSlo({
  id: 'portal-uptime',
  description: 'Share of blackbox probes of the portal that succeed',
  objective: 99.5,
  period: '28d',
  sli: { availability: { metric: 'probe_success', matchers: { job: 'portal-ready' } } },
  noDataFor: '10m',
  tiers: { fastTicket: false },
});

const portal = defineService({
  id: 'portal',
  team: 'web',
  endpoints: [blackboxProbe({ job: 'portal-ready', prober: 'blackbox:9115', urls: ['http://portal:8080/health/ready'] })],
  slos: [uptime],
});

export default defineProject({
  name: 'slo-availability-probe',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  links: { runbooks: 'https://runbooks.example.org' },
  services: [portal],
});
