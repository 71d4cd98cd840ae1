/**
 * Which folders monac may replace whole. `build --out` and `import --into`
 * swap a fresh folder in for the old one, so a wrong path would delete what
 * the user keeps there: the folder must be new, empty, or one monac wrote
 * (it carries MARKER, written with every output).
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { RefusedError } from './errors.ts';

/** The file monac writes into every folder it replaces whole, naming the command that owns it. */
export const MARKER = '.monac-output';

/** The command that writes a folder: a folder written by one is never replaced by the other. */
export type OutputOwner = 'build' | 'import' | 'export' | 'vendor';

export function markerContent(owner: OutputOwner): string {
  return `# This folder is written by \`monac ${owner}\` and replaced whole by it: files put here are lost.\nwritten-by: monac ${owner}\n`;
}

/** The owner a folder's marker names, or undefined when it has none (or one monac does not recognise). */
export function ownerOf(dir: string): OutputOwner | undefined {
  try {
    const found = /^written-by: monac (build|import|export|vendor)$/m.exec(readFileSync(join(dir, MARKER), 'utf8'));
    return found?.[1] as OutputOwner | undefined;
  } catch {
    return undefined;
  }
}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended (symbolic links resolved). */
function real(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(real(parent), basename(absolute));
}

/** `inner` is `outer` or below it (both absolute). */
export function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The repository the working folder is in: the nearest ancestor holding `.git`. */
function repositoryRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export interface OutputFolderRules {
  /** The command that writes the folder; it may replace only a folder it wrote itself. */
  readonly owner: OutputOwner;
  /** How the user named the folder, for the message (such as `--out .`). */
  readonly flag: string;
  /** The definitions folder: `build` never writes into it or over it. */
  readonly definitions?: string | undefined;
  /** The working folder (default: process.cwd()). */
  readonly cwd?: string | undefined;
}

/**
 * Throws a RefusedError (exit 2) naming the rule when `dir` may not be replaced
 * whole; returns when it is new, empty, or an earlier output of the same command.
 */
export function assertReplaceable(dir: string, rules: OutputFolderRules): void {
  const target = real(dir);
  const cwd = real(rules.cwd ?? process.cwd());
  const named = `${rules.flag} ${dir}`;
  const refuse = (rule: string, instead: string) => {
    throw new RefusedError(`refusing ${named}: ${rule}. monac ${rules.owner} replaces that folder whole, which would delete what it holds; ${instead}`);
  };
  const pick = {
    build: 'name a folder of its own, such as out',
    import: 'name a folder of its own, such as definitions/imported',
    export: 'name a folder of its own, such as openslo',
    vendor: 'name a folder of its own, such as definitions/vendor/kube-prometheus',
  }[rules.owner];
  if (within(cwd, target)) refuse(target === cwd ? 'it is the working folder' : 'it holds the working folder', pick);
  const root = repositoryRoot(cwd);
  if (root !== undefined && within(real(root), target)) refuse('it is the repository root or a folder above it', pick);
  if (rules.definitions !== undefined) {
    const definitions = real(rules.definitions);
    if (within(target, definitions)) refuse(`it is the definitions folder (${rules.definitions}) or inside it`, pick);
    if (within(definitions, target)) refuse(`it holds the definitions folder (${rules.definitions})`, pick);
  }
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) refuse('it is a file, not a folder', pick);
  const entries = readdirSync(target);
  if (entries.length === 0) return;
  const owner = ownerOf(target);
  if (owner === rules.owner) return;
  if (owner !== undefined) refuse(`it was written by monac ${owner}, not monac ${rules.owner} (its ${MARKER} says so)`, pick);
  refuse(
    `it holds ${entries.length} file(s) or folder(s) and no ${MARKER} marker, so monac did not write it`,
    `${pick}. If it is the output of a monac older than this marker, delete it (rm -rf ${dir}) and run the command again`,
  );
}
