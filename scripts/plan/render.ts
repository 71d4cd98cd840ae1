/** The plan as terminal text, as a Markdown PR comment, or as JSON. */
import { relative } from 'node:path';
import type { FieldChange, Plan, PlanItem } from './diff.ts';
import type { SeriesReport } from './series.ts';

export interface PlanContext {
  /** The base revision, as resolved, and how it was chosen. */
  readonly base: string;
  readonly baseLabel: string;
  /** What a live Prometheus says of the changed rules' selectors (--prometheus). */
  readonly series?: SeriesReport | undefined;
}

const where = (location: { file: string; line: number } | undefined) => (location ? ` at ${relative(process.cwd(), location.file) || location.file}:${location.line}` : '');
const number = (n: number) => n.toLocaleString('en-US');

/** The live series section as lines: findings, then each rule's and group's cost. */
export function seriesLines(report: SeriesReport, markdown: boolean): string[] {
  const lines = [markdown ? '#### Live series' : `Live series (last ${report.lookback}): ${report.checked} rule(s) checked in ${report.requests} request(s)`, ''];
  const keeps = report.retention === undefined ? '' : `, which keeps ${report.retention}`;
  if (markdown) lines.push(`${report.checked} rule(s) checked against the Prometheus${keeps} over the last ${report.lookback}, in ${report.requests} request(s).`, '');
  else if (report.retention !== undefined) lines.splice(1, 0, `The Prometheus keeps ${report.retention}.`);
  for (const error of report.errors) lines.push(markdown ? `- :x: could not ask: ${error}` : `error: could not ask: ${error}`);
  if (report.findings.length === 0 && report.errors.length === 0) lines.push(markdown ? ':heavy_check_mark: Every selector matches series.' : 'Every selector matches series.');
  for (const f of report.findings) {
    const text = `${f.rule} (${f.service})${where(f.location)}: ${f.message}`;
    lines.push(markdown ? `- :x: ${text.replace(/</g, '&lt;')}` : ` ! ${text}`);
  }
  if (report.costs.length > 0) {
    lines.push('', markdown ? '| rule | group | series now | samples per evaluation |' : 'Cost (series read now; samples read per evaluation):');
    if (markdown) lines.push('|---|---|---:|---:|');
    for (const c of report.costs) lines.push(markdown ? `| ${c.rule} | ${c.service}/${c.group} | ${number(c.series)} | ${number(c.samples)} |` : `   ${c.rule} (${c.service}/${c.group}): ${number(c.series)} series, ${number(c.samples)} samples`);
    for (const g of report.groups) lines.push(markdown ? `| **group total** | ${g.service}/${g.group} | **${number(g.series)}** | **${number(g.samples)}** |` : `   group ${g.service}/${g.group}: ${number(g.series)} series, ${number(g.samples)} samples per evaluation`);
  }
  return lines;
}

/** The hidden line a CI job looks for to update its own comment instead of adding one. */
export const MARKER = '<!-- monac-plan -->';
/** GitHub refuses comments over 65,536 characters; the plan stays under with room for a note. */
export const COMMENT_LIMIT = 65_000;

const symbol: Record<PlanItem['change'], string> = { added: '+', removed: '-', changed: '~', moved: '>' };

export function counts(plan: Plan): Record<PlanItem['change'], number> {
  return {
    added: plan.items.filter((i) => i.change === 'added').length,
    changed: plan.items.filter((i) => i.change === 'changed').length,
    removed: plan.items.filter((i) => i.change === 'removed').length,
    moved: plan.items.filter((i) => i.change === 'moved').length,
  };
}

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function diffLines(fields: readonly FieldChange[]): string[] {
  return fields.flatMap((f) => [
    ...(f.before !== undefined ? [`- ${f.field}: ${show(f.before)}`] : []),
    ...(f.after !== undefined ? [`+ ${f.field}: ${show(f.after)}`] : []),
  ]);
}

