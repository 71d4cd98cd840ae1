// Written by monac import: what this folder holds, for definitions/index.ts to use.
import { alertmanager } from './alertmanager.ts';
import { batchJobs } from './services/batch-jobs.ts';
import { checkoutApi } from './services/checkout-api.ts';
import { checkoutApiOverviewDashboard } from './dashboards/checkout-api-overview.ts';
import { checkoutWorkers } from './services/checkout-workers.ts';
import { node } from './services/node.ts';
import { nodeHealth } from './services/node-health.ts';
import { nodeRecordings } from './services/node-recordings.ts';

/** Every imported service: add them to defineProject({ services: [...] }). */
export const services = [batchJobs, checkoutApi, checkoutWorkers, node, nodeHealth, nodeRecordings];

/** Every imported dashboard: defineProject({ dashboards: [...] }), with grafana settings for the datasource. */
export const dashboards = [checkoutApiOverviewDashboard];

/** The imported Alertmanager: defineProject({ alertmanager }). */
export { alertmanager };
