import type { RouteInput } from '../../schemas/alertmanager.ts';
import type { AlertModel, Model } from '../core/model.ts';
import { formatMatcher, matches, parseMatcher } from './matchers.ts';

/** A route with its receiver resolved (children inherit their parent's). */
interface ResolvedRoute {
  readonly receiver: string;
  readonly matchers: readonly string[];
  readonly continue: boolean;
  readonly routes: readonly ResolvedRoute[];
  /** How the routing table explains it: `root > severity="critical"`. */
  readonly path: string;
}

export interface RoutedAlert {
  readonly alert: AlertModel;
  /** The labels Alertmanager sees before any sample labels: alertname and the rule's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** Receivers in the order Alertmanager notifies them. */
  readonly receivers: readonly string[];
  /** The matched routes, by path. */
  readonly via: readonly string[];
  readonly defaultOnly: boolean;
}

function resolve(route: RouteInput, parentReceiver: string, path: string): ResolvedRoute {
  const receiver = route.receiver ?? parentReceiver;
  return {
    receiver,
    matchers: route.matchers ?? [],
    continue: route.continue ?? false,
    routes: (route.routes ?? []).map((child) => resolve(child, receiver, `${path} > ${(child.matchers ?? []).map((m) => formatMatcher(parseMatcher(m))).join(', ') || '(all)'}`)),
    path,
  };
}

/** Alertmanager's dispatch: children in order, stopping at the first match unless it continues; no child: this route. */
function match(route: ResolvedRoute, labels: Readonly<Record<string, string>>): ResolvedRoute[] {
  if (!route.matchers.every((m) => matches(parseMatcher(m), labels))) return [];
  const found: ResolvedRoute[] = [];
  for (const child of route.routes) {
    const hit = match(child, labels);
    found.push(...hit);
    if (hit.length > 0 && !child.continue) break;
  }
  return found.length > 0 ? found : [route];
}

/** Where every alert of the estate goes, computed with Alertmanager's own matching rules. */
export function routingTable(model: Model): RoutedAlert[] {
  const config = model.project.alertmanager?.config;
  if (!config) return [];
  const root = resolve(config.route, config.route.receiver ?? '', 'root');
  return model.services.flatMap((service) => service.ruleGroups.flatMap((group) => group.alerts)).map((alert) => {
    const labels = { alertname: alert.name, ...alert.labels };
    const hit = match(root, labels);
    return {
      alert,
      labels,
      receivers: hit.map((route) => route.receiver),
      via: hit.map((route) => route.path),
      defaultOnly: hit.every((route) => route.receiver === root.receiver),
    };
  });
}
