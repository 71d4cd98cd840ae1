import { defineService } from '#schemas';

/** HTDAG task decomposition and HALO routing (port 8001). */
export const genesisHtdagHalo = defineService({
  id: 'genesis-htdag-halo',
  description: 'HTDAG decomposition and HALO routing',
  team: 'genesis',
  labels: { tier: 'critical' },
  endpoints: [{ job: 'genesis-htdag-halo', targets: ['genesis-htdag-halo:8001'] }],
});

/** The production health test suite that runs every 5 minutes (port 8002). */
export const genesisTestSuite = defineService({
  id: 'genesis-test-suite',
  description: 'Production health test suite: pass rate, test execution',
  team: 'genesis',
  endpoints: [{ job: 'genesis-test-suite', targets: ['genesis-test-suite:8002'] }],
});
