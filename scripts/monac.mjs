#!/usr/bin/env node
// @ts-check
/**
 * The monac command as npm scripts run it: the compiler from one prebuilt
 * JavaScript bundle instead of its ~150 TypeScript modules through tsx's
 * loader, which took about a second of every start. Plain JavaScript, so it
 * runs before any TypeScript loader exists.
 *
 * The bundle is esbuild's, of scripts/cli.ts and everything it imports, the
 * packages included but for a few (keptOutside), written to
 * node_modules/.cache/monac/compiler/<fingerprint>/. The fingerprint is a
 * hash of the sources' content, this checkout's path and esbuild's version:
 * an edited source gives a new fingerprint, and the next run builds the
 * bundle again (about 1 s). Each build goes to a folder of its own and is
 * renamed into place, so parallel runs never read a half-written bundle.
 *
 * The user's definitions are TypeScript too. esbuild bundles them when the
 * compiler asks for them (generators/core/load.ts), with source maps inline,
 * so call sites and exceptions still name the user's file and line. Their
 * imports of schemas/ are pointed at the compiler bundle's own modules: one
 * declaration language in the process, built once. (tsx's loader took 0.3 s
 * to start its thread, and the definitions' second copy of schemas/ as much.)
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * The folder the launcher may write: in a checkout, its own
 * node_modules/.cache/monac; installed as a package, the installing
 * project's node_modules/.cache/monac; when neither is writable (a read-only
 * install), a folder of this user's own under the system's temporary folder,
 * created private and used only while it is still this user's and private.
 * @returns {string}
 */
function cacheRoot() {
  const inside = root.lastIndexOf(`${sep}node_modules${sep}`);
  const candidates = [join(inside === -1 ? root : root.slice(0, inside), 'node_modules', '.cache', 'monac')];
  for (const dir of candidates) {
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
      return dir;
    } catch {
      // Read-only: the next candidate.
    }
  }
  const uid = process.getuid?.() ?? 0;
  const own = join(tmpdir(), `monac-cache-${uid}`);
  mkdirSync(own, { recursive: true, mode: 0o700 });
  const stat = lstatSync(own);
  if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o022) !== 0) {
    throw new Error(`monac: ${own} is not a private folder of this user's; remove it or make node_modules writable`);
  }
  return own;
}

const cacheBase = cacheRoot();
const cache = join(cacheBase, 'compiler');
/** Where the definitions are bundled, one folder per load, removed once imported; schemas/source.ts knows it as the user's code. */
const definitionsCache = join(cacheBase, 'definitions');
/** The folders whose TypeScript the CLI can reach; schemas/json holds data, not code. */
const sourceDirs = ['scripts', 'generators', 'schemas'];
/** Bundles other than the current one are removed once this old: a run that started from one may still load its lazy chunks. */
const keepOldMs = 60 * 60 * 1000;

/** @param {string} dir @returns {string[]} */
function typescriptUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

const esbuildVersion = /** @type {{ version: string }} */ (createRequire(import.meta.url)('esbuild/package.json')).version;

