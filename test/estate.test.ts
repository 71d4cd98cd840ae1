import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { routingTable } from '../generators/model/routing.ts';
import { loadProject } from '../scripts/packs/load.ts';
import type { AlertModel } from '../generators/core/model.ts';
import { compile } from '../generators/compile.ts';
import { repoRoot } from './support/compile-case.ts';

/** The seeds' alert catalog: each name, its severity, and the threshold its expression must hold. */
const catalog: readonly [string, string, string][] = [
  ['GenesisOrchestratorDown', 'critical', '== 0'],
  ['CriticalFailureRate', 'critical', '> 0.15'],
  ['HighFailureRate', 'warning', '> 0.05'],
  ['CriticalOrchestrationLatency', 'critical', '> 10'],
  ['HighOrchestrationLatency', 'warning', '> 5'],
  ['StabilityScoreDropped', 'warning', '< 0.95'],
  ['TokenBudgetExhaustion', 'warning', '< 0.1'],
  ['DiskSpaceExhaustionPredicted', 'warning', '14400) < 0'],
  ['MemoryExhaustionPredicted', 'warning', '7200) < 0'],
  ['TokenBudgetExhaustionPredicted', 'warning', '3600) < 0'],
  ['RequestRateAnomaly', 'warning', '> 3'],
  ['ResponseTimeAnomaly', 'warning', '> 2'],
  ['MemoryUsageAnomaly', 'warning', '> 3'],
  ['TestPassRateLow', 'critical', '< 0.98'],
  ['TestPassRateDegrading', 'warning', '< 0.99'],
  ['HighErrorRate', 'critical', '> 0.001'],
  ['HighLatencyP95', 'critical', '> 0.2'],
  ['GenesisServiceDown', 'critical', '== 0'],
  ['HTDAGDecompositionSlow', 'warning', '> 0.15'],
  ['HALORoutingSlow', 'warning', '> 0.13'],
  ['SystemThroughputDegraded', 'warning', '< 4'],
  ['TestSuiteNotRunning', 'warning', '> 900'],
  ['ObservabilityMetricsMissing', 'warning', 'absent('],
  ['HighCPUUsage', 'warning', '> 80'],
  ['HighMemoryUsage', 'warning', '> 80'],
  ['RateLimitingSpike', 'warning', '> 10'],
  ['HMACValidationFailures', 'high', '> 0'],
  ['AuthenticationFailureSpike', 'high', '> 1'],
  ['AutonomicaHighCpuUsage', 'warning', '> 80'],
  ['AutonomicaHighMemoryUsage', 'warning', '> 85'],
  ['AutonomicaHighDiskUsage', 'warning', '> 85'],
  ['AutonomicaApiDown', 'critical', '== 0'],
  ['AutonomicaPostgresDown', 'critical', '== 0'],
  ['AutonomicaPostgresHighConnections', 'warning', '> 0.8'],
  ['AutonomicaRedisDown', 'critical', '== 0'],
  ['AutonomicaRedisHighMemory', 'warning', '> 0.85'],
  ['ContainerRestartingFrequently', 'warning', '> 3'],
  ['DockerDaemonDown', 'critical', '== 0'],
];

async function estate() {
  const { project } = await loadProject(join(repoRoot, 'definitions'));
  const compilation = compile(project);
  expect(compilation.diagnostics, 'the estate builds with no diagnostic').toEqual([]);
  return compilation.model!;
}

