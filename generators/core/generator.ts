import type { Diagnostic } from './diagnostic.ts';
import type { Model } from './model.ts';

/** One output file, as data. The emit stage serializes every artifact the same way. */
export interface Artifact {
  /** Relative to out/, with forward slashes: `prometheus/prometheus.yml`. */
  readonly path: string;
  readonly format: 'yaml' | 'json' | 'text';
  /** For yaml and json, a plain value; for text, the file's content. */
  readonly data: unknown;
  /**
   * `files`: part of the plain-files delivery (prometheus.yml, alertmanager.yml, Grafana
   * provisioning), left out of out/ when the project turns that delivery off.
   * Later generators still see it, to package it another way.
   */
  readonly delivery?: 'files';
}

export interface Generator {
  /** kebab-case; also its golden subfolder and the --only value */
  readonly name: string;
  /** Build-time checks of what this family writes; any finding stops the build before lint and generate. */
  check?(model: Model): readonly Diagnostic[];
  /**
   * pure: no fs, clock, env or randomness; same model, same artifacts.
   * `upstream` holds what the generators before this one in the registry wrote,
   * for a family that packages other families' files (Kubernetes objects).
   */
  generate(model: Model, upstream: readonly Artifact[]): readonly Artifact[];
  /** Checks of what was generated (sizes, object schemas); an error keeps out/ untouched. */
  review?(model: Model, artifacts: readonly Artifact[]): readonly Diagnostic[];
}
