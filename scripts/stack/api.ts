/** What the stack asks the running Prometheus and Alertmanager (their HTTP APIs). */

async function get<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${response.statusText}`);
  return (await response.json()) as T;
}

export interface Target {
  readonly labels: Record<string, string>;
  readonly health: 'up' | 'down' | 'unknown';
  readonly lastError: string;
}

export async function targets(prometheus: string): Promise<Target[]> {
  const body = await get<{ data: { activeTargets: Target[] } }>(`${prometheus}/api/v1/targets?state=active`);
  return body.data.activeTargets;
}

export interface RuleGroup {
  readonly name: string;
  readonly file: string;
  readonly rules: { name: string; health: string; lastError?: string; type: 'alerting' | 'recording' }[];
}

export async function ruleGroups(prometheus: string): Promise<RuleGroup[]> {
  const body = await get<{ data: { groups: RuleGroup[] } }>(`${prometheus}/api/v1/rules`);
  return body.data.groups;
}

export interface PrometheusAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly state: 'pending' | 'firing';
}

export async function prometheusAlerts(prometheus: string): Promise<PrometheusAlert[]> {
  const body = await get<{ data: { alerts: PrometheusAlert[] } }>(`${prometheus}/api/v1/alerts`);
  return body.data.alerts;
}

export interface AlertmanagerAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly receivers: { name: string }[];
  readonly status: { state: 'active' | 'suppressed' | 'unprocessed'; inhibitedBy: string[]; silencedBy: string[] };
}

export async function alertmanagerAlerts(alertmanager: string): Promise<AlertmanagerAlert[]> {
  return await get<AlertmanagerAlert[]>(`${alertmanager}/api/v2/alerts`);
}
