import { describe, expect, it } from 'vitest';
import { cspHosts, cspProblems, parseCsp } from './csp.js';

describe('parseCsp (CSP3 grammar, as browsers read a policy)', () => {
  it.each([
    // The dev cluster's policy.
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' wss://dev.pms.example.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
    // A strict policy in the style of web.dev/strict-csp, with Trusted Types and reporting.
    "script-src 'nonce-rAnd0m+/=' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types angular angular#unsafe-bypass 'allow-duplicates'; report-uri https://csp.example.com/r; report-to csp-endpoint",
    // Hashes, wildcards, ports, paths, a trailing ";", upgrade-insecure-requests and a sandbox.
    "default-src 'none'; script-src 'sha256-B2yPHKaXnvFWtRChIbabYmUBFZdVfKKXHbWtWidDVF8=' https://*.example.com:443/js/; img-src * blob:; connect-src 'self' https://api.example.com:*; sandbox allow-scripts allow-same-origin; upgrade-insecure-requests;",
  ])('accepts a real-world policy: %s', (policy) => {
    expect(cspProblems(policy)).toEqual([]);
  });

  it('refuses double-quoted keywords, which browsers ignore (the SPA loads blank), naming the keyword meant', () => {
    expect(cspProblems('default-src "self"')).toEqual([
      `"self" is not a source expression (keywords take single quotes), so the browser ignores it (did you mean 'self'?) in default-src`,
    ]);
  });

  it('refuses an unquoted keyword, which browsers read as a host', () => {
    expect(cspProblems('object-src none')).toEqual([
      `none is read as a host named "none", not the keyword (did you mean 'none'?) in object-src`,
    ]);
  });

  it('refuses unknown directives and keywords with "did you mean", and repeated directives', () => {
    expect(cspProblems("defualt-src 'self'; script-src 'unsafe-inlin'; script-src 'self'")).toEqual([
      `"defualt-src" is not a CSP directive, so the browser ignores it (did you mean "default-src"?)`,
      `'unsafe-inlin' is not a keyword, nonce or hash source, so the browser ignores it (did you mean 'unsafe-inline'?) in script-src`,
      'script-src appears twice; the browser applies the first and ignores this one',
    ]);
  });

  it('refuses keywords frame-ancestors does not take, an empty source list and values of value-less directives', () => {
    expect(cspProblems("frame-ancestors 'unsafe-inline'; img-src; upgrade-insecure-requests https:")).toEqual(
      [
        "'unsafe-inline' is not allowed (frame-ancestors takes only 'self', 'none', schemes and hosts), so the browser ignores it in frame-ancestors",
        "img-src lists no source, which blocks everything; write 'none' to say so",
        'upgrade-insecure-requests takes no value',
      ],
    );
  });

  it('keeps the first of each directive, names in lower case', () => {
    expect([...parseCsp("Default-Src 'self'; img-src data:").directives]).toEqual([
      ['default-src', ["'self'"]],
      ['img-src', ['data:']],
    ]);
  });

  it('lists the hosts a policy names', () => {
    expect(
      cspHosts("connect-src 'self' wss://staging.pms.example.com https://a.example.com:443/x data:"),
    ).toEqual([
      { source: 'wss://staging.pms.example.com', host: 'staging.pms.example.com' },
      { source: 'https://a.example.com:443/x', host: 'a.example.com' },
    ]);
  });
});
