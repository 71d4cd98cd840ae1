/**
 * Features that appeared in a given release of a target system. The
 * validator reports a declaration that needs a newer release than the
 * project targets; generators pick the spelling the target understands.
 */
export const prometheusFeatures = {
  'relabel-case-actions': { since: '2.36.0', what: 'relabel actions lowercase and uppercase', relabelActions: ['lowercase', 'uppercase'] },
  'relabel-equal-actions': { since: '2.41.0', what: 'relabel actions keepequal and dropequal', relabelActions: ['keepequal', 'dropequal'] },
  'keep-dropped-targets': { since: '2.47.0', what: 'keep_dropped_targets' },
  'retention-in-config': { since: '3.8.0', what: 'storage.tsdb.retention in prometheus.yml' },
} as const satisfies Record<string, { since: string; what: string; relabelActions?: readonly string[] }>;

export type PrometheusFeature = keyof typeof prometheusFeatures;

/** Compares dotted versions numerically: `2.9.0` < `2.42.0`. */
export function compareVersions(a: string, b: string): number {
  const [pa, pb] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** The feature a relabel action needs, if any. */
export function relabelActionFeature(action: string): PrometheusFeature | undefined {
  return (Object.keys(prometheusFeatures) as PrometheusFeature[]).find((feature) => {
    const entry = prometheusFeatures[feature];
    return 'relabelActions' in entry && (entry.relabelActions as readonly string[]).includes(action);
  });
}

export function supportsPrometheus(version: string, feature: PrometheusFeature): boolean {
  return compareVersions(version, prometheusFeatures[feature].since) >= 0;
}
