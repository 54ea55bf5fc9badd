import { describe, expect, it } from 'vitest';
import { diffFields, formatField, isMultilineChange, unifiedLineDiff } from './fields.js';

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

  it('formats absent values, and long values in full', () => {
    expect(formatField(undefined)).toBe('(absent)');
    const csp = `default-src 'self'; connect-src 'self' ${'wss://staging.pms.example.com '.repeat(8)}`;
    expect(formatField(csp)).toBe(JSON.stringify(csp));
    expect(formatField(csp)).not.toContain('...');
  });
});

describe('multi-line values', () => {
  it('are read as line diffs when either side spans several lines', () => {
    expect(isMultilineChange({ path: 'data.x', before: 'a\nb', after: 'a\nc' })).toBe(true);
    expect(isMultilineChange({ path: 'data.x', before: undefined, after: 'a\nb' })).toBe(true);
    expect(isMultilineChange({ path: 'data.x', before: 'a', after: 'b' })).toBe(false);
    expect(isMultilineChange({ path: 'data.x', before: { a: 1 }, after: 'a\nb' })).toBe(false);
  });

  it('diff line by line, with three lines of context and hunk headers (hunks further apart than six lines stay apart)', () => {
    const lines = Array.from({ length: 13 }, (_, i) => String(i + 1));
    const before = lines.join('\n');
    const after = [...lines.slice(0, 5), 'six', ...lines.slice(6), '14'].join('\n');
    expect(unifiedLineDiff(before, after)).toEqual([
      '@@ -3,7 +3,7 @@',
      ' 3',
      ' 4',
      ' 5',
      '-6',
      '+six',
      ' 7',
      ' 8',
      ' 9',
      '@@ -11,3 +11,4 @@',
      ' 11',
      ' 12',
      ' 13',
      '+14',
    ]);
  });

  it('shows a whole added text as additions', () => {
    expect(unifiedLineDiff('', 'a\nb')).toEqual(['@@ -0,0 +1,2 @@', '+a', '+b']);
  });
});
