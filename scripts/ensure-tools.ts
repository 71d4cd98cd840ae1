/**
 * pretest: makes sure the real tools the tests run are installed. When one is
 * missing and apt-get can run, installs Debian's packages; otherwise fails and
 * says how to install them. A missing tool is never a skipped test.
 */
import { spawnSync } from 'node:child_process';
import { installHint, preinstalledTools, requiredTools as tools, toolPath } from './required-tools.ts';

const has = (command: string) => toolPath(command) !== undefined;
// With tool names (npm run stack's prestep), only those; else every tool the tests run.
const wanted = process.argv.slice(2);
const unknownTools = wanted.filter((tool) => !(tool in tools) && !(tool in preinstalledTools));
if (unknownTools.length > 0) {
  console.error(`ensure-tools: unknown tool ${unknownTools.join(', ')}`);
  process.exit(2);
}
const selected = (names: string[]) => (wanted.length > 0 ? names.filter((name) => wanted.includes(name)) : names);
const absent = selected(Object.keys(preinstalledTools)).filter((tool) => !has(tool));
if (absent.length > 0) {
  for (const tool of absent) console.error(`missing ${tool}: ${installHint(tool)}`);
  process.exit(1);
}
const missing = selected(Object.keys(tools)).filter((tool) => !has(tool));

if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map((tool) => tools[tool]!))];
const hint = `install them with: apt-get update && apt-get install -y ${packages.join(' ')}`;
const isRoot = process.getuid?.() === 0;
const sudo = !isRoot && has('sudo') && spawnSync('sudo', ['-n', 'true']).status === 0;
if (!has('apt-get') || (!isRoot && !sudo)) {
  console.error(`missing ${missing.join(', ')}; this machine cannot run apt-get for us: ${hint}`);
  process.exit(1);
}

console.error(`installing Debian's ${packages.join(', ')} for ${missing.join(', ')}...`);
const run = (args: string[]) => {
  const [command, ...rest] = sudo ? ['sudo', '-n', ...args] : args;
  const result = spawnSync(command!, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
};
if (!run(['apt-get', 'update', '-qq']) || !run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages])) {
  console.error(`apt-get failed; ${hint}`);
  process.exit(1);
}
const still = missing.filter((tool) => !has(tool));
if (still.length > 0) {
  console.error(`still missing after installing: ${still.join(', ')}`);
  process.exit(1);
}
