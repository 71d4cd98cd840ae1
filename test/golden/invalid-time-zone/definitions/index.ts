import { defineAlertmanager, defineProject, defineService } from '#schemas';

const api = defineService({ id: 'api', team: 'web', endpoints: [{ job: 'api', targets: ['api:8000'] }] });

const alertmanager = defineAlertmanager({
  receivers: [{ name: 'default' }],
  route: { receiver: 'default', muteTimeIntervals: ['nights'] },
  // amtool refuses a zone its time zone data does not know.
  timeIntervals: [{ name: 'nights', intervals: [{ times: [{ start: '22:00', end: '24:00' }], location: 'Europe/Atlantis' }] }],
});

export default defineProject({
  name: 'invalid-time-zone',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  alertmanager,
  services: [api],
});
