/**
 * Network rules: every pod isolated in both directions, no dangling Service, Ingress or NetworkPolicy, no
 * ingress from the internet, no Service that opens its own load balancer or node ports. The dangling-* rules wrap
 * networking's reference integrity (`serviceReferences`, `ingressBackendReferences`, `networkPolicyReferences`),
 * and isolation reads NetworkPolicies with networking's semantics (`policySelects`, `effectivePolicyTypes`): one
 * implementation each, shared with the render's reference check and the reachability proof.
 */
import { cidrContains, objectRef, ofKind, parseCidr, type Manifest } from '@pms/core';
import { AlbAnnotation } from '@pms/ingress';
import {
  canConnect,
  EKS_COREDNS_PODS,
  effectivePolicyTypes,
  formatSelector,
  KUBE_DNS_SOURCE,
  selectorMatches,
  ingressBackendReferences,
  ingressBackends,
  outsidePodSets,
  networkPoliciesOf,
  networkPolicyReferences,
  podTemplates,
  policySelects,
  renderedPodSets,
  serviceReferences,
  USE_ANNOTATION_PORT,
  type BrokenReference,
  type PodSet,
} from '@pms/networking';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IService } from 'kubernetes-models/v1/Service';
import {
  finding,
  invariantOf,
  ruleOf,
  type Finding,
  type GateInput,
  type PolicyRule,
  type RuleCheck,
} from './model.js';

const rule = ruleOf('network');
const invariant = invariantOf('network');

const dnsReachesCoreDns = invariant(
  'dns-reaches-coredns',
  'every pod whose egress is isolated may reach the CoreDNS pods EKS runs (kube-system, k8s-app=kube-dns) on 53/UDP and 53/TCP',
  'EKS CoreDNS add-on (pod labels k8s-app: kube-dns, eks.amazonaws.com/component: coredns)',
);

/** The CoreDNS pods of EKS, as an endpoint of the evaluator (any pod address). */
function coreDnsEndpoint(input: GateInput) {
  return {
    name: 'CoreDNS',
    pod: { namespace: EKS_COREDNS_PODS.namespace, labels: EKS_COREDNS_PODS.podLabels },
    addresses: input.cluster.vpc.podSubnets,
    ports: [
      { name: 'dns', port: EKS_COREDNS_PODS.port, protocol: 'UDP' as const },
      { name: 'dns-tcp', port: EKS_COREDNS_PODS.port, protocol: 'TCP' as const },
    ],
  };
}

const COREDNS_TEXT = `namespace ${EKS_COREDNS_PODS.namespace}, pods {${formatSelector({ matchLabels: EKS_COREDNS_PODS.podLabels })}}`;

/**
 * Every rendered pod that some NetworkPolicy isolates for egress must reach EKS's CoreDNS on 53/UDP and 53/TCP, judged
 * by networking's evaluator against the labels EKS really uses (not the project's own `KUBE_DNS_PODS`, which the
 * reachability proof trusts). A finding names the egress peer whose selector misses CoreDNS, or the pod when no rule
 * of its policies mentions port 53.
 */
function coreDnsFindings(input: GateInput): Finding[] {
  const policies = networkPoliciesOf(input.manifests);
  const coreDns = coreDnsEndpoint(input);
  const found: Finding[] = [];
  for (const template of podTemplates(input.manifests)) {
    const pod = { namespace: template.namespace, labels: template.labels };
    const egress = policies.filter(
      (p) => policySelects(p, pod) && effectivePolicyTypes(p.spec).includes('Egress'),
    );
    if (egress.length === 0) continue;
    const from = { name: objectRef(template.owner), pod, addresses: input.cluster.vpc.podSubnets };
    const denied = (['UDP', 'TCP'] as const).filter(
      (protocol) => !canConnect(policies, from, coreDns, EKS_COREDNS_PODS.port, protocol),
    );
    if (denied.length === 0) continue;
    const what = `${denied.map((p) => `${EKS_COREDNS_PODS.port}/${p}`).join(' and ')} to CoreDNS`;
    let blamed = false;
    for (const policy of egress) {
      (policy.spec?.egress ?? []).forEach((egressRule, r) => {
        const dnsPorts = (egressRule.ports ?? []).some((p) => p.port === EKS_COREDNS_PODS.port);
        if (!dnsPorts) return;
        (egressRule.to ?? []).forEach((peer, p) => {
          if (peer.ipBlock) return;
          const namespaceOk = peer.namespaceSelector
            ? selectorMatches(peer.namespaceSelector, {
                'kubernetes.io/metadata.name': EKS_COREDNS_PODS.namespace,
              })
            : (policy.metadata.namespace ?? 'default') === EKS_COREDNS_PODS.namespace;
          const podsOk = !peer.podSelector || selectorMatches(peer.podSelector, EKS_COREDNS_PODS.podLabels);
          if (namespaceOk && podsOk) return;
          blamed = true;
          found.push(
            finding(dnsReachesCoreDns, policy, {
              field: `spec.egress[${r}].to[${p}]`,
              value: peer,
              problem: `the DNS peer selects ${!namespaceOk ? `namespaces {${formatSelector(peer.namespaceSelector ?? {})}}` : `pods {${formatSelector(peer.podSelector ?? {})}}`}, which EKS's CoreDNS (${COREDNS_TEXT}) does not match, so the pods this policy selects cannot resolve names (${what} denied)`,
              allowed: `a peer selecting ${COREDNS_TEXT}, e.g. podSelector k8s-app=kube-dns with namespaceSelector kubernetes.io/metadata.name=${EKS_COREDNS_PODS.namespace} (fix ${KUBE_DNS_SOURCE})`,
            }),
          );
        });
      });
    }
    if (!blamed) {
      found.push(
        finding(dnsReachesCoreDns, template.owner, {
          field: template.specPath.replace(/(^|\.)spec$/, '$1metadata.labels'),
          value: template.labels,
          problem: `${objectRef(template.owner)} is isolated for egress by ${egress.map((p) => objectRef(p)).join(', ')}, and no rule of them allows ${what}, so it cannot resolve names`,
          allowed: `an egress rule to ${COREDNS_TEXT} on ${EKS_COREDNS_PODS.port}/UDP and ${EKS_COREDNS_PODS.port}/TCP (the graph's DNS edges; fix ${KUBE_DNS_SOURCE})`,
        }),
      );
    }
  }
  return found;
}

