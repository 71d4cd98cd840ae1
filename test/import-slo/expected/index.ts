// Written by monac import: what this folder holds, for definitions/index.ts to use.
import { api } from './services/api.ts';
import { billing } from './services/billing.ts';
import { catalog } from './services/catalog.ts';
import { checkout } from './services/checkout.ts';
import { payments } from './services/payments.ts';
import { search } from './services/search.ts';

/** Every imported service: add them to defineProject({ services: [...] }). */
export const services = [api, billing, catalog, checkout, payments, search];

/** Every imported dashboard: defineProject({ dashboards: [...] }), with grafana settings for the datasource. */
export const dashboards = [];