/** @returns {string} */
function fingerprint() {
  const hash = createHash('sha256');
  // The launcher too: how it bundles is part of what the bundle is.
  hash.update(`${root}\0${esbuildVersion}\0`);
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const file of sourceDirs.flatMap((dir) => typescriptUnder(join(root, dir))).sort()) {
    hash.update(`${relative(root, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The plugin that keeps each module's own location: `import.meta.url` and
 * `import.meta.dirname` name the source file, not the bundle (the docs read
 * their templates beside render.ts, locate.ts finds TypeScript from there).
 * @type {import('esbuild').Plugin}
 */
const ownLocation = {
  name: 'own-location',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      // Other packages' TypeScript is theirs; this package's own may sit in a project's node_modules.
      if (!args.path.startsWith(`${root}${sep}`) && args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      if (args.path.startsWith(`${root}${sep}`) && args.path.slice(root.length).includes(`${sep}node_modules${sep}`)) return undefined;
      const text = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)));
      return { contents: text, loader: 'ts' };
    });
  },
};

/**
 * Packages the compiler bundle imports from node_modules rather than carries:
 * re2-wasm (kubernetes-models' validator) loads its .wasm file from beside
 * itself; typescript, prettier and echarts are large and only some commands
 * load them; esbuild and tsx are tools.
 */
const keptOutside = ['re2-wasm', 'typescript', 'prettier', 'echarts', 'esbuild', 'tsx'];

/**
 * The packages kept outside, imported by their absolute location as resolved
 * from this package: the bundle may live in another project's cache or the
 * temporary folder, from where Node would not find them.
 * @type {import('esbuild').Plugin}
 */
const outsideByLocation = {
  name: 'outside-by-location',
  setup(build) {
    const filter = new RegExp(`^(?:${keptOutside.join('|')})(?:/|$)`);
    build.onResolve({ filter }, async (args) => {
      if (args.pluginData === 'outside-by-location') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: root, pluginData: 'outside-by-location' });
      return resolved.errors.length > 0 ? undefined : { path: pathToFileURL(resolved.path).href, external: true };
    });
  },
};

const schemasDir = join(root, 'schemas');
const schemaModules = () => readdirSync(schemasDir).filter((name) => name.endsWith('.ts')).map((name) => name.slice(0, -3));

/** @param {string} dir */
async function bundle(dir) {
  const esbuild = await import('esbuild');
  const staging = `${dir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await esbuild.build({
    // Every module of the declaration language is an entry too: the definitions import them from here.
    entryPoints: { cli: join(root, 'scripts/cli.ts'), ...Object.fromEntries(schemaModules().map((name) => [`schemas/${name}`, join(schemasDir, `${name}.ts`)])) },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages are bundled too (resolving each package's modules at every start cost 0.3 s), but for those
    // too large to parse at each start (keptOutside, see outsideByLocation).
    banner: { js: "import { createRequire as monacCreateRequire } from 'node:module'; const require = monacCreateRequire(import.meta.url);" },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    logLevel: 'error',
    plugins: [outsideByLocation, ownLocation],
  });
  // What the bundle was built from, for whoever looks into the cache.
  writeFileSync(join(staging, 'source.json'), `${JSON.stringify({ root, esbuild: esbuildVersion }, null, 2)}\n`);
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Another run built the same fingerprint first: use its bundle.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, 'cli.mjs'))) throw error;
  }
  const now = Date.now();
  for (const old of readdirSync(cache)) {
    const path = join(cache, old);
    try {
      if (path !== dir && now - statSync(path).mtimeMs > keepOldMs) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

/**
 * Resolves the definitions' imports of schemas/ (`#schemas` or a path) to the
 * compiler bundle's modules of the same name, left as imports.
 * @param {string} dir the compiler bundle
 * @returns {import('esbuild').Plugin}
 */
const sharedSchemas = (dir) => ({
  name: 'shared-schemas',
  setup(build) {
    // A user's project imports the language by the package's name: `monac` is schemas/index.ts.
    build.onResolve({ filter: /^monac$/ }, () => ({ path: pathToFileURL(join(dir, 'schemas', 'index.mjs')).href, external: true }));
    build.onResolve({ filter: /^[.#/]/ }, async (args) => {
      if (args.pluginData === 'shared-schemas') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'shared-schemas' });
      if (resolved.errors.length > 0) return undefined;
      if (dirname(resolved.path) === schemasDir && resolved.path.endsWith('.ts')) {
        return { path: pathToFileURL(join(dir, 'schemas', `${relative(schemasDir, resolved.path).slice(0, -3)}.mjs`)).href, external: true };
      }
      // Subpath imports (`#...`) are resolved here: from the cache folder Node could not.
      return args.path.startsWith('#') ? { path: resolved.path } : undefined;
    });
  },
});

let loads = 0;

/**
 * Imports one of the user's TypeScript modules, bundled by esbuild. A syntax
 * error is thrown with its place in the user's file (`location`).
 * @param {string} dir the compiler bundle
 * @param {string} url
 */
async function importTypeScript(dir, url) {
  const esbuild = await import('esbuild');
  const out = join(definitionsCache, `${process.pid}-${loads++}`);
  try {
    await esbuild.build({
      entryPoints: [fileURLToPath(url)],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      outfile: join(out, 'index.mjs'),
      sourcemap: 'inline',
      logLevel: 'silent',
      plugins: [sharedSchemas(dir), ownLocation],
    });
  } catch (error) {
    const first = /** @type {{ errors?: import('esbuild').Message[] }} */ (error).errors?.[0];
    if (!first) throw error;
    const where = first.location;
    throw Object.assign(new SyntaxError(first.text), where ? { location: { file: join(process.cwd(), where.file), line: where.line, column: where.column + 1 } } : {});
  }
  // Stack traces and call sites through the inline source map: the user's own lines.
  process.setSourceMapsEnabled(true);
  try {
    return await import(pathToFileURL(join(out, 'index.mjs')).href);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

mkdirSync(cache, { recursive: true });
const dir = join(cache, fingerprint());
if (!existsSync(join(dir, 'cli.mjs'))) await bundle(dir);
/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('monac.typescript')] = (/** @type {string} */ url) => importTypeScript(dir, url);
await import(pathToFileURL(join(dir, 'cli.mjs')).href);
