import { spawnSync } from 'node:child_process';

/** The real tools the tests run that Debian packages: npm test's pretest step installs the missing ones. */
export const requiredTools: Readonly<Record<string, string>> = {
  promtool: 'prometheus',
  prometheus: 'prometheus',
  amtool: 'prometheus-alertmanager',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  vmalert: 'victoria-metrics',
  'prometheus-node-exporter': 'prometheus-node-exporter',
  'prometheus-blackbox-exporter': 'prometheus-blackbox-exporter',
  chromium: 'chromium',
};

/**
 * Tools the machine image brings and no reachable package installs in a
 * usable version: Debian's kubernetes-client is kubectl 1.20, whose
 * kustomize v2 cannot take folders as resources.
 */
export const preinstalledTools: Readonly<Record<string, string>> = {
  kubectl: 'kubectl 1.21 or later (its built-in kustomize builds out/kubernetes); Debian\'s kubernetes-client 1.20 is too old',
};

/** What to tell a user whose machine lacks `tool`. */
export function installHint(tool: string): string {
  const pkg = requiredTools[tool];
  if (pkg) return `npm test's pretest step installs it with apt-get; by hand: apt-get install ${pkg}`;
  return preinstalledTools[tool] ? `install ${preinstalledTools[tool]}` : 'install it and run the tests again';
}

/** The absolute path of a tool on PATH, or undefined. */
export function toolPath(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

/** The absolute path of a real tool; its absence is an error that says how to install it (a failure, never a skip). */
export function requireTool(name: string): string {
  const path = toolPath(name);
  if (!path) throw new Error(`${name} is not installed (${installHint(name)})`);
  return path;
}
