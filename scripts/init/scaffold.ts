/**
 * The files `monac init` writes: a monitoring repository that depends on this
 * package, with one small service that shows each kind (a scrape job, an alert
 * with its promtool test and runbook, an SLO, a dashboard, a route), and CI
 * for GitHub Actions and GitLab that runs the commands the README documents.
 */
export interface ScaffoldOptions {
  /** The project's name (kebab-case). */
  readonly name: string;
  /** The dependency on monac as package.json spells it: `^0.1.0`, or what npm already wrote (`file:...tgz`). */
  readonly monac: string;
}

export const SCRIPTS: Readonly<Record<string, string>> = {
  build: 'monac build',
  check: 'monac check',
  validate: 'monac validate',
  plan: 'monac plan',
  test: 'monac build && monac test',
  typecheck: 'tsc --noEmit',
};

export function packageJson(options: ScaffoldOptions, existing: Record<string, unknown> = {}): string {
  const scripts = { ...SCRIPTS, ...(existing.scripts as Record<string, string> | undefined) };
  const dependencies = { ...(existing.dependencies as Record<string, string> | undefined), monac: options.monac };
  const devDependencies = { typescript: '5.9.3', '@types/node': '20.19.43', ...(existing.devDependencies as Record<string, string> | undefined) };
  const data = { name: options.name, private: true, ...existing, type: 'module', scripts, dependencies, devDependencies };
  return `${JSON.stringify(data, null, 2)}\n`;
}

export const TSCONFIG = `${JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    // Definitions import each other as './services/api.ts', as monac import writes them.
    allowImportingTsExtensions: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['definitions'],
}, null, 2)}\n`;

export function definitions(name: string): string {
  return `import { defineAlert, defineAlertmanager, defineDashboard, defineProject, defineService, defineSlo, timeseries } from 'monac';

/**
 * One service to start from: replace its job, targets and metrics with yours,
 * then run \`npm run build\` and look at out/. Each declaration is checked at
 * build time; an error names this file and line.
 */
const down = defineAlert({
  alert: 'ApiDown',
  expr: 'up{job="api"} == 0',
  for: '2m',
  severity: 'critical',
  summary: 'API instance {{ $labels.instance }} is down',
  description: 'Prometheus has not scraped {{ $labels.instance }} for two minutes.',
  runbook: {
    meaning: 'The API does not answer Prometheus: it is down or unreachable.',
    impact: 'Requests to the API fail.',
    diagnosis: ['Check that the process runs and listens on its port.', 'Check the network between Prometheus and the API.'],
    mitigation: ['Restart the API.', 'Roll back the last release if it started then.'],
  },
  // promtool test rules runs these: out/prometheus/tests/.
  tests: [
    { name: 'fires after two minutes down', series: { 'up{job="api", instance="api:8080"}': '0x5' }, at: '4m', fires: [{
      labels: { job: 'api', instance: 'api:8080' },
      annotations: { summary: 'API instance api:8080 is down', description: 'Prometheus has not scraped api:8080 for two minutes.' },
    }] },
    { name: 'stays quiet while up', series: { 'up{job="api", instance="api:8080"}': '1x5' }, at: '4m', fires: [] },
  ],
});

const availability = defineSlo({
  id: 'api-availability',
  objective: 99.9,
  sli: { events: { errors: 'http_requests_total{job="api", code=~"5.."}', total: 'http_requests_total{job="api"}' } },
  runbook: {
    impact: 'Requests fail; a full outage spends a month of error budget in 43 minutes.',
    mitigation: ['Follow ApiDown when it fires too.', 'Otherwise roll back the release that started the burn.'],
  },
});

const api = defineService({
  id: 'api',
  team: 'platform',
  description: 'The example API',
  endpoints: [{ job: 'api', targets: ['api:8080'] }],
  metrics: { http_requests_total: 'counter' },
  ruleGroups: [{ name: 'api', alerts: [down] }],
  slos: [availability],
});

const overview = defineDashboard({
  id: 'api-overview',
  title: 'API overview',
  folder: 'Platform',
  panels: [
    timeseries({
      title: 'Requests per second',
      description: 'Requests the API answered, by status code.',
      queries: [{ expr: 'sum by (code) (rate(http_requests_total{job="api"}[$__rate_interval]))', legend: '{{code}}' }],
      unit: 'reqps',
    }),
  ],
});

const alertmanager = defineAlertmanager({
  receivers: [
    // Alerts no route takes: the build refuses an alert that would only reach this one (route/default-only).
    { name: 'unrouted', email: [{ to: 'monitoring@example.org' }] },
    { name: 'team', email: [{ to: 'platform@example.org' }] },
    // The routing key is read from a file on the Alertmanager host, never written into out/.
    { name: 'pager', pagerduty: [{ routingKeyFile: '/etc/alertmanager/secrets/pagerduty-key' }] },
  ],
  global: { smtp: { smarthost: 'smtp.example.org:587', from: 'alerts@example.org' } },
  route: {
    receiver: 'unrouted',
    routes: [
      { matchers: ['severity="critical"'], receiver: 'pager' },
      { matchers: ['service="api"'], receiver: 'team' },
    ],
  },
});

export default defineProject({
  name: ${JSON.stringify(name)},
  // The releases you deploy: features they lack are refused at build time.
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  // Prometheus keeps 15 days unless told; the SLO's 30-day window reads 30 (out/prometheus/prometheus.flags).
  prometheus: { retention: { time: '30d' } },
  // Where responders open the runbooks monac writes to out/docs/runbooks/.
  links: { runbooks: 'https://github.com/example/monitoring/blob/main/out/docs/runbooks' },
  grafana: { datasource: { url: 'http://prometheus:9090' } },
  alertmanager,
  dashboards: [overview],
  services: [api],
});
`;
}

export const GITIGNORE = `node_modules/
# Left beside out/ only by a build that was killed; the next build removes them.
.out.staging-*
.out.retired-*
`;

export const GITATTRIBUTES = `# Generated by monac build: collapsed in pull request diffs.
out/** linguist-generated
`;

export const GITHUB_WORKFLOW = `name: monitoring
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
  pull-requests: write
jobs:
  monac:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: sudo apt-get update && sudo apt-get install -y prometheus prometheus-alertmanager
      - run: npm ci
      # The definitions type-check, out/ is what they compile to, and promtool and amtool accept it.
      - run: npm run typecheck
      - run: npm run check
      - run: npm test
      - name: plan
        if: github.event_name == 'pull_request'
        run: npx monac plan --base origin/\${{ github.base_ref }} --format markdown > plan.md
      - name: comment the plan
        if: github.event_name == 'pull_request'
        env:
          GH_TOKEN: \${{ github.token }}
        run: gh pr comment \${{ github.event.pull_request.number }} --body-file plan.md --edit-last || gh pr comment \${{ github.event.pull_request.number }} --body-file plan.md
`;

export const GITLAB_CI = `monac:
  image: node:20-bookworm
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  before_script:
    - apt-get update && apt-get install -y prometheus prometheus-alertmanager
    - npm ci
  script:
    # The definitions type-check, out/ is what they compile to, and promtool and amtool accept it.
    - npm run typecheck
    - npm run check
    - npm test
    - |
      if [ -n "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" ]; then
        git fetch origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
        npx monac plan --base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" --format markdown > plan.md
      fi
  artifacts:
    paths: [plan.md]
    when: always
`;
