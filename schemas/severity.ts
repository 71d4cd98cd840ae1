/** Severity tiers of the seeds: critical pages (P0-P1), high goes to on-call, warning (P2-P3) to chat and mail, info (P4) is logged. */
export const severities = ['critical', 'high', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];
