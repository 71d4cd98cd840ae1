import { describe, expect, test } from 'vitest';
import { compile } from '../../generators/compile.ts';
import { lintRules } from '../../generators/lint/index.ts';
import { plan } from '../../scripts/plan/diff.ts';
import { defineAlertmanager } from '../../schemas/index.ts';
import base from '../plan/base-definitions.ts';

const [email, pager, chat] = base.alertmanager!.receivers;

/** Built as `monac plan` builds a revision: lint findings are warnings, so they cannot stop it. */
function build(project: object) {
  const compilation = compile({ ...project, lint: Object.fromEntries(lintRules.map((r) => [r.code, 'warning'])) });
  expect(compilation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compilation;
}
const planned = (head: object) => plan(build(base), build(head));
const routes = (warning: string) => ({ receiver: 'default', routes: [{ matchers: ['severity="critical"'], receiver: 'pager' }, { matchers: ['severity=~"warning|high"'], receiver: warning }] });

describe('the plan says who an alert stops reaching', () => {
  test('an alert routed only to receivers without an integration no longer notifies anyone: destructive, among the first', () => {
    const head = { ...base, alertmanager: defineAlertmanager({ ...base.alertmanager!, receivers: [email!, pager!, chat!, { name: 'nobody' }], route: routes('nobody') }) };
    const result = planned(head);
    const item = result.items.find((i) => i.kind === 'routing' && i.id === 'ApiTrafficLow');
    expect(item).toMatchObject({ destructive: true, summary: 'alert ApiTrafficLow (api, warning) no longer notifies anyone: chat -> nobody' });
    // Destructive items lead the plan.
    const firstHarmless = result.items.findIndex((i) => !i.destructive);
    expect(result.items.indexOf(item!)).toBeLessThan(firstHarmless === -1 ? Infinity : firstHarmless);
  });

  test('an alert routed elsewhere that still notifies is a plain change, not destructive', () => {
    const head = { ...base, alertmanager: defineAlertmanager({ ...base.alertmanager!, route: routes('default') }) };
    const item = planned(head).items.find((i) => i.kind === 'routing' && i.id === 'ApiTrafficLow');
    expect(item).toMatchObject({ destructive: false, summary: 'alert ApiTrafficLow (api) reaches default instead of chat', fields: [{ field: 'receivers', before: ['chat'], after: ['default'] }] });
  });

  test('a critical alert routed from the pager to mail no longer pages', () => {
    const head = { ...base, alertmanager: defineAlertmanager({ ...base.alertmanager!, route: { receiver: 'default', routes: [{ matchers: ['severity=~"warning|high"'], receiver: 'chat' }] } }) };
    const item = planned(head).items.find((i) => i.kind === 'routing' && i.id === 'ApiDown');
    expect(item).toMatchObject({ destructive: true, summary: 'alert ApiDown (api, critical) no longer pages: pager -> default' });
  });
});
