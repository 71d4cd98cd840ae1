import { RE2JS } from 're2js';

/**
 * Prometheus and Alertmanager compile regexes with Go's regexp (RE2 syntax);
 * re2js is a port of the same parser and matcher, so its verdicts and
 * messages are Go's: flags such as `(?i)`, POSIX classes and `\pL` compile,
 * lookarounds, backreferences and possessive quantifiers do not.
 */
const compiled = new Map<string, RE2JS | string>();
const KEPT = 4096;

/**
 * Named groups spelled `(?<name>`: Go accepts them from 1.22 only, and the
 * releases monac checks against (Prometheus 2.42, Alertmanager 0.25) are
 * built with older Go; `(?P<name>` works in every release.
 */
const ANGLE_NAMED_GROUP = /\(\?<(?![=!])/;

function compile(regex: string): RE2JS | string {
  let result = compiled.get(regex);
  if (result === undefined) {
    if (ANGLE_NAMED_GROUP.test(regex)) {
      result = 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`';
    } else {
      try {
        result = RE2JS.compile(regex);
      } catch (error) {
        result = error instanceof Error ? error.message : String(error);
      }
    }
    if (compiled.size >= KEPT) compiled.clear();
    compiled.set(regex, result);
  }
  return result;
}

/** Why Go's regexp would refuse `regex`, in its words; undefined when it compiles. */
export function re2Problem(regex: string): string | undefined {
  const result = compile(regex);
  return typeof result === 'string' ? result : undefined;
}

/** Whether `value` matches `regex` anchored at both ends, as Prometheus and Alertmanager match; false for a regex that does not compile. */
export function fullMatch(regex: string, value: string): boolean {
  const result = compile(regex);
  return typeof result !== 'string' && result.matches(value);
}
