import { isCelError, run as referenceRun } from '@bufbuild/cel';
import { CRD_FACTS } from '@pms/crd-models';
import { describe, expect, it } from 'vitest';
import { CelSyntaxError, CelUnsupportedError, compileCel, toCel } from './evaluate.js';

/**
 * Our evaluator against @bufbuild/cel, a complete CEL implementation tested on the CEL conformance suite, used
 * here only as the reference (it is too slow to load for the render: see docs/validation.md). Each case is a rule
 * and a `self`; both must agree on the value, or both raise an error.
 */
function reference(rule: string, self: unknown): unknown {
  const result = referenceRun(rule, { self: toCel(self) as never });
  if (isCelError(result)) return { error: true };
  return result;
}
function ours(rule: string, self: unknown): unknown {
  const result = compileCel(rule).run(self);
  return 'error' in result ? { error: true } : result.value;
}

const spec = {
  prefixListsIDs: ['pl-1'],
  name: 'alb',
  ports: [80, 443],
  weight: 1.5,
  labels: { a: 'x', b: 'y' },
};

const CASES: readonly [rule: string, self: unknown][] = [
  // The vendored IngressClassParams rule, both ways.
  ['!(has(self.prefixListsIDs) && has(self.PrefixListsIDs))', spec],
  ['!(has(self.prefixListsIDs) && has(self.PrefixListsIDs))', { ...spec, PrefixListsIDs: ['pl-2'] }],
  // Presence, selection, absent fields and commutative errors.
  ['has(self.name)', spec],
  ['has(self.missing)', spec],
  ['self.missing == 1', spec],
  ['self.missing == 1 && false', spec],
  ['false && self.missing == 1', spec],
  ['self.missing == 1 || true', spec],
  ['self.missing == 1 || false', spec],
  ['self.name.startsWith("al") && self.name.endsWith("b") && self.name.contains("l")', spec],
  ['self.name.matches("^[a-z]+$")', spec],
  ["self.name in ['alb', 'nlb']", spec],
  ["'a' in self.labels && !('c' in self.labels)", spec],
  // Numbers: int and double, arithmetic, comparison across types, overflow, division.
  ['size(self.ports) == 2 && self.ports.size() == 2', spec],
  ['self.ports[1] - self.ports[0] == 363', spec],
  ['self.ports[0] == 80.0', spec],
  ['self.weight > 1', spec],
  ['self.weight + 1 == 2.5', spec],
  ['self.ports[0] + 1.0 == 81.0', spec],
  ['7 / 2 == 3 && 7 % 2 == 1 && -7 / 2 == -3', spec],
  ['1 / 0 == 0', spec],
  ['9223372036854775807 + 1 > 0', spec],
  ['self.ports[5] == 1', spec],
  // Macros over lists and maps.
  ['self.ports.all(p, p > 0 && p < 65536)', spec],
  ['self.ports.exists(p, p == 443)', spec],
  ['self.ports.exists_one(p, p > 100)', spec],
  ['self.ports.map(p, p * 2) == [160, 886]', spec],
  ['self.ports.filter(p, p > 100) == [443]', spec],
  ['self.labels.all(k, self.labels[k].size() == 1)', spec],
  ['self.ports.all(p, p.missing == 1)', spec],
  ['[1, 2].all(x, x == 1 || x.missing)', spec],
  // Strings, conversions, conditionals, lists and maps.
  ["'x' + self.name == 'xalb' && size('héllo') == 5", spec],
  ['int("42") == 42 && double(self.ports[0]) == 80.0 && string(443) == "443"', spec],
  ['(self.name == "alb" ? 1 : 2) == 1', spec],
  ['{"a": 1}["a"] == 1 && [1, 2] + [3] == [1, 2, 3]', spec],
  ["r'\\d' == '\\\\d' && '''a\nb''' == 'a\\nb'", spec],
  ['self == self', spec],
  ['self.name < "b" && !(true < false)', spec],
  ['1 < "a"', spec],
];

describe('CEL evaluation agrees with the reference implementation', () => {
  it.each(CASES)('%s', (rule, self) => {
    expect(ours(rule, self)).toEqual(reference(rule, self));
  });
});

describe('the rules of the vendored CRDs', () => {
  const rules = CRD_FACTS.flatMap((fact) =>
    fact.celRules
      .filter((r) => !r.transition)
      .map((r) => [`${fact.kind} ${r.path.join('.')}`, r.rule] as const),
  );
  it('every rule that does not read oldSelf compiles (a CRD upgrade with an unsupported function fails here)', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const [, rule] of rules) expect(() => compileCel(rule)).not.toThrow();
  });

  it('names what a rule uses that the evaluator lacks, and refuses text outside the grammar', () => {
    expect(() => compileCel('self.name.lowerAscii() == "a"')).toThrow(CelUnsupportedError);
    expect(() => compileCel('self.name.lowerAscii() == "a"')).toThrow(
      /uses \.lowerAscii\(\) with 0 argument\(s\), which libs\/schemas\/src\/cel\/evaluate\.ts does not implement/,
    );
    expect(() => compileCel('oldSelf == self')).toThrow(/uses the name "oldSelf"/);
    expect(() => compileCel('self.a ==')).toThrow(CelSyntaxError);
    expect(() => compileCel("b'abc' == self")).toThrow(/bytes literals are not supported/);
  });

  it('reports the fields of self a rule reads', () => {
    expect(compileCel('!(has(self.prefixListsIDs) && has(self.PrefixListsIDs))').selfFields).toEqual([
      'prefixListsIDs',
      'PrefixListsIDs',
    ]);
  });
});
