/**
 * The Content-Security-Policy grammar, as browsers parse a policy (W3C CSP Level 3, w3c/webappsec-csp `index.bs`
 * @3e24aea3: §2.2 "parse a serialized CSP", §2.3.1 source lists; Trusted Types for `require-trusted-types-for` and
 * `trusted-types`; HTML's sandboxing keywords for `sandbox`). A browser does not refuse a bad policy: it drops what
 * it cannot read (an unknown directive, a repeated directive, a source expression matching no production) and
 * applies the rest, so a policy with `default-src "self"` allows nothing and the SPA loads blank. `parseCsp` reports
 * each such part instead, naming the directive, the token and, for a misspelt name, what was meant.
 */
import { closeMatches, didYouMean } from '@pms/core';

/** Fetch directives (CSP3 §6.1): each takes a source list. */
const FETCH_DIRECTIVES = [
  'child-src',
  'connect-src',
  'default-src',
  'font-src',
  'frame-src',
  'img-src',
  'manifest-src',
  'media-src',
  'object-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
] as const;

/** How a directive's value is read. */
type DirectiveGrammar =
  /** A source list (fetch directives, `worker-src`, `base-uri`, `form-action`). */
  | 'source-list'
  /** An ancestor source list: schemes, hosts, `'self'` or `'none'` (`frame-ancestors`). */
  | 'ancestor-source-list'
  /** Sandboxing keywords (`sandbox`, HTML's sandboxing flags), possibly none. */
  | 'sandbox'
  /** URI references (`report-uri`). */
  | 'uris'
  /** One token (`report-to`: a Reporting API endpoint group). */
  | 'token'
  /** No value (`upgrade-insecure-requests`, `block-all-mixed-content`). */
  | 'empty'
  /** `'script'` (`require-trusted-types-for`). */
  | 'trusted-types-sinks'
  /** Policy names, `'none'`, `'allow-duplicates'`, `*` (`trusted-types`). */
  | 'trusted-types-policies'
  /** `'allow'` or `'block'` (`webrtc`). */
  | 'webrtc';

/** Every directive browsers read (CSP3, MIX, Trusted Types), with its value grammar. */
export const CSP_DIRECTIVES: Readonly<Record<string, DirectiveGrammar>> = {
  ...Object.fromEntries(FETCH_DIRECTIVES.map((name) => [name, 'source-list' as const])),
  'worker-src': 'source-list',
  'base-uri': 'source-list',
  'form-action': 'source-list',
  'frame-ancestors': 'ancestor-source-list',
  sandbox: 'sandbox',
  webrtc: 'webrtc',
  'report-uri': 'uris',
  'report-to': 'token',
  'upgrade-insecure-requests': 'empty',
  // Mixed Content (deprecated there, still parsed; `upgrade-insecure-requests` supersedes it).
  'block-all-mixed-content': 'empty',
  'require-trusted-types-for': 'trusted-types-sinks',
  'trusted-types': 'trusted-types-policies',
};

/** Keyword sources (CSP3 §2.3.1 `keyword-source`), always in single quotes. */
export const CSP_KEYWORDS = [
  "'self'",
  "'unsafe-inline'",
  "'unsafe-eval'",
  "'strict-dynamic'",
  "'unsafe-hashes'",
  "'report-sample'",
  "'unsafe-allow-redirects'",
  "'wasm-unsafe-eval'",
  "'trusted-types-eval'",
  "'report-sha256'",
  "'report-sha384'",
  "'report-sha512'",
  "'unsafe-webtransport-hashes'",
] as const;

/** HTML's sandboxing keywords, the values of `sandbox`. */
const SANDBOX_KEYWORDS = [
  'allow-downloads',
  'allow-forms',
  'allow-modals',
  'allow-orientation-lock',
  'allow-pointer-lock',
  'allow-popups',
  'allow-popups-to-escape-sandbox',
  'allow-presentation',
  'allow-same-origin',
  'allow-scripts',
  'allow-storage-access-by-user-activation',
  'allow-top-navigation',
  'allow-top-navigation-by-user-activation',
  'allow-top-navigation-to-custom-protocols',
];

