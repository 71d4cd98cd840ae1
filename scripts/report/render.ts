import * as echarts from 'echarts';
import type { Report, SloReport } from './compute.ts';

const percent = (ratio: number | null, digits = 3) => (ratio === null ? 'no data' : `${(ratio * 100).toFixed(digits)}%`);
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const verdict = (r: SloReport) => (r.met === null ? 'no data' : r.met ? 'met' : 'missed');

/** Text from definitions or from Prometheus, safe in a Markdown table cell or paragraph: no `|` ends a cell, no HTML renders. */
const md = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** What the report can say of burn-rate alerts when none is listed. */
function noIncident(r: SloReport): string {
  if (r.alertHistory === false) {
    return 'Alert history is missing: Prometheus holds no ALERTS series and none of this SLO\'s recorded series for the period (the rules did not run there, or the history was backfilled), so whether a burn-rate alert fired is unknown.';
  }
  if (r.alertHistory === null) return 'Whether a burn-rate alert fired is unknown: the alert history could not be read.';
  return 'No burn-rate alert fired.';
}

const weightingWords: Readonly<Record<SloReport['weighting'], string>> = {
  requests: 'request-weighted: bad requests over all requests',
  'probe samples': 'time-weighted: failed probe samples over all samples',
  'time slices': 'time-weighted: bad time slices over all slices judged',
  ratio: 'the SLI\'s own error ratio over the whole period (a precomputed ratio: its counts are per series, not events)',
};

function sloMarkdown(r: SloReport): string[] {
  const lines = [
    `## ${md(r.slo)} (${md(r.service)})`,
    '',
    ...(r.description ? [md(r.description), ''] : []),
    `| objective | availability | verdict | ${r.weighting} | bad | budget used | budget left |`,
    '|---|---|---|---|---|---|---|',
    `| ${percent(r.objective)} | ${percent(r.availability)} | ${verdict(r)} | ${r.events === null ? '-' : count(r.events)} | ${r.bad === null ? '-' : count(r.bad)} | ${r.budget ? `${percent(r.budget.used, 1)} (${r.budget.minutesUsed.toFixed(1)} of ${r.budget.minutes.toFixed(1)} minutes)` : '-'} | ${r.budget ? `${percent(1 - r.budget.used, 1)} (${count(Math.max(0, r.budget.badLeft))} ${r.weighting})` : '-'} |`,
    '',
    `Availability is ${weightingWords[r.weighting]} in the period; the budget in minutes is the period's minutes times (1 - objective).`,
    '',
  ];
  if (r.worstDays.length > 0) {
    lines.push('Worst days:', '', '| day | availability | bad | all |', '|---|---|---|---|');
    for (const d of r.worstDays) lines.push(`| ${d.day} | ${percent(d.availability)} | ${count(d.bad)} | ${count(d.events)} |`);
    lines.push('');
  }
  const quiet = r.daily.filter((d) => d.availability === null).map((d) => d.day);
  if (quiet.length > 0) lines.push(`Days without data: ${quiet.join(', ')}.`, '');
  if (r.incidents.length > 0) {
    lines.push('Burn-rate incidents:', '', '| started (UTC) | alert | tier | window | minutes |', '|---|---|---|---|---|');
    for (const i of r.incidents) lines.push(`| ${i.start} | ${md(i.alert)} | ${md(i.tier)} | ${md(i.window)} | ${i.minutes} |`);
    lines.push('');
  } else {
    lines.push(noIncident(r), '');
  }
  for (const p of r.problems) lines.push(`Could not read: ${md(p)}`, '');
  return lines;
}

export function toMarkdown(report: Report): string {
  const { period } = report;
  return [
    `# SLA report: ${period.label}`,
    '',
    `${new Date(period.start * 1000).toISOString()} to ${new Date(period.end * 1000).toISOString()} (UTC), from ${report.generatedFor}.`,
    '',
    '| SLO | objective | availability | verdict |',
    '|---|---|---|---|',
    ...report.slos.map((r) => `| ${md(r.slo)} | ${percent(r.objective)} | ${percent(r.availability)} | ${verdict(r)} |`),
    '',
    ...report.slos.flatMap(sloMarkdown),
  ].join('\n').replace(/\n+$/, '\n');
}

