// Imported by monac import from input/platform-rules.yaml.
// Yours to edit from here: the declarations build back to the input.
import { defineRecordingRule, defineService } from '#schemas';

export const nodeRecordings = defineService({
  id: 'node-recordings',
  team: 'platform',
  ruleGroups: [
    {
      name: 'node-recordings',
      records: [
        defineRecordingRule({
          record: 'instance:node_cpu_utilisation:rate5m',
          expr: '1 - avg without (cpu) (rate(node_cpu_seconds_total{mode="idle"}[5m]))',
        }),
      ],
    },
  ],
});
