import type { Diagnostic } from '../core/diagnostic.ts';
import type { Artifact, Generator } from '../core/generator.ts';
import { locateSite } from '../core/locate.ts';
import { docPageKinds, type DocPageKind, type Model, type Site } from '../core/model.ts';
import { joinSubject } from '../core/schema-issues.ts';
import { routingTable } from '../model/routing.ts';
import { paths } from './conventions.ts';
import { escalationView, indexView, maintenanceView, routingView, runbookView } from './pages.ts';
import { render, templateError } from './render.ts';


/**
 * out/docs/: a runbook page per service (the sections runbook_url points at),
 * an index, the escalation matrix, maintenance windows, and the routing table
 * with its tree. Only routing.md when the project neither links runbooks nor
 * sets `docs`.
 */
export const docsGenerator: Generator = {
  name: 'docs',
  check: checkDocs,
  generate(model: Model): Artifact[] {
    const table = routingTable(model);
    const routed = new Map(table.map((row) => [row.alert, row]));
    const templates = model.project.docs.templates;
    const page = (path: string, kind: DocPageKind, view: object): Artifact => ({ path, format: 'text', data: render(kind, view, templates[kind]) });
    const routing = model.project.alertmanager ? [page(paths.routing, 'routing', routingView(model, table, model.project.docs.pages))] : [];
    if (!model.project.docs.pages) return routing;
    return [
      page(paths.index, 'index', indexView(model, routed)),
      ...model.services.map((service) => page(paths.runbook(service.id), 'runbook', runbookView(model, service, routed))),
      page(paths.escalation, 'escalation', escalationView(model)),
      page(paths.maintenance, 'maintenance', maintenanceView(model)),
      ...routing,
    ];
  },
};

function error(site: Site, field: readonly PropertyKey[], code: string, message: string): Diagnostic {
  return { severity: 'error', code, location: locateSite(site, field), subject: joinSubject(site.subject, field), message };
}

/** Escalation levels name receivers that exist, one policy per team, and the project's templates compile. */
function checkDocs(model: Model): Diagnostic[] {
  const receivers = new Set((model.project.alertmanager?.config.receivers ?? []).map((r) => r.name));
  const seen = new Set<string>();
  return [
    ...model.project.escalation.flatMap(({ policy, site }) => {
      const key = policy.team ?? '';
      const repeated = seen.has(key) ? [error(site, policy.team ? ['team'] : [], 'docs/duplicate-escalation', policy.team ? `team ${policy.team} already has an escalation policy` : 'a policy without a team is already declared')] : [];
      seen.add(key);
      return [
        ...repeated,
        ...policy.levels.flatMap((level, l) => (level.receivers ?? []).flatMap((name, r) => (receivers.has(name)
          ? []
          : [error(site, ['levels', l, 'receivers', r], 'docs/unknown-receiver', `no receiver is called ${JSON.stringify(name)}; declared: ${[...receivers].sort().join(', ') || 'none'}`)]))),
      ];
    }),
    ...docPageKinds.flatMap((kind) => {
      const source = model.project.docs.templates[kind];
      const problem = source === undefined ? undefined : templateError(source);
      return problem ? [error(model.project.site, ['docs', 'templates', kind], 'docs/template', `the ${kind} template does not compile: ${problem}`)] : [];
    }),
  ];
}