describe('the estate', () => {
  test.each(catalog)('declares %s as %s with the seeds\' threshold (%s), tested firing and quiet', async (name, severity, threshold) => {
    const model = await estate();
    const alerts: AlertModel[] = model.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.alerts)).filter((a) => a.name === name);
    expect(alerts.length, `${name} is declared`).toBeGreaterThan(0);
    for (const alert of alerts) {
      expect(alert.severity).toBe(severity);
      expect(alert.expr).toContain(threshold);
      expect(alert.tests.some((t) => t.fires.length > 0), 'a firing test').toBe(true);
      expect(alert.tests.some((t) => t.fires.length === 0), 'a quiet test').toBe(true);
    }
  });

  test.each([
    ['genesis-availability', 99.9],
    ['genesis-latency', 95],
    ['genesis-post-deploy-latency', 95],
    ['autonomica-availability', 99.5],
    ['autonomica-latency', 95],
  ] as const)('declares the SLO %s at %d%%', async (id, objective) => {
    const model = await estate();
    const slo = model.services.flatMap((s) => s.slos).find((s) => s.slo.id === id);
    expect(slo?.slo.objective).toBe(objective);
  });

  test('every burn-rate tier of every SLO is shown firing by some scenario test', async () => {
    const model = await estate();
    const slos = model.services.flatMap((s) => s.slos.map(({ slo }) => ({ slo, groups: s.ruleGroups.filter((g) => g.file === `slo-${slo.id}`) })));
    expect(slos.length).toBeGreaterThanOrEqual(5);
    for (const { slo, groups } of slos) {
      const tiers = groups.flatMap((g) => g.alerts).filter((a) => a.labels.long_window !== undefined);
      expect(tiers.length, `${slo.id} has burn-rate tiers`).toBeGreaterThan(0);
      for (const tier of tiers) {
        const firings = tier.tests.flatMap((t) => [t.fires, ...(t.alsoAt ?? []).map((a) => a.fires)]).flat();
        const fired = firings.some((f) => f.labels?.long_window === tier.labels.long_window && f.labels?.slo === slo.id);
        expect(fired, `${slo.id} tier ${tier.labels.slo_tier} ${tier.labels.long_window}/${tier.labels.short_window} fires in no scenario`).toBe(true);
      }
    }
  });

  // A step each seed's response section names for the alert, word for word.
  test.each([
    ['GenesisOrchestratorDown', 'sudo systemctl restart genesis-orchestrator'],
    ['CriticalFailureRate', 'If a deployment preceded it, roll it back.'],
    ['CriticalOrchestrationLatency', '`SHOW PROCESSLIST`'],
    ['HighOrchestrationLatency', 'OPTIMIZE TABLE router_metrics, orchestration_runs;'],
    ['HighFailureRate', 'Respond within 15 minutes.'],
    ['StabilityScoreDropped', 'Review the router algorithm configuration.'],
    ['GenesisAvailabilityBudgetBurn', 'roll back the last deployment'],
    ['GenesisAvailabilityErrorBudgetSpent', 'involve legal and compliance'],
  ])('%s carries the runbook seed\'s response steps (%s)', async (name, step) => {
    const model = await estate();
    const alerts = model.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.alerts)).filter((a) => a.name === name);
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      const mitigation = [alert.runbook?.mitigation ?? []].flat();
      expect(mitigation.length, `${name}: mitigation steps`).toBeGreaterThanOrEqual(2);
      expect(mitigation.join('\n'), name).toContain(step);
      expect(String([alert.runbook?.diagnosis ?? alert.runbook?.impact ?? ''].flat().join('')).trim().length, `${name}: diagnosis or impact`).toBeGreaterThan(20);
    }
  });

  test('every critical and high alert declares a mitigation, and the lint rule holds the estate to it', async () => {
    const model = await estate();
    const urgent = model.services.flatMap((s) => s.ruleGroups.flatMap((g) => g.alerts)).filter((a) => a.severity === 'critical' || a.severity === 'high');
    expect(urgent.length).toBeGreaterThan(25);
    expect(urgent.filter((a) => !a.runbook?.mitigation).map((a) => `${a.service}/${a.name}`)).toEqual([]);
    expect(model.project.lint['alert/runbook-missing']).toBe('error');
    expect(model.project.docs.requireMitigation).toBe('high');
  });

  test('every team has an escalation policy whose receivers exist', async () => {
    const model = await estate();
    const teams = [...new Set(model.services.map((s) => s.team))];
    const receivers = new Set(model.project.alertmanager!.config.receivers.map((r) => r.name));
    for (const team of teams) {
      const policy = model.project.escalation.find((e) => e.policy.team === team) ?? model.project.escalation.find((e) => e.policy.team === undefined);
      expect(policy, team).toBeDefined();
      for (const level of policy!.policy.levels) for (const r of level.receivers ?? []) expect(receivers).toContain(r);
    }
  });

  test('routes every alert to a receiver other than the default', async () => {
    const table = routingTable(await estate());
    expect(table.length).toBeGreaterThan(catalog.length);
    expect(table.filter((row) => row.defaultOnly).map((row) => row.alert.name)).toEqual([]);
  });
});
