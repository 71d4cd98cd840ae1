// Imported by monac import from input/mimir-rules.yml.
// Yours to edit from here: the declarations build back to the input.
import { defineAlert, defineService } from '#schemas';

export const batchJobs = defineService({
  id: 'batch-jobs',
  team: 'data',
  ruleGroups: [
    {
      name: 'batch',
      alerts: [
        defineAlert({ alert: 'BatchJobFailed', expr: 'increase(batch_job_failures_total[1h]) > 0', severity: 'info' }),
      ],
    },
  ],
});
