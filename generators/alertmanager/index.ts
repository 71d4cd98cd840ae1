import type { Artifact, Generator } from '../core/generator.ts';
import type { Model } from '../core/model.ts';
import { checkAlertmanager } from './checks.ts';
import { alertmanagerConfig } from './config.ts';
import { TEMPLATE_FILE, templates } from './templates.ts';

/** alertmanager.yml and its notification templates; the routing table is the docs family's. */
export const alertmanagerGenerator: Generator = {
  name: 'alertmanager',
  check: checkAlertmanager,
  generate(model: Model): Artifact[] {
    const am = model.project.alertmanager;
    if (!am) return [];
    return [
      { path: 'alertmanager/alertmanager.yml', format: 'yaml', data: alertmanagerConfig(am.config), delivery: 'files' },
      { path: `alertmanager/${TEMPLATE_FILE}`, format: 'text', data: templates, delivery: 'files' },
      ...Object.entries(am.config.templates ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, text]): Artifact => ({
        path: `alertmanager/templates/${name}`, format: 'text', data: text.endsWith('\n') ? text : `${text}\n`, delivery: 'files',
      })),
    ];
  },
};
