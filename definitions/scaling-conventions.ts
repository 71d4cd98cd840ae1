/** Scale-down that is slow and gentle, as the seeds ask: ten minutes of calm, then 10% a minute at most. */
export const gentleScaleDown = {
  stabilizationWindowSeconds: 600,
  selectPolicy: 'Min' as const,
  policies: [{ type: 'Percent' as const, value: 10, periodSeconds: 60 }],
};

/** The seeds' peak hours (business hours, UTC) as a replica floor. */
export const businessHours = (replicas: number) => [{ name: 'business-hours', timezone: 'UTC', start: '0 9 * * 1-5', end: '0 18 * * 1-5', replicas }];
