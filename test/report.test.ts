import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { repoRoot } from './support/compile-case.ts';
import { useBackfilledPrometheus } from './support/backfill.ts';
import { requireTool } from './support/tools.ts';
import type { Report } from '../scripts/report/compute.ts';
import { month, rolling, week } from '../scripts/report/period.ts';

/**
 * October and November 2026 of the orchestrator, a sample every 5 minutes. Each
 * step holds 2,000 requests: 1 bad in a steady step, 100 on 2026-11-10, none at
 * all on 2026-11-20. The 1-hour page tier of the availability SLO fired on
 * 2026-11-10 from 02:00 to 03:25 (its last sample).
 */
const STEP = 300;
const START = Date.UTC(2026, 9, 1) / 1000;
const END = Date.UTC(2026, 11, 1) / 1000;
const dayOf = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
const STEADY = { ok: 1999, bad: 1 };
const BREACH = { ok: 1900, bad: 100 };
const BREACH_DAY = '2026-11-10';
const GAP_DAY = '2026-11-20';
const ALERT = { from: Date.UTC(2026, 10, 10, 2, 0) / 1000, to: Date.UTC(2026, 10, 10, 3, 25) / 1000 };

/** A step's requests are those in (t - 5m, t]. */
function stepAt(t: number) {
  const day = dayOf(t - 1);
  return day === GAP_DAY ? { ok: 0, bad: 0 } : day === BREACH_DAY ? BREACH : STEADY;
}

function openMetrics(): string {
  const ok: string[] = [];
  const bad: string[] = [];
  const alerts: string[] = [];
  let [okTotal, badTotal] = [0, 0];
  for (let t = START; t <= END; t += STEP) {
    if (t > START) {
      const s = stepAt(t);
      okTotal += s.ok;
      badTotal += s.bad;
    }
    // No sample inside the gap day: the target was gone.
    if (dayOf(t - 1) === GAP_DAY && dayOf(t) === GAP_DAY) continue;
    ok.push(`http_requests_total{job="genesis-orchestrator",code="200"} ${okTotal} ${t}`);
    bad.push(`http_requests_total{job="genesis-orchestrator",code="500"} ${badTotal} ${t}`);
    if (t >= ALERT.from && t <= ALERT.to) {
      alerts.push(`ALERTS{alertname="GenesisAvailabilityBudgetBurn",alertstate="firing",long_window="1h",service="genesis-orchestrator",severity="critical",slo="genesis-availability",slo_tier="page",team="genesis"} 1 ${t}`);
    }
  }
  return ['# TYPE http_requests counter', ...ok, ...bad, '# TYPE ALERTS gauge', ...alerts, '# EOF', ''].join('\n');
}

/** The figures computed here from the same constants, not from Prometheus. */
function expected(monthStart: number, monthEnd: number) {
  let [events, badEvents] = [0, 0];
  for (let t = monthStart + STEP; t <= monthEnd; t += STEP) {
    const s = stepAt(t);
    events += s.ok + s.bad;
    badEvents += s.bad;
  }
  return { events, bad: badEvents, availability: 1 - badEvents / events };
}