const SCHEME = '[A-Za-z][A-Za-z0-9+.-]*';
const SCHEME_SOURCE = new RegExp(`^${SCHEME}:$`);
/** `[scheme "://"] host [":" port] [path]`; the path excludes ";" and "," (CSP3 `host-source`). */
const HOST_SOURCE = new RegExp(
  `^(${SCHEME}://)?(\\*|(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.?)(:(\\d+|\\*))?(/[^;,\\s]*)?$`,
);
const BASE64 = '[A-Za-z0-9+/_-]+={0,2}';
const NONCE_SOURCE = new RegExp(`^'nonce-${BASE64}'$`);
const HASH_SOURCE = new RegExp(`^'sha(256|384|512)-${BASE64}'$`);
/** Trusted Types policy names (`tt-policy-name`). */
const TT_POLICY_NAME = /^[A-Za-z0-9\-#=_/@.%]+$/;

/** One part of a policy a browser drops or misreads. */
export interface CspProblem {
  /** The directive (as written), or the whole directive text when its name is the problem. */
  readonly directive: string;
  /** The token at fault (a directive name or a source expression). */
  readonly token: string;
  /** What the browser does with it, and what was meant when that is clear. */
  readonly problem: string;
}

/** A policy as a browser reads it: each directive (name in lower case) with its values. */
export interface ParsedCsp {
  /** Directives in order, the first of each name only (browsers ignore repeats). */
  readonly directives: ReadonlyMap<string, readonly string[]>;
  /** Everything the browser drops or misreads; empty for a policy applied as written. */
  readonly problems: readonly CspProblem[];
}

/** What a policy may look like, for messages. */
export const CSP_GRAMMAR =
  "directives separated by \";\", each a known directive name followed by its values: keywords, nonces and hashes in single quotes ('self', 'none', 'nonce-…', 'sha256-…'), schemes (https:), hosts ([scheme://]host[:port][/path], *. wildcards)";

/** Parses a serialized policy (one header value) the way a browser does, and lists what it would drop. */
export function parseCsp(policy: string): ParsedCsp {
  const directives = new Map<string, readonly string[]>();
  const problems: CspProblem[] = [];
  for (const text of policy.split(';')) {
    const tokens = text
      .trim()
      .split(/[\t\n\f\r ]+/)
      .filter(Boolean);
    if (tokens.length === 0) continue; // an empty directive (";;", a trailing ";") is skipped
    const [written, ...values] = tokens as [string, ...string[]];
    const name = written.toLowerCase();
    const grammar = CSP_DIRECTIVES[name];
    if (!grammar) {
      problems.push({
        directive: text.trim(),
        token: written,
        problem: `"${written}" is not a CSP directive, so the browser ignores it${didYouMean(name, Object.keys(CSP_DIRECTIVES))}`,
      });
      continue;
    }
    if (directives.has(name)) {
      problems.push({
        directive: name,
        token: written,
        problem: `${name} appears twice; the browser applies the first and ignores this one`,
      });
      continue;
    }
    directives.set(name, values);
    problems.push(...valueProblems(name, grammar, values));
  }
  if (directives.size === 0 && problems.length === 0)
    problems.push({ directive: '', token: policy, problem: 'the policy has no directive' });
  return { directives, problems };
}

function valueProblems(name: string, grammar: DirectiveGrammar, values: readonly string[]): CspProblem[] {
  const problem = (token: string, text: string): CspProblem => ({ directive: name, token, problem: text });
  switch (grammar) {
    case 'empty':
      return values.length === 0 ? [] : [problem(values[0]!, `${name} takes no value`)];
    case 'token':
      return values.length === 1 && !values[0]!.includes("'")
        ? []
        : [problem(values.join(' '), `${name} takes one endpoint group name`)];
    case 'uris':
      return values.length > 0
        ? values
            .filter((v) => /^['"]/.test(v))
            .map((v) => problem(v, `${name} takes URLs, not quoted values`))
        : [problem('', `${name} has no URL`)];
    case 'sandbox':
      return values
        .filter((v) => !SANDBOX_KEYWORDS.includes(v.toLowerCase()))
        .map((v) =>
          problem(
            v,
            `"${v}" is not a sandboxing keyword, so it is ignored${didYouMean(v, SANDBOX_KEYWORDS)}`,
          ),
        );
    case 'webrtc':
      return values.length === 1 && ["'allow'", "'block'"].includes(values[0]!)
        ? []
        : [problem(values.join(' '), `${name} takes 'allow' or 'block'`)];
    case 'trusted-types-sinks':
      return values.length > 0 && values.every((v) => v === "'script'")
        ? []
        : [problem(values.join(' '), `${name} takes 'script'`)];
    case 'trusted-types-policies':
      return values
        .filter(
          (v) =>
            !["'none'", "'allow-duplicates'", '*'].includes(v) &&
            !(TT_POLICY_NAME.test(v) && !v.includes("'")),
        )
        .map((v) => problem(v, `"${v}" is not a Trusted Types policy name, 'none', 'allow-duplicates' or *`));
    case 'source-list':
    case 'ancestor-source-list':
      return sourceListProblems(name, grammar === 'ancestor-source-list', values);
  }
}

/** CSP3 §2.3.1: each source expression, `'none'` alone. */
function sourceListProblems(name: string, ancestors: boolean, values: readonly string[]): CspProblem[] {
  const problem = (token: string, text: string): CspProblem => ({ directive: name, token, problem: text });
  if (values.length === 0)
    return [problem('', `${name} lists no source, which blocks everything; write 'none' to say so`)];
  const found: CspProblem[] = [];
  if (values.includes("'none'") && values.length > 1)
    found.push(problem("'none'", `'none' is ignored next to other sources in ${name}`));
  for (const value of values) {
    const why = sourceProblem(value, ancestors);
    if (why) found.push(problem(value, `${why} in ${name}`));
  }
  return found;
}

/** Why a source expression matches no production (or is a keyword written as a host); undefined when valid. */
function sourceProblem(value: string, ancestors: boolean): string | undefined {
  const keywords: readonly string[] = ancestors ? ["'self'", "'none'"] : [...CSP_KEYWORDS, "'none'"];
  if (/^["‘’“”]|["‘’“”]$/.test(value)) {
    const bare = value.replace(/^["‘’“”]|["‘’“”]$/g, '');
    const meant = keywords.find((k) => k === `'${bare.toLowerCase()}'`);
    return `${value} is not a source expression (keywords take single quotes), so the browser ignores it${meant ? ` (did you mean ${meant}?)` : ''}`;
  }
  if (value.startsWith("'")) {
    const lower = value.toLowerCase();
    if (keywords.includes(lower)) return undefined;
    if (!ancestors && (NONCE_SOURCE.test(value) || HASH_SOURCE.test(value))) return undefined;
    const near = closeMatches(lower, keywords).slice(0, 2);
    const why = ancestors
      ? `${value} is not allowed (frame-ancestors takes only 'self', 'none', schemes and hosts)`
      : `${value} is not a keyword, nonce or hash source`;
    return `${why}, so the browser ignores it${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}`;
  }
  const asKeyword = keywords.find((k) => k === `'${value.toLowerCase()}'`);
  if (asKeyword)
    return `${value} is read as a host named "${value}", not the keyword (did you mean ${asKeyword}?)`;
  if (SCHEME_SOURCE.test(value) || HOST_SOURCE.test(value)) return undefined;
  return `${value} is not a source expression (a scheme such as https:, a host such as https://*.example.com:443/path, or a quoted keyword), so the browser ignores it`;
}

/** The problems of `policy`, one line each (each names its directive). */
export function cspProblems(policy: string): string[] {
  return parseCsp(policy).problems.map((p) => p.problem);
}

/** The host names a policy's host sources name (`wss://staging.pms.example.com` → `staging.pms.example.com`). */
export function cspHosts(policy: string): { readonly source: string; readonly host: string }[] {
  const found: { source: string; host: string }[] = [];
  for (const values of parseCsp(policy).directives.values()) {
    for (const source of values) {
      if (source.startsWith("'") || SCHEME_SOURCE.test(source) || !HOST_SOURCE.test(source)) continue;
      const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#]+)/i.exec(source)?.[1];
      if (host) found.push({ source, host: host.toLowerCase() });
    }
  }
  return found;
}