/** A pod as the isolation rule sees it. */
interface NetworkPod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The rendered object running the pod, or a stand-in for pods installed outside this render. */
  readonly object: Manifest;
  /** Path of the pod labels inside the object, for findings. */
  readonly labelsPath: string;
}

function networkPods(input: GateInput): NetworkPod[] {
  const rendered = podTemplates(input.manifests).map((pod) => ({
    name: objectRef(pod.owner),
    namespace: pod.namespace,
    labels: pod.labels,
    object: pod.owner,
    labelsPath: pod.specPath.replace(/(^|\.)spec$/, '$1metadata.labels'),
  }));
  const external = (input.context.externalPods ?? []).map((pods) => ({
    name: `pods of ${pods.name} (installed outside this render)`,
    namespace: pods.namespace,
    labels: pods.labels,
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${pods.name}-*`, namespace: pods.namespace },
    } as Manifest,
    labelsPath: 'labels',
  }));
  return [...rendered, ...external];
}

/**
 * The pods references may point at: the rendered ones, the ones installed outside this render (`externalPods`) and
 * the pods of other namespaces the PMS policies' peers select (the cluster DNS, the backing services' operators).
 */
function referencePods(input: GateInput): PodSet[] {
  const external = (input.context.externalPods ?? []).map((pods) => ({
    ref: `pods of ${pods.name} (installed outside this render)`,
    namespace: pods.namespace,
    labels: pods.labels,
    ...(pods.ports ? { ports: pods.ports } : {}),
  }));
  return [...renderedPodSets(input.manifests), ...external, ...outsidePodSets()];
}

/** A broken reference as a finding of `policy`. */
const referenceFinding =
  (policy: PolicyRule) =>
  ({ object, field, value, problem, allowed }: BrokenReference): Finding =>
    finding(policy, object, { field, value, problem, allowed });

const podIsolation = rule(
  'pod-isolation',
  'every pod is selected by NetworkPolicies isolating both its ingress and its egress',
  'PMS network baseline (kube-linter non-isolated-pod, in both directions)',
);
const danglingService = rule(
  'dangling-service',
  "every Service's selector matches pods, and its target ports are theirs",
  'kube-linter dangling-service',
);
const danglingIngress = rule(
  'dangling-ingress',
  'every Ingress backend is a rendered Service and port (or an ALB action annotation)',
  'PMS network baseline',
);
const danglingNetworkPolicy = rule(
  'dangling-network-policy',
  'every NetworkPolicy, and every pod or namespace selector in its peers, matches pods',
  'kube-linter dangling-networkpolicy, dangling-networkpolicypeer-podselector',
);
const noIngressFromAnywhere = rule(
  'no-ingress-from-anywhere',
  'no NetworkPolicy admits traffic from any source, 0.0.0.0/0, or addresses outside the VPC',
  'PMS network baseline',
);
const serviceType = rule(
  'service-type',
  'no Service of type LoadBalancer or NodePort: the single ALB is the only way in',
  'PMS network baseline',
);

/** Backends on the ALB's `use-annotation` port whose action annotation is missing. */
function missingAlbActions(input: GateInput): Finding[] {
  return ofKind<IIngress>(input.manifests, 'networking.k8s.io/v1', 'Ingress').flatMap((ingress) =>
    ingressBackends(ingress).flatMap(({ path, backend }): Finding[] => {
      const name = backend.service?.name;
      if (name === undefined || backend.service?.port?.name !== USE_ANNOTATION_PORT) return [];
      const key = AlbAnnotation.actions(name);
      if (ingress.metadata.annotations?.[key] !== undefined) return [];
      return [
        finding(danglingIngress, ingress, {
          field: `${path}.service`,
          value: name,
          problem: `the backend uses the ALB action "${name}" but the Ingress has no annotation ${key}`,
          allowed: `add the annotation ${key} or point the backend at a Service`,
        }),
      ];
    }),
  );
}

/** Findings of the ingress rules of one NetworkPolicy that admit any source or addresses outside the VPC. */
function openIngressFindings(input: GateInput): Finding[] {
  const vpc = parseCidr(input.cluster.vpc.cidr);
  const albCidrs = input.cluster.vpc.albSubnets.map((s) => s.cidr).join(', ');
  return networkPoliciesOf(input.manifests).flatMap((policy) =>
    (policy.spec?.ingress ?? []).flatMap((ingressRule, r): Finding[] => {
      const peers = ingressRule.from ?? [];
      if (peers.length === 0) {
        return [
          finding(noIngressFromAnywhere, policy, {
            field: `spec.ingress[${r}].from`,
            value: ingressRule.from,
            problem: 'the rule has no "from", so it admits every source, the internet included',
            allowed: 'list the peers: pod/namespace selectors, or the ALB subnets as ipBlocks',
          }),
        ];
      }
      return peers.flatMap((peer, p): Finding[] => {
        const cidr = peer.ipBlock?.cidr;
        if (typeof cidr !== 'string') return [];
        const field = `spec.ingress[${r}].from[${p}].ipBlock.cidr`;
        const parsed = parseCidr(cidr, false);
        if (cidr.endsWith('/0')) {
          const problem = 'the rule admits the whole internet';
          return [
            finding(noIngressFromAnywhere, policy, {
              field,
              value: cidr,
              problem,
              allowed: `the ALB subnets' CIDRs (${albCidrs})`,
            }),
          ];
        }
        if (parsed && vpc && cidrContains(vpc, parsed)) return [];
        return [
          finding(noIngressFromAnywhere, policy, {
            field,
            value: cidr,
            problem: `the block is not inside the VPC ${input.cluster.vpc.cidr}, so it admits addresses from outside`,
            allowed: `a block inside the VPC, e.g. the ALB subnets' CIDRs (${albCidrs})`,
          }),
        ];
      });
    }),
  );
}

