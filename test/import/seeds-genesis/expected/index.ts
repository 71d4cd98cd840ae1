// Written by monac import: what this folder holds, for definitions/index.ts to use.
import { alertmanager } from './alertmanager.ts';
import { genesis48hDashboard } from './dashboards/genesis-48h.ts';
import { genesisHost } from './services/genesis-host.ts';
import { genesisHtdagHalo } from './services/genesis-htdag-halo.ts';
import { genesisOrchestrator } from './services/genesis-orchestrator.ts';
import { genesisTestSuite } from './services/genesis-test-suite.ts';

/** Every imported service: add them to defineProject({ services: [...] }). */
export const services = [genesisHost, genesisHtdagHalo, genesisOrchestrator, genesisTestSuite];

/** Every imported dashboard: defineProject({ dashboards: [...] }), with grafana settings for the datasource. */
export const dashboards = [genesis48hDashboard];

/** The imported Alertmanager: defineProject({ alertmanager }). */
export { alertmanager };
