import { describe, expect, it } from 'vitest';
import { diffFields, formatField } from './fields.js';

describe('diffFields', () => {
  it('reports changed leaves as YAML paths with old and new value', () => {
    const before = { spec: { rules: [{ http: { paths: [{ path: '/api' }, { path: '/' }] } }] } };
    const after = { spec: { rules: [{ http: { paths: [{ path: '/apis' }, { path: '/' }] } }] } };
    expect(diffFields(before, after)).toEqual([
      { path: 'spec.rules[0].http.paths[0].path', before: '/api', after: '/apis' },
    ]);
  });

  it('quotes keys that are not identifiers, such as annotation names', () => {
    const key = 'alb.ingress.kubernetes.io/ssl-policy';
    expect(
      diffFields({ metadata: { annotations: { [key]: 'a' } } }, { metadata: { annotations: {} } }),
    ).toEqual([{ path: `metadata.annotations["${key}"]`, before: 'a', after: undefined }]);
  });

  it('matches named list items by name, so an insertion is one change', () => {
    const c = (name: string, image: string) => ({ name, image });
    const changes = diffFields(
      { containers: [c('a', '1'), c('b', '1')] },
      { containers: [c('x', '1'), c('a', '1'), c('b', '2')] },
    );
    expect(changes.map((ch) => ch.path)).toEqual(['containers[name=b].image', 'containers[name=x]']);
  });

  it('aligns unnamed lists on equal items, so an insertion is one addition', () => {
    const r = (group: string, kind: string) => ({ group, kind });
    const changes = diffFields(
      { list: [r('', 'Service'), r('apps', 'Deployment')] },
      { list: [r('', 'Service'), r('acm', 'Certificate'), r('apps', 'Deployment')] },
    );
    expect(changes).toEqual([{ path: 'list[1]', before: undefined, after: r('acm', 'Certificate') }]);
  });

  it('finds nothing for equal values', () => {
    expect(diffFields({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it('formats absent values and shortens long ones', () => {
    expect(formatField(undefined)).toBe('(absent)');
    expect(formatField('x'.repeat(200)).length).toBe(120);
  });
});
