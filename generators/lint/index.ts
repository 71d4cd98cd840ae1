import type { LintRule } from '../core/lint.ts';
import { scrapeAuthOverHttp } from './scrape-auth-over-http.ts';

/** Every lint rule; adding one is a file in this folder plus one line here. */
export const lintRules: readonly LintRule[] = [scrapeAuthOverHttp];
