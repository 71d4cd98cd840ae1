import { defineProject, defineService, defineSlo } from '#schemas';

/**
 * The Sloth events spec (input/sloth/checkout-events.yml) and the Pyrra ratio
 * spec (input/pyrra/search-ratio.yml) as a user of the language declares
 * them, written from the specs and the tools' documentation, not from the
 * import. test/import-slo.test.ts runs these SLOs' scenario tests against
 * the imported SLOs' rules.
 */
const checkoutAvailability = defineSlo({
  id: 'checkout-requests-availability',
  description: 'Checkout requests that do not fail.',
  objective: 99.9,
  // Sloth's default period, and its 30-day windows catalog: the language's default tiers.
  period: '30d',
  sli: { events: { errors: 'http_requests_total{code=~"5..", job="checkout"}', total: 'http_requests_total{job="checkout"}' } },
  labels: { owner: 'payments' },
  alert: 'CheckoutHighErrorRate',
  alerting: { labels: { category: 'availability' }, annotations: { summary: 'Checkout requests fail' }, page: { labels: { pager: 'payments' } } },
});

// Pyrra's tiers at 28 days (slo/rules.go): 14x over 1h/5m for 2m, 7x over 6h/30m for 15m, 2x over 1d/2h for 1h, 1x over 4d/6h for 3h.
const searchErrors = defineSlo({
  id: 'search-errors',
  description: 'Search requests that do not fail with a 5xx.',
  objective: 99.5,
  period: '28d',
  sli: { events: { errors: 'http_requests_total{job="search", code=~"5.."}', total: 'http_requests_total{job="search"}' } },
  labels: { tier: '1' },
  alert: 'ErrorBudgetBurn',
  tiers: {
    fastPage: { longWindow: '1h', shortWindow: '5m', burnRate: 14, for: '2m' },
    slowPage: { longWindow: '6h', shortWindow: '30m', burnRate: 7, for: '15m' },
    fastTicket: { longWindow: '1d', shortWindow: '2h', burnRate: 2, for: '1h' },
    slowTicket: { longWindow: '4d', shortWindow: '6h', burnRate: 1, for: '3h' },
  },
  // Pyrra's absent alert: 14 x 0.5% x 1h + 2m, to the minute.
  noDataFor: '6m',
});

export default defineProject({
  name: 'by-hand',
  targets: { prometheus: '2.42.0', alertmanager: '0.25.0', grafana: '11.3.0', kubernetes: '1.30' },
  services: [
    defineService({ id: 'checkout', team: 'payments', slos: [checkoutAvailability] }),
    defineService({ id: 'search', team: 'discovery', slos: [searchErrors] }),
  ],
  grafana: { datasource: { url: 'http://prometheus:9090' }, serviceDashboards: false, sloDashboards: false, infrastructure: false },
});
