import type { Generator } from './core/generator.ts';
import { alertmanagerGenerator } from './alertmanager/index.ts';
import { docsGenerator } from './docs/index.ts';
import { grafanaGenerator } from './grafana/index.ts';
import { kubernetesGenerator } from './kubernetes/index.ts';
import { prometheusGenerator } from './prometheus/index.ts';
import { rulesGenerator } from './rules/index.ts';
import { stackGenerator } from './stack/index.ts';

/** The registry: adding an output format is a new folder plus one line here. */
export const generators: readonly Generator[] = [
  prometheusGenerator, rulesGenerator, alertmanagerGenerator, grafanaGenerator, kubernetesGenerator, stackGenerator, docsGenerator,
];
