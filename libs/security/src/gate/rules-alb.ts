/**
 * Load-balancer rules: AWS Security Hub's controls for Application Load Balancers, read from the rendered
 * Ingresses and IngressClassParams through the controller's model (`@pms/ingress`).
 */
import {
  ACCEPTED_SSL_POLICIES,
  ALB_ANNOTATION_PREFIX,
  AlbAnnotation,
  albAnnotationKeyProblem,
  albAnnotationSource,
  ATTRIBUTE_GRAMMAR,
  AttributeSyntaxError,
  CSP_GRAMMAR,
  LISTENER_ATTRIBUTES_SOURCE,
  LOAD_BALANCER_ATTRIBUTES_SOURCE,
  parseAttributes,
  parseCsp,
  sslPolicyInfo,
} from '@pms/ingress';
import type { Manifest } from '@pms/core';
import {
  albViews,
  attributeSite,
  originSite,
  scalarSite,
  scalarValue,
  type AlbView,
  type SettingSite,
} from './alb-objects.js';
import {
  finding,
  invariantOf,
  ruleOf,
  type Finding,
  type FindingFields,
  type GateInput,
  type PolicyRule,
  type RuleCheck,
} from './model.js';

const rule = ruleOf('load-balancer');
const invariant = invariantOf('load-balancer');

function perAlb(
  policy: PolicyRule,
  check: (view: AlbView, input: GateInput) => (SettingSite & FindingFields)[],
): RuleCheck {
  return {
    rule: policy,
    check: (input) =>
      albViews(input.manifests).flatMap((view) =>
        check(view, input).map(({ object, ...rest }) => ({ rule: policy.id, object, ...rest })),
      ),
  };
}

const albName = (view: AlbView) =>
  `the ALB of ${view.group.explicit ? `group ${view.group.name}` : `Ingress ${view.group.name}`}`;

function attributeRule(
  policy: PolicyRule,
  key: string,
  accept: (value: string | undefined, input: GateInput) => boolean,
  problem: (value: string | undefined, view: AlbView) => string,
  allowed: (input: GateInput) => string,
): RuleCheck {
  return perAlb(policy, (view, input) => {
    const value = view.group.loadBalancerAttributes.get(key);
    if (accept(value, input)) return [];
    return [
      {
        ...attributeSite(view, key),
        value: value === undefined ? undefined : `${key}=${value}`,
        problem: problem(value, view),
        allowed: allowed(input),
      },
    ];
  });
}

const httpsRedirect = rule(
  'alb-https-redirect',
  'every HTTP listener redirects to an HTTPS listener',
  'Security Hub ELB.1',
);
const dropInvalidHeaders = rule(
  'alb-drop-invalid-headers',
  'the ALB drops invalid HTTP header fields',
  'Security Hub ELB.4',
);
const accessLogs = rule(
  'alb-access-logs',
  "access logs go to the cluster's bucket and prefix",
  'Security Hub ELB.5',
);
const deletionProtection = rule(
  'alb-deletion-protection',
  'deletion protection is on in prod (and wherever the cluster settings ask for it)',
  'Security Hub ELB.6',
);
const desyncMitigation = rule(
  'alb-desync-mitigation',
  'HTTP desync mitigation is set to defensive or strictest',
  'Security Hub ELB.12',
);
const multiAz = rule(
  'alb-multi-az',
  "the ALB is pinned to exactly the cluster's ALB subnets, in at least two availability zones",
  'Security Hub ELB.13; PMS network (the NetworkPolicies admit the ALB by its subnets)',
);
const wafAssociated = rule('alb-waf', 'a WAFv2 web ACL is associated with the ALB', 'Security Hub ELB.16');
const tlsPolicy = rule(
  'alb-tls-policy',
  'HTTPS listeners use a TLS 1.3 security policy that refuses TLS below 1.2',
  'Security Hub ELB.17',
);

const attributeSyntax = rule(
  'alb-attribute-syntax',
  "every attribute annotation reads back as written under the controller's key=value grammar",
  'AWS Load Balancer Controller annotation grammar',
);

