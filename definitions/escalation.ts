import { defineEscalation } from '#schemas';

/** The seeds' incident classes: P0-P3 from the GENESIS runbook, P4 from the 48-hour watch. */
const classes = [
  { name: 'P0', meaning: 'Complete service outage (more than 30 seconds down)', severities: ['critical' as const], response: 'War room call at once; status page within 5 minutes; all hands until resolved; post-mortem within 48 hours' },
  { name: 'P1', meaning: 'Severe degradation (over 50% errors or over 10 s latency)', severities: ['critical' as const], response: 'Respond within 5 minutes' },
  { name: 'P2', meaning: 'Moderate impact: the SLA at risk but not breached', severities: ['high' as const, 'warning' as const], response: 'Respond within 30 minutes' },
  { name: 'P3', meaning: 'Minor issues (monitoring anomalies)', severities: ['warning' as const], response: 'Respond within 30 minutes' },
  { name: 'P4', meaning: 'Informational', severities: ['info' as const], response: 'Review the next business day' },
];

/** The seeds' escalation matrix for GENESIS: on-call, senior engineer, engineering manager. */
export const genesisEscalation = defineEscalation({
  team: 'genesis',
  levels: [
    { name: 'Primary', who: 'On-call engineer', receivers: ['genesis-critical', 'genesis-oncall'], respondWithin: '5m', escalateAfter: '30m', responsibilities: 'Initial response, basic troubleshooting' },
    { name: 'Secondary', who: 'Senior engineer', contact: 'the on-call phone bridge', respondWithin: '15m', escalateAfter: '1h', responsibilities: 'Complex troubleshooting, architecture decisions' },
    { name: 'Tertiary', who: 'Engineering manager', contact: 'phone (emergency contacts list)', respondWithin: '30m', escalateAfter: '2h', responsibilities: 'Resource allocation, customer communication; the CTO for P0 incidents after 2 hours' },
  ],
  classes,
});

/** Autonomica's channels (the urgent mail and Slack channel first), with the 48-hour watch's response times. */
export const autonomicaEscalation = defineEscalation({
  team: 'autonomica',
  levels: [
    { name: 'Primary', who: 'Autonomica on-call engineer', receivers: ['autonomica-urgent'], respondWithin: '5m', escalateAfter: '30m', responsibilities: 'Critical alerts: first response' },
    { name: 'Team', who: 'Autonomica team', receivers: ['autonomica-team'], respondWithin: '30m', escalateAfter: '2h', responsibilities: 'Warnings, follow-up work' },
  ],
  classes,
});

/** Everything else (the monitoring stack, the cluster): the monitoring admins. */
export const platformEscalation = defineEscalation({
  levels: [
    { name: 'Primary', who: 'Monitoring admins', receivers: ['monitoring-admins'], respondWithin: '15m', escalateAfter: '1h', responsibilities: 'The monitoring stack itself: Prometheus, Alertmanager, exporters' },
    { name: 'Secondary', who: 'Senior engineer on GENESIS on-call', receivers: ['genesis-oncall'], respondWithin: '15m', responsibilities: 'When alerts may be lost or late' },
  ],
  classes,
});
