import { defineProject, definePack } from '#schemas';

const misspelt = definePack({
  name: 'upstream',
  from: 'vendor/up',
  team: 'platform',
  drop: ['UpstreamHeartbaet'],
  alerts: { UpstreamTargetDwn: { for: '10m' } },
  records: {
    'job:up:sum': { interval: '1m' },
    'job:up:count': { interval: '2m' },
  },
  selector: 'cluster=prod',
});

const badKey = definePack({
  name: 'bad-key',
  from: 'vendor/up',
  team: 'platform',
  alerts: { 'Upstream Target Down': { for: '10m' } },
});

const outside = definePack({
  name: 'outside',
  from: '../..',
  team: 'platform',
});

export default defineProject({
  name: 'invalid-pack',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [],
  packs: [misspelt, badKey, outside],
});
