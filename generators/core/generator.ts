import type { Diagnostic } from './diagnostic.ts';
import type { Model } from './model.ts';

/** One output file, as data. The emit stage serializes every artifact the same way. */
export interface Artifact {
  /** Relative to out/, with forward slashes: `prometheus/prometheus.yml`. */
  readonly path: string;
  readonly format: 'yaml' | 'json' | 'text';
  /** For yaml and json, a plain value; for text, the file's content. */
  readonly data: unknown;
}

export interface Generator {
  /** kebab-case; also its golden subfolder and the --only value */
  readonly name: string;
  /** Build-time checks of what this family writes; any finding stops the build before lint and generate. */
  check?(model: Model): readonly Diagnostic[];
  /** pure: no fs, clock, env or randomness; same model, same artifacts */
  generate(model: Model): readonly Artifact[];
}
