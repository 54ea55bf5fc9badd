import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { canonicalize, toYaml } from './yaml.js';

describe('toYaml', () => {
  it('writes apiVersion, kind and metadata first, name and namespace first in metadata, the rest sorted', () => {
    const text = toYaml({
      spec: { b: 1, a: 2 },
      metadata: { labels: { z: '1', a: '2' }, namespace: 'pms', name: 'x' },
      kind: 'ConfigMap',
      apiVersion: 'v1',
    });
    expect(text).toBe(
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: x',
        '  namespace: pms',
        '  labels:',
        '    a: "2"',
        '    z: "1"',
        'spec:',
        '  a: 2',
        '  b: 1',
        '',
      ].join('\n'),
    );
  });

  it('is independent of the insertion order of keys', () => {
    const a = toYaml({ apiVersion: 'v1', kind: 'X', metadata: { name: 'n' }, data: { one: '1', two: '2' } });
    const b = toYaml({ data: { two: '2', one: '1' }, metadata: { name: 'n' }, kind: 'X', apiVersion: 'v1' });
    expect(a).toBe(b);
  });

  it('keeps array order, which is meaningful', () => {
    const text = toYaml({ apiVersion: 'v1', kind: 'X', metadata: { name: 'n' }, items: ['b', 'a'] });
    expect(parse(text).items).toEqual(['b', 'a']);
  });

  it('writes multi-line strings as block scalars, never folds long lines and ends with one newline', () => {
    const long = 'x'.repeat(300);
    const text = toYaml({
      apiVersion: 'v1',
      kind: 'X',
      metadata: { name: 'n' },
      doc: '{\n  "a": 1\n}',
      long,
    });
    expect(text).toContain('doc: |-\n  {\n    "a": 1\n  }\n');
    expect(text).toContain(`long: ${long}\n`);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(parse(text).doc).toBe('{\n  "a": 1\n}');
  });

  it('quotes strings that would otherwise read as other types', () => {
    const text = toYaml({
      apiVersion: 'v1',
      kind: 'X',
      metadata: { name: 'n', annotations: { wave: '-10', on: 'true' } },
    });
    expect(parse(text).metadata.annotations).toEqual({ wave: '-10', on: 'true' });
  });

  it('drops undefined members', () => {
    expect(canonicalize({ a: undefined, b: 1 })).toEqual({ b: 1 });
  });
});
