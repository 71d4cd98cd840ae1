// Written by monac import: what this folder holds, for definitions/index.ts to use.
import { checkoutApi } from './services/checkout-api.ts';
import { search } from './services/search.ts';

/** Every imported service: add them to defineProject({ services: [...] }). */
export const services = [checkoutApi, search];

/** Every imported dashboard: defineProject({ dashboards: [...] }), with grafana settings for the datasource. */
export const dashboards = [];
