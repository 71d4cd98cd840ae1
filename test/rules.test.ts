import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { loadProject } from '../scripts/packs/load.ts';
import { compile } from '../generators/compile.ts';
import { goldenRoot } from './support/compile-case.ts';

type RuleFile = { groups: { rules: { alert?: string; annotations?: Record<string, string> }[] }[] };
type Project = { services: { ruleGroups?: { alerts?: { alert: string; summary?: string; description?: string }[] }[] }[] };

describe('rule files', () => {
  test('keep annotation templates byte for byte', async () => {
    const { project } = await loadProject(join(goldenRoot, 'rules-alerts-templates/definitions'));
    const declared = (project as Project).services.flatMap((s) => s.ruleGroups ?? []).flatMap((g) => g.alerts ?? []);
    const file = compile(project).files!.get('prometheus/rules/checkout.yml')!.content;
    const written = (parse(file) as RuleFile).groups.flatMap((g) => g.rules).filter((r) => r.alert);
    expect(declared.length).toBeGreaterThan(0);
    for (const alert of declared) {
      const rule = written.find((r) => r.alert === alert.alert)!;
      expect(rule.annotations?.summary).toBe(alert.summary);
      if (alert.description) expect(rule.annotations?.description).toBe(alert.description);
    }
    expect(file).toContain('{{ $value | humanizePercentage }}');
    expect(file).toContain('{{ printf "%.2f" $value }}');
  });
});