/** The network rules with their checks. */
export const NETWORK_RULES: readonly RuleCheck[] = [
  {
    rule: podIsolation,
    check: (input) => {
      const policies = networkPoliciesOf(input.manifests);
      return networkPods(input).flatMap((pod) => {
        const types = new Set(
          policies
            .filter((policy) => policySelects(policy, pod))
            .flatMap((p) => effectivePolicyTypes(p.spec)),
        );
        const missing = ['Ingress', 'Egress'].filter((type) => !types.has(type as 'Ingress' | 'Egress'));
        if (missing.length === 0) return [];
        return [
          finding(podIsolation, pod.object, {
            field: pod.labelsPath,
            value: pod.labels,
            problem: `${pod.name} ${missing.length === 2 ? 'is not isolated at all' : `is not isolated for ${missing[0]}`}: no NetworkPolicy selecting it has policyTypes ${missing.join(' and ')}`,
            allowed: `a NetworkPolicy in ${pod.namespace} whose podSelector matches these labels with policyTypes [${missing.join(', ')}] (e.g. the namespace default deny)`,
          }),
        ];
      });
    },
  },
  {
    rule: danglingService,
    check: (input) =>
      serviceReferences(input.manifests, referencePods(input)).map(referenceFinding(danglingService)),
  },
  {
    rule: danglingIngress,
    check: (input) => [
      ...ingressBackendReferences(input.manifests).map(referenceFinding(danglingIngress)),
      ...missingAlbActions(input),
    ],
  },
  {
    rule: danglingNetworkPolicy,
    check: (input) =>
      networkPolicyReferences(input.manifests, referencePods(input)).map(
        referenceFinding(danglingNetworkPolicy),
      ),
  },
  { rule: noIngressFromAnywhere, check: openIngressFindings },
  { rule: dnsReachesCoreDns, check: coreDnsFindings },
  {
    rule: serviceType,
    check: (input) =>
      ofKind<IService>(input.manifests, 'v1', 'Service').flatMap((service) => {
        const type = service.spec?.type;
        if (type !== 'LoadBalancer' && type !== 'NodePort') return [];
        return [
          finding(serviceType, service, {
            field: 'spec.type',
            value: type,
            problem:
              type === 'LoadBalancer'
                ? 'the Service would create its own internet-facing load balancer next to the ALB'
                : 'the Service opens a port on every node',
            allowed: 'type: ClusterIP (reach the pods through the Ingress and the ALB)',
          }),
        ];
      }),
  },
];