export function toJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** An SVG chart rendered on the server (ECharts' SSR renderer): no script in the page. */
function chart(option: echarts.EChartsCoreOption, width = 900, height = 280): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  instance.setOption({ animation: false, ...option });
  const svg = instance.renderToSVGString();
  instance.dispose();
  return svg;
}

function sloCharts(r: SloReport): string {
  const days = r.daily.map((d) => d.day.slice(5));
  const availability = chart({
    title: { text: 'Daily availability against the objective', textStyle: { fontSize: 14 } },
    grid: { left: 70, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: days },
    // Below the worst day, so its bar shows.
    yAxis: { type: 'value', min: (v: { min: number; max: number }) => Math.max(0, v.min - Math.max(0.001, (v.max - v.min) * 0.1)), axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(2)}%` } },
    series: [
      { type: 'bar', name: 'availability', data: r.daily.map((d) => d.availability), itemStyle: { color: '#3b82f6' } },
      { type: 'line', name: 'objective', data: r.daily.map(() => r.objective), symbol: 'none', lineStyle: { color: '#dc2626', type: 'dashed' } },
    ],
  });
  const burnDown = chart({
    title: { text: 'Error budget left', textStyle: { fontSize: 14 } },
    grid: { left: 70, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [{ type: 'line', name: 'budget left', data: r.burnDown.map((d) => d.left), areaStyle: { color: '#bbf7d0' }, lineStyle: { color: '#16a34a' } }],
  });
  return `<figure>${availability}</figure>\n<figure>${burnDown}</figure>`;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A self-contained page: the Markdown's tables as HTML, and the two charts per SLO as inline SVG. */
export function toHtml(report: Report): string {
  const sections = report.slos.map((r) => {
    const rows = (cells: string[][]) => cells.map((c) => `<tr>${c.map((x) => `<td>${escape(x)}</td>`).join('')}</tr>`).join('');
    return `<section><h2>${escape(r.slo)} <small>${escape(r.service)}</small></h2>
${r.description ? `<p>${escape(r.description)}</p>\n` : ''}<table><tr><th>objective</th><th>availability</th><th>verdict</th><th>${r.weighting}</th><th>bad</th><th>budget used</th></tr>
${rows([[percent(r.objective), percent(r.availability), verdict(r), r.events === null ? '-' : count(r.events), r.bad === null ? '-' : count(r.bad), r.budget ? `${percent(r.budget.used, 1)} (${r.budget.minutesUsed.toFixed(1)} of ${r.budget.minutes.toFixed(1)} min)` : '-']])}</table>
${r.availability === null ? '<p class="no-data">No data for this SLO in the period: no charts to draw.</p>' : sloCharts(r)}
${r.incidents.length > 0 ? `<table><tr><th>started (UTC)</th><th>alert</th><th>tier</th><th>minutes</th></tr>${rows(r.incidents.map((i) => [i.start, i.alert, i.tier, String(i.minutes)]))}</table>` : `<p>${escape(noIncident(r))}</p>`}
${r.problems.map((p) => `<p>Could not read: ${escape(p)}</p>`).join('\n')}
</section>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SLA report: ${escape(report.period.label)}</title>
<style>body{font-family:sans-serif;margin:24px;max-width:960px}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}figure{margin:8px 0}small{color:#666;font-weight:normal}</style>
</head><body>
<h1>SLA report: ${escape(report.period.label)}</h1>
<p>${new Date(report.period.start * 1000).toISOString()} to ${new Date(report.period.end * 1000).toISOString()} (UTC)</p>
<table class="summary"><tr><th>SLO</th><th>objective</th><th>availability</th><th>verdict</th></tr>
${report.slos.map((r) => `<tr><td>${escape(r.slo)}</td><td>${percent(r.objective)}</td><td>${percent(r.availability)}</td><td>${verdict(r)}</td></tr>`).join('\n')}</table>
${sections.join('\n')}
</body></html>
`;
}