export function renderText(plan: Plan, context: PlanContext): string {
  const lines = [`monac plan: ${context.baseLabel} (${context.base.slice(0, 12)}) -> working tree`, ''];
  if (plan.items.length === 0) lines.push('No changes: the alerting, routing, SLOs, dashboards and scaling are the same.');
  for (const item of plan.items) {
    lines.push(`${item.destructive ? '!' : ' '}${symbol[item.change]} ${item.kind}: ${item.summary}`);
    for (const line of diffLines(item.fields)) lines.push(`      ${line}`);
  }
  for (const error of plan.errors) lines.push(`error: ${error}`);
  const c = counts(plan);
  lines.push('', `Plan: ${c.added} to add, ${c.changed} to change, ${c.removed} to remove${c.moved > 0 ? `, ${c.moved} moved` : ''}${plan.errors.length > 0 ? `; ${plan.errors.length} error(s)` : ''}.`);
  if (context.series) lines.push('', ...seriesLines(context.series, false));
  return `${lines.join('\n')}\n`;
}

function verdict(plan: Plan): string {
  if (plan.errors.length > 0) return `:x: **${plan.errors.length} problem(s)**: ${plan.errors[0]}`;
  if (plan.items.length === 0) return ':heavy_check_mark: No changes to alerting, routing, SLOs, dashboards or scaling.';
  const destructive = plan.items.filter((i) => i.destructive).length;
  return destructive > 0
    ? `:warning: **${destructive} destructive change(s)**, first: ${plan.items[0]!.summary}`
    : `:heavy_check_mark: ${plan.items.length} change(s), none destructive.`;
}

/** A PR comment: verdict and counts outside the folds, one fold per item, cut with a note under GitHub's limit. */
export function renderMarkdown(plan: Plan, context: PlanContext): string {
  const c = counts(plan);
  const kinds = [...new Set(plan.items.map((i) => i.kind))];
  const head = [
    MARKER,
    '### monac plan',
    '',
    verdict(plan),
    '',
    `Base: \`${context.base.slice(0, 12)}\` (${context.baseLabel}).`,
    '',
    '| kind | added | changed | moved | removed |',
    '|---|---:|---:|---:|---:|',
    ...kinds.map((k) => `| ${k} | ${(['added', 'changed', 'moved', 'removed'] as const).map((change) => plan.items.filter((i) => i.kind === k && i.change === change).length).join(' | ')} |`),
    `| **total** | **${c.added}** | **${c.changed}** | **${c.moved}** | **${c.removed}** |`,
    '',
    ...plan.errors.map((e) => `- :x: ${e}`),
    ...(plan.errors.length > 0 ? [''] : []),
    ...(context.series ? [...seriesLines(context.series, true), ''] : []),
  ].join('\n');
  const blocks = plan.items.map((item) => {
    const body = diffLines(item.fields);
    const summary = `${item.destructive ? ':warning: ' : ''}<code>${symbol[item.change]}</code> ${item.kind}: ${item.summary.replace(/</g, '&lt;')}`;
    return body.length === 0
      ? `- ${summary}\n`
      : `<details><summary>${summary}</summary>\n\n\`\`\`diff\n${body.join('\n').replace(/```/g, "'''")}\n\`\`\`\n\n</details>\n`;
  });
  let text = `${head}\n`;
  let shown = 0;
  for (const block of blocks) {
    if (text.length + block.length > COMMENT_LIMIT - 200) break;
    text += block;
    shown++;
  }
  if (shown < blocks.length) text += `\n_${blocks.length - shown} more change(s) not shown: the comment limit is 65,536 characters. Run \`monac plan\` for all of them._\n`;
  return text;
}

export function renderJson(plan: Plan, context: PlanContext): string {
  return `${JSON.stringify({ base: context.base, baseLabel: context.baseLabel, counts: counts(plan), errors: plan.errors, items: plan.items, series: context.series }, null, 2)}\n`;
}
