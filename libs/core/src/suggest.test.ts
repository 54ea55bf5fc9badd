import { describe, expect, it } from 'vitest';
import { closeMatches, describeKnownNames, didYouMean, editDistance } from './suggest.js';

describe('suggestions', () => {
  it('measures typos, transpositions included, ignoring case', () => {
    expect(editDistance('selfheal', 'selfHeal')).toBe(0);
    expect(editDistance('pahtType', 'pathType')).toBe(1);
    expect(editDistance('securityContxt', 'securityContext')).toBe(1);
  });

  it('suggests only names that are close', () => {
    expect(closeMatches('selfheal', ['prune', 'selfHeal', 'allowEmpty'])).toEqual(['selfHeal']);
    expect(closeMatches('foo', ['prune', 'selfHeal'])).toEqual([]);
  });

  it('lists few names in full and many by nearness', () => {
    expect(describeKnownNames('x', ['b', 'a'])).toBe('a, b');
    const many = Array.from({ length: 20 }, (_, i) => `field${String.fromCharCode(97 + i)}`);
    expect(describeKnownNames('fieldz', many)).toMatch(/^fielda, .* … \(8 more\)$/);
  });

  it('phrases the nearest names as a question, or says nothing when none is close', () => {
    expect(didYouMean('healthcheckPath', ['healthcheck-path', 'healthcheck-port', 'scheme'])).toBe(
      ' (did you mean "healthcheck-path"?)',
    );
    expect(didYouMean('billing', ['frontend', 'apigateway'])).toBe('');
  });
});
