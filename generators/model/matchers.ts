import { fullMatch } from '../../schemas/regex.ts';

export type MatcherOp = '=' | '!=' | '=~' | '!~';

export interface ParsedMatcher {
  readonly label: string;
  readonly op: MatcherOp;
  readonly value: string;
}

const matcherPattern = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"$/;

/** Parses `label op "value"`; the schema has already checked the shape. */
export function parseMatcher(text: string): ParsedMatcher {
  const match = matcherPattern.exec(text.trim());
  if (!match) throw new Error(`not a matcher: ${text}`);
  return { label: match[1]!, op: match[2] as MatcherOp, value: match[3]!.replace(/\\(.)/g, '$1') };
}

/** The canonical spelling Alertmanager's parser reads in every mode: value always double-quoted. */
export function formatMatcher(m: ParsedMatcher): string {
  return `${m.label}${m.op}"${m.value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Alertmanager's semantics: an absent label is the empty string; regexes are anchored. */
export function matches(m: ParsedMatcher, labels: Readonly<Record<string, string>>): boolean {
  const value = labels[m.label] ?? '';
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
      return fullMatch(m.value, value);
    case '!~':
      return !fullMatch(m.value, value);
  }
}
