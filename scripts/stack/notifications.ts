import { existsSync, readFileSync } from 'node:fs';

/** One notification the capture webhook received: Alertmanager's webhook payload and the receiver it was for. */
export interface Notification {
  readonly receivedAt: string;
  readonly receiver: string;
  readonly payload: {
    readonly status: 'firing' | 'resolved';
    readonly receiver: string;
    readonly alerts: readonly { status: string; labels: Record<string, string>; annotations: Record<string, string> }[];
  };
}

export function readNotifications(file: string): Notification[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Notification);
}

/** One line per alert per notification: who would have been told what. */
export function formatNotifications(notifications: readonly Notification[]): string[] {
  return notifications.flatMap((n) => n.payload.alerts.map((alert) => {
    const { alertname = '?', severity = '?', service } = alert.labels;
    const links = [alert.annotations.runbook_url && `runbook ${alert.annotations.runbook_url}`, alert.annotations.dashboard_url && `dashboard ${alert.annotations.dashboard_url}`].filter(Boolean).join(', ');
    return `${n.receivedAt} ${n.receiver}: ${alert.status} ${alertname} (${severity}${service ? `, ${service}` : ''}) ${alert.annotations.summary ?? ''}${links ? ` [${links}]` : ''}`;
  }));
}
