/** Markdown pieces the page views hand to the templates, already formatted. */

/** A declared text: one paragraph as written, or numbered steps (a step's continuation lines indented under it). */
export function block(text: string | readonly string[] | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text.trim();
  // Steps that hold more than a line (a code block) make a loose list: a blank line between items.
  const loose = text.some((step) => step.trim().includes('\n'));
  return text.map((step, i) => {
    const [first, ...rest] = step.trim().split('\n');
    return [`${i + 1}. ${first}`, ...rest.map((line) => (line.trim() === '' ? '' : `   ${line}`))].join('\n');
  }).join(loose ? '\n\n' : '\n');
}

/** A table cell: pipes escaped, line breaks as <br>. */
export const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');

/** Inline code that survives backticks inside (PromQL rarely has them; a longer fence when it does). */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * The anchor GitHub and GitLab give a heading: lower case, punctuation other
 * than `-` and `_` dropped, spaces as dashes. Alert names are PascalCase, so
 * `## GenesisOrchestratorDown` is `#genesisorchestratordown`, as runbook_url says.
 */
export function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** Every anchor a Markdown page defines, numbered as GitHub numbers repeated headings (`-1`, `-2`). */
export function anchorsIn(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = anchorOf(heading[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** A Mermaid label: quotes and angle brackets as entities, so matchers print as written. */
export const mermaidText = (text: string) => text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
