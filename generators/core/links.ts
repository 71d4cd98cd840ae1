import { createHash } from 'node:crypto';

/** Grafana's limit on dashboard uids. */
const UID_MAX = 40;

/** A stable Grafana uid for a dashboard id: the id itself, or a cut id with a hash when it is too long. */
export function dashboardUid(id: string): string {
  if (id.length <= UID_MAX) return id;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `${id.slice(0, UID_MAX - 9)}-${hash}`;
}

/** The runbook section of an alert: one page per service, one section per alert. */
export function runbookUrl(base: string, service: string, alert: string): string {
  return `${base.replace(/\/$/, '')}/${service}.md#${alert.toLowerCase()}`;
}

/** A dashboard's path in Grafana, opened with the given variables set (`/d/api?var-service=api`). */
export function dashboardPath(dashboardId: string, vars: Readonly<Record<string, string>> = {}): string {
  const query = Object.entries(vars).map(([name, value]) => `var-${name}=${encodeURIComponent(value)}`).join('&');
  return `/d/${dashboardUid(dashboardId)}${query ? `?${query}` : ''}`;
}

export function dashboardUrl(grafana: string, dashboardId: string, vars: Readonly<Record<string, string>> = {}): string {
  return `${grafana.replace(/\/$/, '')}${dashboardPath(dashboardId, vars)}`;
}