const annotationKeys = invariant(
  'alb-annotation-keys',
  'every alb.ingress.kubernetes.io/* key is one the controller reads, on an object it reads it from',
  'AWS Load Balancer Controller v2.17.1 pkg/annotations/constants.go (unknown keys are ignored silently)',
);
const wafFailClosed = invariant(
  'alb-waf-fail-closed',
  'the ALB does not forward requests it cannot have inspected by WAF (waf.fail_open.enabled is false)',
  'ELB API LoadBalancerAttribute waf.fail_open.enabled (default false)',
);
const cspSyntax = invariant(
  'alb-csp',
  'the Content-Security-Policy the listener adds parses as written (browsers drop what they cannot read)',
  'W3C CSP Level 3 §2.2 and §2.3.1',
);

/** The value of the CSP listener attribute. */
const CSP_ATTRIBUTE = 'routing.http.response.content_security_policy.header_value';

/**
 * Keys under the controller's prefix it does not read: unknown ones (a typo leaves the setting at its default) and
 * load-balancer keys on a Service (only the target-group keys are read there). Findings name the `AlbAnnotation`
 * member that spells the key, when one does.
 */
function annotationKeyFindings(input: GateInput): Finding[] {
  return input.manifests.flatMap((object) =>
    Object.entries(object.metadata.annotations ?? {})
      .filter(([key]) => key.startsWith(`${ALB_ANNOTATION_PREFIX}/`))
      .flatMap(([key, value]): Finding[] => {
        const source = albAnnotationSource(key);
        const fix = source ? ` (fix ${source})` : '';
        const field = `metadata.annotations["${key}"]`;
        if (object.kind !== 'Ingress' && !(object.apiVersion === 'v1' && object.kind === 'Service')) {
          return [
            finding(annotationKeys, object, {
              field,
              value,
              problem: `the controller reads its annotations from Ingresses and Services only, so it ignores this one on a ${object.kind}`,
              allowed: `the annotation on the Ingress or the backend Service${fix}`,
            }),
          ];
        }
        const problem = albAnnotationKeyProblem(key, object.kind as 'Ingress' | 'Service');
        if (!problem) return [];
        if (problem.reason === 'ingress-only') {
          return [
            finding(annotationKeys, object, {
              field,
              value,
              problem: `the controller reads "${problem.suffix}" from the Ingress only, so it ignores it on a Service`,
              allowed: `the annotation on the Ingress (a Service carries only target-group keys)${fix}`,
            }),
          ];
        }
        const meant = problem.suggestions.length
          ? ` (did you mean ${problem.suggestions.map((s) => JSON.stringify(s)).join(' or ')}?)`
          : '';
        return [
          finding(annotationKeys, object, {
            field,
            value,
            problem: `the controller reads no annotation "${problem.suffix}" and ignores it silently, so the setting stays at its default${meant}`,
            allowed: `a key the controller reads (AWS Load Balancer Controller annotations)${fix}`,
          }),
        ];
      }),
  );
}

/** The object and field carrying a listener attribute: an IngressClassParams listener, else the Ingress annotation. */
function listenerAttributeSite(
  view: AlbView,
  protocol: string,
  port: number,
  key: string,
): { object: Manifest; field: string } {
  const listeners = view.params?.spec?.listeners ?? [];
  const index = listeners.findIndex(
    (l) =>
      l.protocol === protocol && l.port === port && (l.listenerAttributes ?? []).some((a) => a.key === key),
  );
  if (index >= 0 && view.params)
    return { object: view.params, field: `spec.listeners[${index}].listenerAttributes` };
  const annotation = AlbAnnotation.listenerAttributes(protocol as 'HTTP' | 'HTTPS', port);
  const ingress =
    view.ingresses.find((i) => i.metadata.annotations?.[annotation] !== undefined) ?? view.ingresses[0]!;
  return { object: ingress, field: `metadata.annotations["${annotation}"]` };
}

