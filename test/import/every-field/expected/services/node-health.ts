// Imported by monac import from input/platform-rules.yaml.
// Yours to edit from here: the declarations build back to the input.
import { defineAlert, defineService } from '#schemas';

export const nodeHealth = defineService({
  id: 'node-health',
  team: 'platform',
  ruleGroups: [
    {
      name: 'node',
      alerts: [
        defineAlert({
          alert: 'NodeFilesystemAlmostFull',
          expr: 'node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1',
          for: '15m',
          severity: 'warning',
          summary: 'Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} is almost full',
        }),
      ],
    },
  ],
});
