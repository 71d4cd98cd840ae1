// Imported by monac import from:
//   input/openslo/catalog-alert-policies.yml
//   input/openslo/catalog-raw-and-alpha.yml
//   input/openslo/catalog-v1.yml
// Yours to edit from here: the declarations build back to the input.
import { defineService, defineSlo } from '#schemas';

export const catalog = defineService({
  id: 'catalog',
  team: 'catalog',
  slos: [
    defineSlo({
      id: 'catalog-checkout',
      objective: 99.5,
      period: '28d',
      sli: {
        events: { errors: 'catalog_checkouts_total{outcome="error"}', total: 'catalog_checkouts_total' },
      },
      tiers: {
        fastPage: {
          longWindow: '1h',
          shortWindow: '1h',
          burnRate: 14,
          for: '5m',
        },
        slowPage: false,
        fastTicket: {
          longWindow: '1d',
          shortWindow: '1d',
          burnRate: 2,
          for: '1h',
        },
        slowTicket: false,
      },
      noDataFor: '1d',
    }),
    defineSlo({
      id: 'catalog-search',
      objective: 99.5,
      period: '28d',
      sli: {
        ratio: {
          successRatio: 'sum(rate(catalog_searches_ok_total[$window])) / sum(rate(catalog_searches_total[$window]))',
        },
      },
    }),
    defineSlo({
      id: 'catalog-images',
      description: 'Image requests served.',
      objective: 99,
      period: '28d',
      sli: {
        events: { good: 'catalog_image_requests_total{code!~"5.."}', total: 'catalog_image_requests_total' },
      },
    }),
    defineSlo({
      id: 'catalog-reads-strict',
      description: 'Catalog reads that succeed.',
      objective: 99.9,
      period: '4w',
      sli: {
        events: { good: 'catalog_reads_total{code!~"5.."}', total: 'catalog_reads_total' },
      },
    }),
    defineSlo({
      id: 'catalog-reads-relaxed',
      description: 'Catalog reads that succeed.',
      objective: 99.5,
      period: '4w',
      sli: {
        events: { good: 'catalog_reads_total{code!~"5.."}', total: 'catalog_reads_total' },
      },
    }),
    defineSlo({
      id: 'catalog-writes',
      objective: 99,
      sli: {
        events: { errors: 'catalog_writes_total{code=~"5.."}', total: 'catalog_writes_total' },
      },
      groupBy: ['region'],
    }),
  ],
});