/** True for the annotations the controller reads as `key=value` pairs. */
function isAttributeAnnotation(key: string): boolean {
  return (
    key === AlbAnnotation.loadBalancerAttributes ||
    key === AlbAnnotation.targetGroupAttributes ||
    key === AlbAnnotation.tags ||
    key.startsWith('alb.ingress.kubernetes.io/listener-attributes.')
  );
}

/**
 * The controller refuses an unparsable attribute annotation (an unescaped comma splits a value into a pair
 * without "=") and silently drops the backslash of any escape other than `\,` and `\\` (`PMS\SESSION` is read
 * as `PMSSESSION`): either way the ALB does not get what the YAML says.
 */
const attributeSyntaxCheck: RuleCheck = {
  rule: attributeSyntax,
  check: (input) =>
    input.manifests.flatMap((object) =>
      Object.entries(object.metadata.annotations ?? {})
        .filter(([key]) => isAttributeAnnotation(key))
        .flatMap(([key, raw]) => {
          const field = `metadata.annotations["${key}"]`;
          const fix = `write it as ${ATTRIBUTE_GRAMMAR} (formatAttributes in @pms/ingress does)`;
          try {
            parseAttributes(raw);
          } catch (error) {
            if (!(error instanceof AttributeSyntaxError)) throw error;
            return [
              finding(attributeSyntax, object, {
                field,
                value: raw,
                problem: `the controller refuses it: ${error.problem}`,
                allowed: fix,
              }),
            ];
          }
          const escape = /\\([^,\\])/.exec(raw.replace(/\\\\/g, ''));
          if (!escape) return [];
          return [
            finding(attributeSyntax, object, {
              field,
              value: raw,
              problem: `"\\${escape[1]}" is not an escape: the controller reads it as "${escape[1]}" and drops the backslash`,
              allowed: fix,
            }),
          ];
        }),
    ),
};

