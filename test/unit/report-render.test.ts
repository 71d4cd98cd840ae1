import { describe, expect, test } from 'vitest';
import type { Report, SloReport } from '../../scripts/report/compute.ts';
import { toHtml, toMarkdown } from '../../scripts/report/render.ts';

const period = { label: '2026-11', kind: 'month' as const, start: Date.UTC(2026, 10, 1) / 1000, end: Date.UTC(2026, 11, 1) / 1000, days: [] };

function slo(overrides: Partial<SloReport>): SloReport {
  return {
    slo: 'checkout-availability', service: 'checkout', objective: 0.999, weighting: 'requests',
    events: 1000, bad: 0, availability: 1, met: true,
    budget: { allowedBad: 1, used: 0, badLeft: 1, minutes: 43.2, minutesUsed: 0 },
    daily: [{ day: '2026-11-01', availability: 1, events: 1000, bad: 0 }], worstDays: [], burnDown: [{ day: '2026-11-01', left: 1 }],
    incidents: [], alertHistory: true, problems: [],
    ...overrides,
  };
}
const report = (...slos: SloReport[]): Report => ({ period, generatedFor: 'http://prometheus:9090', slos });

describe('the SLA report pages', () => {
  test('the Markdown escapes | and HTML in descriptions and label values, so a table keeps its columns', () => {
    const text = toMarkdown(report(slo({
      description: 'Checkout | payments <script>alert(1)</script>',
      incidents: [{ alert: 'Burn|Fast', tier: '<b>page</b>', window: '1h', start: '2026-11-10T02:00:00.000Z', minutes: 5 }],
    })));
    expect(text).toContain('Checkout \\| payments &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('| 2026-11-10T02:00:00.000Z | Burn\\|Fast | &lt;b&gt;page&lt;/b&gt; | 1h | 5 |');
    expect(text).not.toContain('<script>');
  });

  test('no incident is "none fired" only when alert history exists; missing or unreadable history says so', () => {
    expect(toMarkdown(report(slo({ alertHistory: true })))).toContain('No burn-rate alert fired.');
    const missing = toMarkdown(report(slo({ alertHistory: false })));
    expect(missing).toContain('Alert history is missing');
    expect(missing).not.toContain('No burn-rate alert fired');
    expect(toMarkdown(report(slo({ alertHistory: null })))).toContain('the alert history could not be read');
    expect(toHtml(report(slo({ alertHistory: false })))).toContain('Alert history is missing');
  });

  test('the HTML heads the page with the summary table and gives an SLO without data a note, not two empty charts', () => {
    const html = toHtml(report(slo({}), slo({ slo: 'quiet', availability: null, met: null, events: null, bad: null, budget: null, daily: [{ day: '2026-11-01', availability: null, events: 0, bad: 0 }], burnDown: [{ day: '2026-11-01', left: null }] })));
    const summary = html.indexOf('<table class="summary">');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(html.indexOf('<section>'));
    expect(html).toMatch(/<tr><td>quiet<\/td><td>99\.900%<\/td><td>no data<\/td><td>no data<\/td><\/tr>/);
    const quiet = html.slice(html.lastIndexOf('<section>'));
    expect(quiet).toContain('No data for this SLO in the period');
    expect(quiet).not.toContain('<svg');
    expect(html.slice(0, html.lastIndexOf('<section>'))).toContain('<svg');
  });
});
