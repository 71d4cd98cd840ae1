import { defineProject, defineService } from '#schemas';

const fleet = defineService({
  id: 'fleet',
  team: 'platform',
  labels: { env: 'prod' },
  endpoints: [
    {
      job: 'fleet',
      fileSd: { files: ['targets/fleet-*.json'], refreshInterval: '1m' },
      relabel: [
        { sourceLabels: ['__meta_filepath'], regex: '.*/fleet-(.*)\\.json', targetLabel: 'zone' },
        { sourceLabels: ['zone'], regex: 'staging', action: 'drop' },
        { sourceLabels: ['__address__'], modulus: 4, targetLabel: '__tmp_hash', action: 'hashmod' },
        { sourceLabels: ['zone'], targetLabel: 'zone', action: 'lowercase' },
      ],
      metricRelabel: [{ sourceLabels: ['__name__'], regex: 'go_gc_.*', action: 'drop' }],
      sampleLimit: 50000,
      honorLabels: true,
    },
  ],
});

export default defineProject({
  name: 'scrape-file-sd-relabel',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [fleet],
});
