/**
 * Prometheus and Alertmanager compile regexes with Go's RE2, which refuses
 * what only Perl and JavaScript have: lookarounds, backreferences, possessive
 * quantifiers, and (before Go 1.22) `(?<name>`; it spells named groups `(?P<name>`.
 */
const perlOnly = [/\(\?<?[=!]/, /\(\?</, /\\[1-9]/, /[*+?}]\+/];

/** JavaScript's spelling of an RE2 pattern, for the checks JavaScript can make. */
export const asJavaScript = (regex: string) => regex.replace(/\(\?P</g, '(?<');

/** Why RE2 would refuse `regex`, in Go's words where it has them; undefined when it compiles. */
export function re2Problem(regex: string): string | undefined {
  const unsupported = perlOnly.map((re) => re.exec(regex)?.[0]).find(Boolean);
  if (unsupported) return `error parsing regexp: invalid or unsupported Perl syntax: \`${unsupported}\``;
  try {
    new RegExp(`^(?:${asJavaScript(regex)})$`);
    return undefined;
  } catch {
    return `error parsing regexp: ${JSON.stringify(regex)} is not a valid regular expression`;
  }
}

/** Whether `value` matches `regex` anchored at both ends, as Prometheus and Alertmanager match; false for a regex that does not compile. */
export function fullMatch(regex: string, value: string): boolean {
  if (re2Problem(regex)) return false;
  return new RegExp(`^(?:${asJavaScript(regex)})$`).test(value);
}
