import type { RouteInput } from '../../schemas/alertmanager.ts';
import type { AlertModel, Model } from '../core/model.ts';
import { formatMatcher, matches, parseMatcher } from './matchers.ts';

/** Alertmanager's own defaults for what a route leaves unset. */
export const ROUTE_DEFAULTS = { groupBy: ['alertname', 'service'], groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' } as const;

/**
 * A route with what it inherits resolved: the receiver and the grouping and
 * timing settings come from the parent when unset; time intervals do not
 * (Alertmanager applies a route's mute and active intervals to that route only).
 */
export interface ResolvedRoute {
  readonly receiver: string;
  readonly matchers: readonly string[];
  readonly continue: boolean;
  readonly groupBy: readonly string[];
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
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
  /** The matched routes themselves, in the order of `receivers`. */
  readonly routes: readonly ResolvedRoute[];
  readonly defaultOnly: boolean;
}

type Inherited = Pick<ResolvedRoute, 'receiver' | 'groupBy' | 'groupWait' | 'groupInterval' | 'repeatInterval'>;

function resolve(route: RouteInput, parent: Inherited, path: string): ResolvedRoute {
  const own: Inherited = {
    receiver: route.receiver ?? parent.receiver,
    groupBy: route.groupBy ?? parent.groupBy,
    groupWait: route.groupWait ?? parent.groupWait,
    groupInterval: route.groupInterval ?? parent.groupInterval,
    repeatInterval: route.repeatInterval ?? parent.repeatInterval,
  };
  return {
    ...own,
    matchers: route.matchers ?? [],
    continue: route.continue ?? false,
    muteTimeIntervals: route.muteTimeIntervals ?? [],
    activeTimeIntervals: route.activeTimeIntervals ?? [],
    routes: (route.routes ?? []).map((child) => resolve(child, own, `${path} > ${(child.matchers ?? []).map((m) => formatMatcher(parseMatcher(m))).join(', ') || '(all)'}`)),
    path,
  };
}

/** The whole routing tree with inheritance resolved, or undefined without Alertmanager. */
export function routeTree(model: Model): ResolvedRoute | undefined {
  const config = model.project.alertmanager?.config;
  return config && resolve(config.route, { ...ROUTE_DEFAULTS, receiver: config.route.receiver ?? '' }, 'root');
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

/** The receivers an alert with these labels reaches, in route order: what `amtool config routes test` prints. */
export function routeLabels(root: ResolvedRoute, labels: Readonly<Record<string, string>>): string[] {
  return match(root, labels).map((route) => route.receiver);
}

/** Where every alert of the estate goes, computed with Alertmanager's own matching rules. */
export function routingTable(model: Model): RoutedAlert[] {
  const root = routeTree(model);
  if (!root) return [];
  return model.services.flatMap((service) => service.ruleGroups.flatMap((group) => group.alerts)).map((alert) => {
    const labels = { alertname: alert.name, ...alert.labels };
    const hit = match(root, labels);
    return {
      alert,
      labels,
      receivers: hit.map((route) => route.receiver),
      via: hit.map((route) => route.path),
      routes: hit,
      defaultOnly: hit.every((route) => route.receiver === root.receiver),
    };
  });
}
