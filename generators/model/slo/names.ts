/** Recording rule names, as Sloth names them. */
export const names = {
  ratio: (window: string) => `slo:sli_error:ratio_rate${window}`,
  errors5m: 'slo:sli_errors:rate5m',
  total5m: 'slo:sli_requests:rate5m',
  objective: 'slo:objective:ratio',
  errorBudget: 'slo:error_budget:ratio',
  periodDays: 'slo:time_period:days',
  currentBurn: 'slo:current_burn_rate:ratio',
  periodBurn: 'slo:period_burn_rate:ratio',
  budgetRemaining: 'slo:period_error_budget_remaining:ratio',
  /** A time-slice SLI's query over the latest slice, and whether that slice is good (1) or bad (0). */
  sliceValue: 'slo:timeslice_sli:value',
  sliceGood: 'slo:timeslice_good:bool',
  /** A calendar period's error ratio since it started, and the share of it gone by. */
  periodToDate: 'slo:sli_error:ratio_period_to_date',
  periodIndex: 'slo:time_period:index',
  errors1h: 'slo:sli_errors:rate1h',
  total1h: 'slo:sli_requests:rate1h',
  periodElapsed: 'slo:time_period_elapsed:ratio',
} as const;
