import { posix } from 'node:path';
import { parse } from 'yaml';
import GithubSlugger from 'github-slugger';

/**
 * Every anchor a Markdown page defines, as GitHub makes them (github-slugger,
 * its own algorithm, numbering repeats -1, -2): independent of the generator's
 * slug function, so a link is checked against what a reader's browser finds.
 * Inline code marks are dropped first, as GitHub renders the heading's text.
 */
export function anchorsIn(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) anchors.add(slugger.slug(heading[1]!.replace(/`/g, '')));
  }
  return anchors;
}

/** Files of a build, by path relative to out/. */
export type Tree = ReadonlyMap<string, string>;

/** Links of a Markdown page, outside code blocks and code spans: `[text](target)`. */
export function linksIn(markdown: string): string[] {
  const links: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const prose = line.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) links.push(m[1]!);
  }
  return links;
}

/** A relative link of `page` that names no file of the tree, or no heading of that file. */
export function brokenRelativeLinks(tree: Tree): string[] {
  const broken: string[] = [];
  for (const [page, content] of tree) {
    if (!page.endsWith('.md')) continue;
    for (const link of linksIn(content)) {
      if (/^[a-z]+:/.test(link)) continue;
      const [file, anchor] = link.split('#') as [string, string | undefined];
      const target = file === '' ? page : posix.normalize(posix.join(posix.dirname(page), file));
      const text = tree.get(target);
      if (text === undefined) broken.push(`${page}: ${link} (no file ${target})`);
      else if (anchor !== undefined && !anchorsIn(text).has(anchor)) broken.push(`${page}: ${link} (no heading #${anchor} in ${target})`);
    }
  }
  return broken;
}

/** Every runbook_url annotation of the rule files of a build, for every evaluator. */
export function runbookUrls(tree: Tree): { file: string; alert: string; url: string }[] {
  return [...tree]
    .filter(([path]) => /^(prometheus|mimir|thanos|vmalert)\/rules\/.*\.yml$/.test(path))
    .flatMap(([file, content]) => ((parse(content) as { groups: { rules: { alert?: string; annotations?: Record<string, string> }[] }[] }).groups ?? [])
      .flatMap((g) => g.rules)
      .filter((r) => r.alert && r.annotations?.runbook_url)
      .map((r) => ({ file, alert: r.alert!, url: r.annotations!.runbook_url! })));
}

/** runbook_urls under `base` that open no generated page or no heading of it; `base` maps to out/docs/runbooks/. */
export function brokenRunbookUrls(tree: Tree, base: string): string[] {
  const prefix = `${base.replace(/\/$/, '')}/`;
  return runbookUrls(tree).flatMap(({ file, alert, url }) => {
    if (!url.startsWith(prefix)) return [`${file} ${alert}: ${url} is not under ${prefix}`];
    const [page, anchor = ''] = url.slice(prefix.length).split('#') as [string, string?];
    const text = tree.get(`docs/runbooks/${page}`);
    if (text === undefined) return [`${file} ${alert}: ${url} (no page docs/runbooks/${page})`];
    return anchorsIn(text).has(anchor) ? [] : [`${file} ${alert}: ${url} (no heading #${anchor} in docs/runbooks/${page})`];
  });
}