function report(prometheus: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/monac.mjs', 'report', '--prometheus', prometheus, '--slo', 'genesis-availability', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('monac report against a real Prometheus on two backfilled months (Debian 2.42)', () => {
  const prometheus = useBackfilledPrometheus(openMetrics);

  test('a steady October meets 99.9% with the availability and budget computed here', () => {
    const result = report(prometheus.url, '--month', '2026-10', '--format', 'json');
    expect(result.code, result.stderr).toBe(0);
    const [slo] = (JSON.parse(result.stdout) as Report).slos;
    const want = expected(Date.UTC(2026, 9, 1) / 1000, Date.UTC(2026, 10, 1) / 1000);
    expect(slo!.availability).toBeCloseTo(want.availability, 9);
    expect(slo!.events).toBeCloseTo(want.events, 3);
    expect(slo!.met).toBe(true);
    expect(slo!.budget!.used).toBeCloseTo(want.bad / (0.001 * want.events), 6);
    // The budget as downtime: 31 days of minutes times 0.1%.
    expect(slo!.budget!.minutes).toBeCloseTo(31 * 1440 * 0.001, 6);
    expect(slo!.daily).toHaveLength(31);
    expect(slo!.incidents).toEqual([]);
    // The backfill holds no ALERTS series in October and no recorded series of the SLO: no alert history, not "none fired".
    expect(slo!.alertHistory).toBe(false);
    expect(slo!.problems).toEqual([]);
    const markdown = report(prometheus.url, '--month', '2026-10').stdout;
    expect(markdown).toContain('Alert history is missing: Prometheus holds no ALERTS series');
    expect(markdown).not.toContain('No burn-rate alert fired');
  });

  test('November misses it: the breach day is the worst, the gap day has no data, the page incident is listed', () => {
    const result = report(prometheus.url, '--month', '2026-11', '--format', 'json');
    expect(result.code, result.stderr).toBe(1);
    const [slo] = (JSON.parse(result.stdout) as Report).slos;
    const want = expected(Date.UTC(2026, 10, 1) / 1000, END);
    expect(slo!.availability).toBeCloseTo(want.availability, 9);
    expect(slo!.met).toBe(false);
    expect(slo!.worstDays[0]).toMatchObject({ day: BREACH_DAY });
    expect(slo!.worstDays[0]!.availability).toBeCloseTo(BREACH.ok / (BREACH.ok + BREACH.bad), 9);
    expect(slo!.daily.find((d) => d.day === GAP_DAY)!.availability).toBeNull();
    // Firing samples 02:00 to 03:25, seen for the 5-minute lookback after the last: 02:00 to 03:30 at one-minute steps.
    expect(slo!.incidents).toEqual([{ alert: 'GenesisAvailabilityBudgetBurn', tier: 'page', window: '1h', start: '2026-11-10T02:00:00.000Z', minutes: (ALERT.to + 300 - ALERT.from) / 60 + 1 }]);
    expect(slo!.alertHistory).toBe(true);
    expect(slo!.problems).toEqual([]);
    expect(slo!.burnDown.at(-1)!.left).toBeCloseTo(1 - want.bad / (0.001 * want.events), 6);
  });

  test('the Markdown says request-weighted, the verdict, the worst day and the incident', () => {
    const result = report(prometheus.url, '--month', '2026-11');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('request-weighted');
    expect(result.stdout).toMatch(/\| genesis-availability \| 99\.900% \| 99\.\d{3}% \| missed \|/);
    expect(result.stdout).toContain(`| ${BREACH_DAY} | 95.000% |`);
    expect(result.stdout).toContain(`Days without data: ${GAP_DAY}.`);
    expect(result.stdout).toContain('| 2026-11-10T02:00:00.000Z | GenesisAvailabilityBudgetBurn | page | 1h | 91 |');
  });

  test('a day is a period too: the breach day alone misses, at 95%', () => {
    const result = report(prometheus.url, '--day', BREACH_DAY, '--format', 'json');
    expect(result.code, result.stderr).toBe(1);
    const [slo] = (JSON.parse(result.stdout) as Report).slos;
    expect(slo!.availability).toBeCloseTo(BREACH.ok / (BREACH.ok + BREACH.bad), 9);
    expect(slo!.daily).toHaveLength(1);
  });

  test('a month without data is no data (exit 3), never met', () => {
    const result = report(prometheus.url, '--month', '2026-09', '--format', 'json');
    expect(result.code).toBe(3);
    const [slo] = (JSON.parse(result.stdout) as Report).slos;
    expect(slo!.availability).toBeNull();
    expect(slo!.met).toBeNull();
  });

  test('the HTML report draws its charts: a headless Chromium screenshot shows the bars, the objective line and the budget area', () => {
    const html = join(prometheus.dir, 'report.html');
    const result = report(prometheus.url, '--month', '2026-11', '--format', 'html', '--output', html);
    expect(result.code).toBe(1);
    expect(readFileSync(html, 'utf8')).not.toContain('<script');
    const png = join(prometheus.dir, 'report.png');
    const shot = spawnSync(requireTool('chromium'), [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'monac-chromium-'))}`,
      '--hide-scrollbars', '--window-size=1000,1100', `--screenshot=${png}`, `file://${html}`,
    ], { encoding: 'utf8', timeout: 60_000 });
    expect(shot.status, shot.stderr).toBe(0);
    const image = PNG.sync.read(readFileSync(png));
    expect([image.width, image.height]).toEqual([1000, 1100]);
    const pixels = (r: number, g: number, b: number) => {
      let n = 0;
      for (let i = 0; i < image.data.length; i += 4) {
        if (Math.abs(image.data[i]! - r) < 12 && Math.abs(image.data[i + 1]! - g) < 12 && Math.abs(image.data[i + 2]! - b) < 12) n++;
      }
      return n;
    };
    expect(pixels(0x3b, 0x82, 0xf6), 'availability bars').toBeGreaterThan(1000);
    expect(pixels(0xdc, 0x26, 0x26), 'objective line').toBeGreaterThan(50);
    expect(pixels(0xbb, 0xf7, 0xd0), 'budget area').toBeGreaterThan(1000);
  }, 90_000);
});

describe('report periods (UTC)', () => {
  test('an ISO week runs Monday to Monday: 2026-W45 starts on 2 November', () => {
    const w = week('2026-W45');
    expect([w.start, w.end]).toEqual([Date.UTC(2026, 10, 2) / 1000, Date.UTC(2026, 10, 9) / 1000]);
    expect(week('2026-W01').start).toBe(Date.UTC(2025, 11, 29) / 1000);
  });

  test('a month has its calendar days; February 2028 has 29', () => {
    expect(month('2026-11').days).toHaveLength(30);
    expect(month('2028-02').days).toHaveLength(29);
    expect(() => month('2026-13')).toThrow(/YYYY-MM/);
  });

  test('a rolling window counts whole days back from its end', () => {
    const end = Date.UTC(2026, 11, 2, 12) / 1000;
    const r = rolling('7d', end);
    expect([r.start, r.end, r.days.length]).toEqual([end - 7 * 86_400, end, 7]);
    expect(() => rolling('36h', end)).toThrow(/whole days/);
  });
});