/** The load-balancer rules with their checks. */
export const ALB_RULES: readonly RuleCheck[] = [
  { rule: annotationKeys, check: annotationKeyFindings },
  attributeSyntaxCheck,
  attributeRule(
    wafFailClosed,
    'waf.fail_open.enabled',
    (value) => value === undefined || value === 'false',
    (value, view) =>
      `${albName(view)} forwards requests to the targets uninspected whenever it cannot reach AWS WAF (waf.fail_open.enabled=${value})`,
    () => `waf.fail_open.enabled=false (or unset); fix ${LOAD_BALANCER_ATTRIBUTES_SOURCE}`,
  ),
  perAlb(cspSyntax, (view) =>
    view.group.listeners.flatMap((listener) => {
      const csp = listener.attributes.get(CSP_ATTRIBUTE);
      if (csp === undefined) return [];
      const site = listenerAttributeSite(view, listener.protocol, listener.port, CSP_ATTRIBUTE);
      return parseCsp(csp).problems.map((p) => ({
        ...site,
        value: p.token,
        problem: `the Content-Security-Policy of ${listener.protocol} listener ${listener.port} of ${albName(view)}: ${p.problem}`,
        allowed: `${CSP_GRAMMAR} (settings ingress.contentSecurityPolicy, written by ${LISTENER_ATTRIBUTES_SOURCE})`,
      }));
    }),
  ),
  perAlb(httpsRedirect, (view) => {
    const https = view.group.listeners.filter((l) => l.protocol === 'HTTPS');
    const site = scalarSite(view, AlbAnnotation.sslRedirect, 'sslRedirectPort');
    if (https.length === 0) {
      return [
        {
          ...scalarSite(view, AlbAnnotation.listenPorts),
          value: view.group.listeners.map((l) => `${l.protocol}:${l.port}`),
          problem: `${albName(view)} has no HTTPS listener`,
          allowed: `listen-ports with {"HTTPS": 443} and the cluster's certificate`,
        },
      ];
    }
    return view.group.listeners
      .filter((l) => l.protocol === 'HTTP')
      .filter(
        (l) =>
          !(
            l.defaultAction.type === 'redirect' &&
            l.defaultAction.protocol === 'HTTPS' &&
            l.rules.length === 0
          ),
      )
      .map((l) => ({
        ...site,
        value: scalarValue(view, AlbAnnotation.sslRedirect, 'sslRedirectPort'),
        problem: `HTTP listener ${l.port} of ${albName(view)} serves requests instead of redirecting them to HTTPS`,
        allowed: `ssl-redirect: "${https[0]!.port}" (or sslRedirectPort on the IngressClassParams)`,
      }));
  }),
  attributeRule(
    dropInvalidHeaders,
    'routing.http.drop_invalid_header_fields.enabled',
    (value) => value === 'true',
    (value, view) =>
      `${albName(view)} forwards requests with invalid header fields (drop_invalid_header_fields is ${value ?? 'unset, default false'})`,
    () => 'routing.http.drop_invalid_header_fields.enabled=true in the load-balancer attributes',
  ),
  perAlb(accessLogs, (view, input) => {
    const attributes = view.group.loadBalancerAttributes;
    const { bucket, prefix } = input.cluster.accessLogs;
    const wanted = `access_logs.s3.enabled=true, access_logs.s3.bucket=${bucket}, access_logs.s3.prefix=${prefix}`;
    const enabled = attributes.get('access_logs.s3.enabled');
    if (enabled !== 'true') {
      return [
        {
          ...attributeSite(view, 'access_logs.s3.enabled'),
          value: enabled,
          problem: `${albName(view)} writes no access logs`,
          allowed: wanted,
        },
      ];
    }
    const found: (SettingSite & FindingFields)[] = [];
    for (const [key, expected] of [
      ['access_logs.s3.bucket', bucket],
      ['access_logs.s3.prefix', prefix],
    ] as const) {
      const value = attributes.get(key);
      if (value !== expected) {
        const isBucket = key.endsWith('bucket');
        found.push({
          ...attributeSite(view, key),
          value,
          problem: `${key} is not the cluster's access-log ${isBucket ? 'bucket' : 'prefix'} (${expected})`,
          // A bucket the cluster does not render is accepted only when the settings say so on purpose.
          allowed: isBucket
            ? `${wanted} (for a bucket managed elsewhere: accessLogs.bucket set to it with accessLogs.external: true)`
            : wanted,
        });
      }
    }
    return found;
  }),
  attributeRule(
    deletionProtection,
    'deletion_protection.enabled',
    (value, input) =>
      value === 'true' || (input.cluster.environment !== 'prod' && !input.cluster.deletionProtection),
    (value, view) =>
      `${albName(view)} can be deleted (deletion_protection.enabled is ${value ?? 'unset, default false'})`,
    (input) =>
      `deletion_protection.enabled=true (${input.cluster.environment === 'prod' ? 'required in prod' : 'the cluster settings set deletionProtection'})`,
  ),
  attributeRule(
    desyncMitigation,
    'routing.http.desync_mitigation_mode',
    (value) => value === 'defensive' || value === 'strictest',
    (value, view) =>
      value === undefined
        ? `${albName(view)} leaves desync mitigation to the AWS default; the gate requires it explicit`
        : `${albName(view)} uses desync mitigation "${value}", which lets ambiguous (request smuggling) requests through`,
    () => 'routing.http.desync_mitigation_mode=defensive (or strictest)',
  ),
  perAlb(multiAz, (view, input) => {
    const expected = input.cluster.vpc.albSubnets.map((subnet) => subnet.id);
    const subnets = view.group.subnets;
    const fix = `IngressClassParams spec.subnets.ids: exactly the cluster's ALB subnets (vpc.albSubnets: ${expected.join(', ')}), one per availability zone`;
    if (!subnets) {
      return [
        {
          ...scalarSite(view, AlbAnnotation.subnets, 'subnets'),
          value: undefined,
          problem: `${albName(view)} does not pin its subnets: the controller discovers them by tags, so the ALB may get addresses outside the ALB subnets the NetworkPolicies admit`,
          allowed: fix,
        },
      ];
    }
    const site = originSite(view, subnets.origin);
    const listed = [...subnets.ids, ...subnets.names];
    const value = subnets.tags ? { ids: subnets.ids, tags: subnets.tags } : listed;
    const found = (problem: string) => [{ ...site, value, problem, allowed: fix }];
    if (subnets.tags) {
      return found(
        `${albName(view)} selects its subnets by tags, so its addresses are not pinned to the ALB subnets the NetworkPolicies admit`,
      );
    }
    if (listed.length < 2) {
      return found(
        `${albName(view)} is placed in ${listed.length} subnet${listed.length === 1 ? '' : 's'}; an ALB needs subnets in at least two availability zones`,
      );
    }
    const extra = listed.filter((id) => !expected.includes(id));
    const missing = expected.filter((id) => !listed.includes(id));
    if (extra.length > 0 || missing.length > 0) {
      const parts = [
        ...(extra.length > 0
          ? [`${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} not an ALB subnet of the settings`]
          : []),
        ...(missing.length > 0
          ? [`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`]
          : []),
      ];
      return found(
        `${albName(view)} is not placed in exactly the cluster's ALB subnets (${parts.join('; ')}), so the NetworkPolicies' ALB ipBlocks are not the ALB's addresses`,
      );
    }
    const zones = new Set(input.cluster.vpc.albSubnets.map((subnet) => subnet.availabilityZone));
    // One subnet per availability zone (ELB API reference, CreateLoadBalancer `Subnets`).
    const byZone = new Map<string, string[]>();
    for (const subnet of input.cluster.vpc.albSubnets)
      byZone.set(subnet.availabilityZone, [...(byZone.get(subnet.availabilityZone) ?? []), subnet.id]);
    const crowded = [...byZone].filter(([, ids]) => ids.length > 1);
    if (zones.size >= 2 && crowded.length > 0) {
      return found(
        `${albName(view)} is placed in several subnets of one availability zone (${crowded.map(([zone, ids]) => `${zone}: ${ids.join(', ')}`).join('; ')}); an ALB takes one subnet per zone, so the controller cannot create it`,
      );
    }
    return zones.size >= 2
      ? []
      : found(
          `${albName(view)} is placed in subnets of ${zones.size} availability zone; an ALB needs at least two (vpc.albSubnets)`,
        );
  }),
  perAlb(wafAssociated, (view) => {
    const { wafv2AclArn: arn, wafv2AclName: name } = view.group;
    if ((arn && arn !== 'none') || (name && name !== 'none')) return [];
    return [
      {
        ...scalarSite(view, AlbAnnotation.wafv2AclName, 'wafv2AclName'),
        value: name ?? arn,
        problem: `${albName(view)} has no WAFv2 web ACL`,
        allowed:
          "IngressClassParams spec.wafv2AclName (or the Ingress's wafv2-acl-name annotation): the name of the cluster's web ACL (or its ARN in wafv2AclArn)",
      },
    ];
  }),
  perAlb(tlsPolicy, (view) =>
    view.group.listeners
      .filter(
        (l) =>
          l.protocol === 'HTTPS' && !(ACCEPTED_SSL_POLICIES as readonly string[]).includes(l.sslPolicy ?? ''),
      )
      .map((l) => {
        const info = sslPolicyInfo(l.sslPolicy ?? '');
        const why = !info
          ? 'is not a predefined ALB security policy'
          : !info.tls13
            ? `offers no TLS 1.3 and accepts TLS ${info.minimumTls}`
            : `accepts TLS ${info.minimumTls}`;
        return {
          ...scalarSite(view, AlbAnnotation.sslPolicy, 'sslPolicy'),
          value: l.sslPolicy,
          problem: `HTTPS listener ${l.port} of ${albName(view)} uses ${l.sslPolicy}, which ${why}`,
          allowed:
            'ssl-policy: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (or another TLS 1.3 policy with TLS 1.2 minimum)',
        };
      }),
  ),
];
