/**
 * ELB security policies of HTTPS listeners (the predefined policies AWS publishes for Application Load
 * Balancers). A listener without a policy gets `ELBSecurityPolicy-2016-08`: TLS 1.0 allowed, no TLS 1.3.
 */

/** What a predefined policy negotiates. */
export interface SslPolicyInfo {
  /** Lowest TLS version the policy accepts. */
  readonly minimumTls: '1.0' | '1.1' | '1.2' | '1.3';
  /** Whether TLS 1.3 is offered. */
  readonly tls13: boolean;
  /** Whether the policy offers hybrid post-quantum key exchange (ML-KEM). */
  readonly postQuantum: boolean;
  /** Whether the policy uses FIPS 140-3 validated cryptography. */
  readonly fips: boolean;
}

const p = (
  minimumTls: SslPolicyInfo['minimumTls'],
  tls13: boolean,
  postQuantum = false,
  fips = false,
): SslPolicyInfo => ({
  minimumTls,
  tls13,
  postQuantum,
  fips,
});

/** Every predefined ALB security policy this project knows, by name. */
export const SSL_POLICIES = {
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': p('1.2', true, true),
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': p('1.2', true, true),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': p('1.2', true, true),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': p('1.2', true, true),
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': p('1.3', true, true),
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09': p('1.2', true, true, true),
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09': p('1.2', true, true, true),
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09': p('1.2', true, true, true),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09': p('1.2', true, true, true),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09': p('1.2', true, true, true),
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09': p('1.3', true, true, true),
  'ELBSecurityPolicy-TLS13-1-2-2021-06': p('1.2', true),
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': p('1.2', true),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': p('1.2', true),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': p('1.2', true),
  'ELBSecurityPolicy-TLS13-1-1-2021-06': p('1.1', true),
  'ELBSecurityPolicy-TLS13-1-0-2021-06': p('1.0', true),
  'ELBSecurityPolicy-TLS13-1-3-2021-06': p('1.3', true),
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': p('1.3', true, false, true),
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': p('1.2', true, false, true),
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': p('1.2', true, false, true),
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04': p('1.2', true, false, true),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04': p('1.2', true, false, true),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04': p('1.2', true, false, true),
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04': p('1.1', true, false, true),
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04': p('1.0', true, false, true),
  'ELBSecurityPolicy-2016-08': p('1.0', false),
  'ELBSecurityPolicy-2015-05': p('1.0', false),
  'ELBSecurityPolicy-TLS-1-0-2015-04': p('1.0', false),
  'ELBSecurityPolicy-TLS-1-1-2017-01': p('1.1', false),
  'ELBSecurityPolicy-TLS-1-2-2017-01': p('1.2', false),
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': p('1.2', false),
  'ELBSecurityPolicy-FS-2018-06': p('1.0', false),
  'ELBSecurityPolicy-FS-1-1-2019-08': p('1.1', false),
  'ELBSecurityPolicy-FS-1-2-2019-08': p('1.2', false),
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': p('1.2', false),
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': p('1.2', false),
} as const satisfies Record<string, SslPolicyInfo>;

/** Name of a predefined ALB security policy. */
export type SslPolicyName = keyof typeof SSL_POLICIES;

/** The policy a listener gets when none is set (AWS API default). */
export const DEFAULT_SSL_POLICY: SslPolicyName = 'ELBSecurityPolicy-2016-08';

/** AWS's current recommendation: TLS 1.3 and 1.2 with hybrid post-quantum key exchange. */
export const RECOMMENDED_SSL_POLICY: SslPolicyName = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';

/** Policies PMS accepts: TLS 1.3 offered and nothing below TLS 1.2. */
export const ACCEPTED_SSL_POLICIES = (Object.keys(SSL_POLICIES) as SslPolicyName[]).filter((name) => {
  const info = SSL_POLICIES[name];
  return info.tls13 && (info.minimumTls === '1.2' || info.minimumTls === '1.3');
});

/** Looks a policy up by name; undefined when it is not a predefined ALB policy. */
export function sslPolicyInfo(name: string): SslPolicyInfo | undefined {
  return Object.hasOwn(SSL_POLICIES, name) ? SSL_POLICIES[name as SslPolicyName] : undefined;
}

/** TLS versions in order, for comparing policies. */
const TLS_VERSIONS = ['1.0', '1.1', '1.2', '1.3'] as const;

/**
 * The lowest TLS version a policy accepts: from `SSL_POLICIES`, or, for a name this project does not know, read
 * from the name the way AWS composes them (`…-TLS13-1-2-…`, `…-TLS-1-1-…`, `…-FS-1-2-…` → 1.2, 1.1, 1.2); any
 * other name counts as TLS 1.0 (`ELBSecurityPolicy-2016-08`, `-2015-05` and `-FS-2018-06` accept it).
 */
export function sslPolicyMinimumTls(name: string): SslPolicyInfo['minimumTls'] {
  const known = sslPolicyInfo(name);
  if (known) return known.minimumTls;
  const version = /(?:TLS13|TLS|FS)-1-([0-3])(?:-|$)/.exec(name);
  return version ? TLS_VERSIONS[Number(version[1])]! : '1.0';
}

/**
 * Orders policies by strength, higher is stronger: the minimum TLS version first, then TLS 1.3 offered,
 * restricted ciphers (`-Res-`), hybrid post-quantum key exchange, FIPS. The one ranking: the diff's "TLS policy
 * weakened" flag compares policies with it.
 */
export function sslPolicyStrength(name: string): number {
  const known = sslPolicyInfo(name);
  const flag = (value: boolean) => (value ? 1 : 0);
  return (
    TLS_VERSIONS.indexOf(sslPolicyMinimumTls(name)) * 100 +
    flag(known?.tls13 ?? /TLS13/.test(name)) * 10 +
    flag(/-Res-/.test(name)) * 4 +
    flag(known?.postQuantum ?? /-PQ-/.test(name)) * 2 +
    flag(known?.fips ?? /FIPS/.test(name))
  );
}
