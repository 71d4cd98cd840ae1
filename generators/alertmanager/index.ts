import type { Artifact, Generator } from '../core/generator.ts';
import type { Model } from '../core/model.ts';
import { checkAlertmanager } from './checks.ts';
import { alertmanagerConfig } from './config.ts';
import { routingTable } from '../model/routing.ts';
import { routingDoc } from './routing-doc.ts';
import { TEMPLATE_FILE, templates } from './templates.ts';

/** alertmanager.yml, its notification templates, and the routing table in docs/. */
export const alertmanagerGenerator: Generator = {
  name: 'alertmanager',
  check: checkAlertmanager,
  generate(model: Model): Artifact[] {
    const am = model.project.alertmanager;
    if (!am) return [];
    return [
      { path: 'alertmanager/alertmanager.yml', format: 'yaml', data: alertmanagerConfig(am.config) },
      { path: `alertmanager/${TEMPLATE_FILE}`, format: 'text', data: templates },
      { path: 'docs/routing.md', format: 'text', data: routingDoc(routingTable(model), am.config.route.receiver ?? '') },
    ];
  },
};
