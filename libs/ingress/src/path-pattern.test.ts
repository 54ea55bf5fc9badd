import { describe, expect, it } from 'vitest';
import {
  globMatches,
  hostMatchesPattern,
  pathMatches,
  pathPatterns,
  patternCovers,
  sortIngressPaths,
} from './path-pattern.js';

describe('pathPatterns (Ingress path → ALB patterns)', () => {
  it('turns Prefix /foo into /foo and /foo/*, and Prefix / into /*', () => {
    expect(pathPatterns('/api/auth', 'Prefix')).toEqual(['/api/auth', '/api/auth/*']);
    expect(pathPatterns('/api/auth/', 'Prefix')).toEqual(['/api/auth', '/api/auth/*']);
    expect(pathPatterns('/', 'Prefix')).toEqual(['/*']);
  });

  it('keeps Exact and ImplementationSpecific paths as written', () => {
    expect(pathPatterns('/ws/updates', 'Exact')).toEqual(['/ws/updates']);
    expect(pathPatterns('/static/*.js', 'ImplementationSpecific')).toEqual(['/static/*.js']);
    expect(pathPatterns('/x*', undefined)).toEqual(['/x*']);
  });

  it('refuses wildcards in Exact and Prefix paths, as the controller does', () => {
    expect(() => pathPatterns('/api/*', 'Prefix')).toThrow("prefix path shouldn't contain wildcards: /api/*");
    expect(() => pathPatterns('/a?', 'Exact')).toThrow("exact path shouldn't contain wildcards: /a?");
  });
});

describe('sortIngressPaths (order inside one rules[] entry)', () => {
  it('puts Exact first, then Prefix by descending length (stable), then ImplementationSpecific as declared', () => {
    const paths = [
      { path: '/', pathType: 'Prefix' },
      { path: '/z*', pathType: 'ImplementationSpecific' },
      { path: '/ws', pathType: 'Prefix' },
      { path: '/ws/updates', pathType: 'Exact' },
      { path: '/api', pathType: 'Prefix' },
      { path: '/abc', pathType: 'Prefix' },
      { path: '/a*' },
    ];
    expect(sortIngressPaths(paths).map((p) => `${p.pathType ?? '-'} ${p.path}`)).toEqual([
      'Exact /ws/updates',
      'Prefix /api',
      'Prefix /abc',
      'Prefix /ws',
      'Prefix /',
      'ImplementationSpecific /z*',
      '- /a*',
    ]);
  });
});

describe('ALB pattern matching', () => {
  it('matches * across segments and ? as one character, case-sensitively', () => {
    expect(pathMatches('/api/auth/*', '/api/auth/login/x')).toBe(true);
    expect(pathMatches('/api/auth/*', '/api/auth/')).toBe(true);
    expect(pathMatches('/api/auth/*', '/api/auth')).toBe(false);
    expect(pathMatches('/api/auth', '/api/authx')).toBe(false);
    expect(pathMatches('/a?c', '/abc')).toBe(true);
    expect(pathMatches('/a?c', '/ac')).toBe(false);
    expect(pathMatches('/API/*', '/api/x')).toBe(false);
    expect(globMatches('*a*b', 'xxaxxbxb')).toBe(true);
  });

  it('matches host headers without regard to case, with wildcards', () => {
    expect(hostMatchesPattern('pms.example.com', 'PMS.Example.com')).toBe(true);
    expect(hostMatchesPattern('*.example.com', 'pms.example.com')).toBe(true);
    expect(hostMatchesPattern('pms.example.com', 'other.example.com')).toBe(false);
  });
});

describe('patternCovers', () => {
  it('knows that /* covers everything and a prefix pattern covers longer ones', () => {
    expect(patternCovers('/*', '/api*')).toBe(true);
    expect(patternCovers('/ws/*', '/ws/rttm/*')).toBe(true);
    expect(patternCovers('/ws/*', '/ws')).toBe(false);
    expect(patternCovers('/api/a?', '/api/ab')).toBe(true);
    expect(patternCovers('/api/ab', '/api/a?')).toBe(false);
    expect(patternCovers('/a?c', '/a*c')).toBe(false);
  });
});
