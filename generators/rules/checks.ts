import type { Diagnostic } from '../core/diagnostic.ts';
import { locateSite } from '../core/locate.ts';
import type { Model } from '../core/model.ts';
import { joinSubject } from '../core/schema-issues.ts';

/** The cluster label is an external label: Prometheus adds it to what it sends, so the ruler's series carry it. */
export function checkEvaluation(model: Model): Diagnostic[] {
  const label = model.project.rules.clusterLabel;
  if (!label || label in model.project.prometheus.externalLabels) return [];
  const site = model.project.site;
  return [{
    severity: 'error',
    code: 'rules/cluster-label',
    location: locateSite(site, ['rules', 'clusterLabel']),
    subject: joinSubject(site.subject, ['rules', 'clusterLabel']),
    message: `${label} is not one of prometheus.externalLabels (${Object.keys(model.project.prometheus.externalLabels).join(', ') || 'none declared'}): declare it there, with this cluster's value`,
  }];
}
