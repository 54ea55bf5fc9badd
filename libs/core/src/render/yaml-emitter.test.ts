import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emitYaml, isPlainSafe } from './yaml-emitter.js';

/** Parses under YAML 1.2 (the `yaml` package's default) and YAML 1.1 (go-yaml's rules, as kubectl and Argo CD read). */
function readBack(text: string): { v12: unknown; v11: unknown } {
  return { v12: parse(text), v11: parse(text, { version: '1.1' }) };
}

function expectRoundTrip(value: unknown): void {
  const text = emitYaml(value);
  const { v12, v11 } = readBack(text);
  expect(v12, text).toEqual(value);
  expect(v11, text).toEqual(value);
}

const TRICKY_STRINGS = [
  '',
  ' ',
  'a ',
  ' a',
  'on',
  'off',
  'yes',
  'no',
  'y',
  'n',
  'Y',
  'NO',
  'true',
  'False',
  'null',
  '~',
  'Null',
  '=',
  '<<',
  '0',
  '-10',
  '+1',
  '1.5',
  '1e3',
  '.5',
  '0755',
  '0x1F',
  '0o17',
  '1_000',
  '1:20',
  '1,000',
  '.inf',
  '-.Inf',
  '.nan',
  '2026-11-29',
  '2026-11-29T02:11:23Z',
  '25%',
  '-',
  '--',
  '---',
  '...',
  '?',
  ':',
  'a:',
  'a: b',
  'a #b',
  'a#b',
  '#a',
  '@x',
  '`x`',
  '!tag',
  '&anchor',
  '*alias',
  '|',
  '>',
  "'",
  '"',
  '[a]',
  '{a}',
  'a,b',
  'key=value,k2=v\\,2',
  'https://pms.example.com/api/*',
  '/*',
  '*',
  'tab\there',
  'ünïcödé',
  'emoji 🚀',
  'back\\slash',
  'bell\u0007',
  'line\r\nbreak',
  'nbsp\u00a0x',
  'ls\u2028x',
  'multi\nline',
  'multi\nline\n',
  'multi\nline\n\n',
  '\nleading newline',
  '  indented\nsecond',
  'trailing spaces  \nx',
  'a\n  \nb',
  'a\n\nb',
  '{\n  "Version": "2012-10-17"\n}',
  '- item\n- item',
  'x\n#y\n',
];

describe('emitYaml', () => {
  it.each(TRICKY_STRINGS.map((s) => [JSON.stringify(s), s]))(
    'round-trips the string %s as a value and as a key',
    (_label, s) => {
      expectRoundTrip({ value: s });
      expectRoundTrip({ [s]: 'v' });
      expectRoundTrip({ list: [s, { nested: s }] });
    },
  );

  it('round-trips numbers, booleans, null and empty collections', () => {
    expectRoundTrip({
      a: 0,
      b: -1,
      c: 1.5,
      d: 1e21,
      e: true,
      f: false,
      g: null,
      h: [],
      i: {},
      j: [[], {}, [1, [2]]],
    });
  });

  it('round-trips a random corpus of nested documents', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.4) return pick<unknown>([...TRICKY_STRINGS, 0, 42, -3.25, true, false, null]);
      if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, () => [pick(TRICKY_STRINGS), value(depth + 1)]),
      );
    };
    for (let i = 0; i < 300; i++) expectRoundTrip({ doc: value(0) });
  });

  it('writes the project style: block collections, sequences indented under keys, plain scalars where safe', () => {
    expect(
      emitYaml({
        kind: 'Deployment',
        metadata: { name: 'x', annotations: { 'argocd.argoproj.io/sync-wave': '-10' } },
        spec: { ports: [{ name: 'http', port: 80 }], empty: [], policy: '{\n  "a": 1\n}' },
      }),
    ).toBe(
      [
        'kind: Deployment',
        'metadata:',
        '  name: x',
        '  annotations:',
        '    argocd.argoproj.io/sync-wave: "-10"',
        'spec:',
        '  ports:',
        '    - name: http',
        '      port: 80',
        '  empty: []',
        '  policy: |-',
        '    {',
        '      "a": 1',
        '    }',
        '',
      ].join('\n'),
    );
  });

  it('quotes what YAML 1.1 would read as a boolean or number, though YAML 1.2 would not', () => {
    for (const word of ['on', 'off', 'yes', 'no', 'y', '0755', '1:20', '1_000'])
      expect(isPlainSafe(word), word).toBe(false);
    for (const word of ['pms', 'alb', 'ELBSecurityPolicy-TLS13-1-2-2021-06', '25%', '/api/auth', 'k8s-pms']) {
      expect(isPlainSafe(word), word).toBe(true);
    }
  });

  it('refuses values that are not JSON data, naming where', () => {
    expect(() => emitYaml({ a: { b: Number.NaN } })).toThrow('cannot write NaN at a.b: not a finite number');
    expect(() => emitYaml({ f: () => 1 })).toThrow('cannot write a function at f');
  });
});
