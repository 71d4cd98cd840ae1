import { describe, expect, test } from 'vitest';
import type { Model } from '../../generators/core/model.ts';
import { routeLabels, routeTree, routingTable } from '../../generators/model/routing.ts';
import type { RouteInput } from '../../schemas/alertmanager.ts';

/** The least of a model that routing reads: the root route, and alerts by name and labels. */
function model(route: RouteInput, alerts: { name: string; labels: Record<string, string> }[] = []): Model {
  return { project: { alertmanager: { config: { route } } }, services: [{ ruleGroups: [{ alerts }] }] } as unknown as Model;
}

const tree: RouteInput = {
  receiver: 'default',
  routes: [
    { matchers: ['severity="critical"'], receiver: 'pager' },
    { matchers: ['team="payments"'], receiver: 'payments' },
    { receiver: 'catch-all' },
  ],
};

describe('routing as Alertmanager dispatches', () => {
  test('the first matching child takes the alert; its later siblings do not', () => {
    const root = routeTree(model(tree))!;
    expect(routeLabels(root, { severity: 'critical', team: 'payments' })).toEqual(['pager']);
    expect(routeLabels(root, { team: 'payments' })).toEqual(['payments']);
    expect(routeLabels(root, { team: 'search' })).toEqual(['catch-all']);
  });

  test('a child that continues lets the next matching sibling take the alert too', () => {
    const continuing: RouteInput = { ...tree, routes: [{ ...tree.routes![0]!, continue: true }, ...tree.routes!.slice(1)] };
    expect(routeLabels(routeTree(model(continuing))!, { severity: 'critical', team: 'payments' })).toEqual(['pager', 'payments']);
  });

  test('no matching child leaves the alert with the route itself; each route is named by its path', () => {
    const nested: RouteInput = { receiver: 'default', routes: [{ matchers: ['team="db"'], receiver: 'db', routes: [{ matchers: ['severity=~"critical|high"'], receiver: 'db-pager' }] }] };
    const [table] = routingTable(model(nested, [{ name: 'DiskFull', labels: { team: 'db', severity: 'warning' } }]));
    expect(table!.receivers).toEqual(['db']);
    expect(table!.via).toEqual(['root > team="db"']);
    const [paged] = routingTable(model(nested, [{ name: 'DiskFull', labels: { team: 'db', severity: 'high' } }]));
    expect(paged!.via).toEqual(['root > team="db" > severity=~"critical|high"']);
    expect(routingTable(model(tree, [{ name: 'X', labels: {} }]))[0]!.via).toEqual(['root > (all)']);
  });

  test('an alert is default-only when every receiver it reaches is the root\'s, not when one of several is', () => {
    const both: RouteInput = { receiver: 'default', routes: [{ matchers: ['team="db"'], receiver: 'default', continue: true }, { matchers: ['severity="critical"'], receiver: 'pager' }] };
    const rows = routingTable(model(both, [
      { name: 'Quiet', labels: { team: 'search' } },
      { name: 'DbOnly', labels: { team: 'db' } },
      { name: 'DbPaged', labels: { team: 'db', severity: 'critical' } },
    ]));
    expect(rows.map((r) => [r.alert.name, r.receivers, r.defaultOnly])).toEqual([
      ['Quiet', ['default'], true],
      ['DbOnly', ['default'], true],
      ['DbPaged', ['default', 'pager'], false],
    ]);
  });

  test('a child inherits its parent\'s receiver and grouping when it sets none', () => {
    const root = routeTree(model({ receiver: 'default', groupBy: ['alertname'], routes: [{ matchers: ['team="db"'], groupWait: '1m' }] }))!;
    expect(root.routes[0]).toMatchObject({ receiver: 'default', groupBy: ['alertname'], groupWait: '1m', groupInterval: '5m', repeatInterval: '4h' });
  });

  test('a root without a receiver (refused by route/no-receiver) resolves to none, not to a made-up one', () => {
    expect(routeTree(model({ routes: [{ matchers: ['team="db"'], receiver: 'db' }] }))).toMatchObject({ receiver: '', routes: [{ receiver: 'db' }] });
  });
});
