import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from '../../generators/core/errors.ts';
import { loadModel } from '../model.ts';
import { clientFromFlags, clientOptions } from '../verify/query.ts';
import { buildReport } from './compute.ts';
import { day, month, rolling, week, type Period } from './period.ts';
import { toHtml, toJson, toMarkdown } from './render.ts';

export const reportUsage = `Usage: monac report --prometheus URL (--month YYYY-MM | --week YYYY-Www | --day YYYY-MM-DD | --last 30d) [flags]

An SLA report per SLO for a calendar period (UTC) or a rolling window:
availability, objective, met or missed, budget used and left, the worst days
and the burn-rate incidents. Exit codes: 0 every SLO met, 1 one missed, 3 one
without data (never reported as met), 2 usage.

Flags:
  --format md|json|html   (default md)
  --output FILE           write there instead of standard output
  --service ID, --slo ID  only these (repeatable)
  --at TIME               end of a --last window (default now)
  --timeout DURATION      per query (default 30s)
  --bearer-file FILE, --basic-user NAME --password-file FILE
  --definitions DIR       (default: definitions)`;

function parse(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      ...clientOptions,
      month: { type: 'string' },
      week: { type: 'string' },
      day: { type: 'string' },
      last: { type: 'string' },
      at: { type: 'string' },
      format: { type: 'string', default: 'md' },
      output: { type: 'string' },
      service: { type: 'string', multiple: true },
      slo: { type: 'string', multiple: true },
      definitions: { type: 'string', default: 'definitions' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const client = clientFromFlags(values, '30s');
  if (!['md', 'json', 'html'].includes(values.format)) throw new UsageError(`--format must be md, json or html, got ${values.format}`);
  const chosen = (['month', 'week', 'day', 'last'] as const).filter((k) => values[k] !== undefined);
  if (chosen.length !== 1) throw new UsageError('give exactly one of --month, --week, --day and --last');
  const end = values.at === undefined ? Math.floor(Date.now() / 1000) : /^\d+$/.test(values.at) ? Number(values.at) : Date.parse(values.at) / 1000;
  if (Number.isNaN(end)) throw new UsageError(`--at must be RFC 3339 or unix seconds, got ${values.at}`);
  const period: Period = values.month ? month(values.month) : values.week ? week(values.week) : values.day ? day(values.day) : rolling(values.last!, end);
  return { client, period, format: values.format as 'md' | 'json' | 'html', output: values.output, services: values.service, slos: values.slo, definitions: values.definitions };
}

/** `monac report`: returns the exit code. */
export async function runReportCommand(argv: readonly string[]): Promise<number> {
  const args = parse(argv);
  if (!args) {
    console.log(reportUsage);
    return 0;
  }
  const { model } = await loadModel(args.definitions);
  const report = await buildReport(args.client, model, args.period, { services: args.services, slos: args.slos });
  if (report.slos.length === 0) throw new UsageError('no SLO matches');
  const text = args.format === 'json' ? toJson(report) : args.format === 'html' ? toHtml(report) : toMarkdown(report);
  if (args.output) writeFileSync(args.output, text);
  else process.stdout.write(text);
  if (report.slos.some((r) => r.met === false)) return 1;
  return report.slos.some((r) => r.met === null) ? 3 : 0;
}
