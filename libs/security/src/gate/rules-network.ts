/**
 * Network rules: every pod isolated in both directions, no dangling Service, Ingress or NetworkPolicy, no
 * ingress from the internet, no Service that opens its own load balancer or node ports.
 */
import { cidrContains, objectRef, parseCidr, type Manifest } from '@pms/core';
import { podTemplates, selectorMatches, type LabelSelector } from '@pms/networking';
import {
  finding,
  ruleOf,
  get,
  list,
  stringMap,
  type Finding,
  type GateInput,
  type PolicyRule,
  type RuleCheck,
} from './model.js';

const rule = ruleOf('network');

/** A pod as the network rules see it. */
interface NetworkPod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The rendered object running the pod, or a stand-in for pods installed from charts. */
  readonly object: Manifest;
  /** Path of the pod labels inside the object, for findings. */
  readonly labelsPath: string;
  readonly external: boolean;
}

function networkPods(input: GateInput): NetworkPod[] {
  const rendered = podTemplates(input.manifests).map((pod) => ({
    name: objectRef(pod.owner),
    namespace: pod.namespace,
    labels: pod.labels,
    object: pod.owner,
    labelsPath: pod.specPath.replace(/(^|\.)spec$/, '$1metadata.labels'),
    external: false,
  }));
  const external = (input.context.externalPods ?? []).map((pods) => ({
    name: `pods of ${pods.name} (installed from its chart)`,
    namespace: pods.namespace,
    labels: pods.labels,
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${pods.name}-*`, namespace: pods.namespace },
    } as Manifest,
    labelsPath: 'labels',
    external: true,
  }));
  return [...rendered, ...external];
}

const isKind = (manifest: Manifest, apiVersion: string, kind: string) =>
  manifest.apiVersion === apiVersion && manifest.kind === kind;
const networkPolicies = (input: GateInput) =>
  input.manifests.filter((m) => isKind(m, 'networking.k8s.io/v1', 'NetworkPolicy'));
const services = (input: GateInput) => input.manifests.filter((m) => isKind(m, 'v1', 'Service'));
const ingresses = (input: GateInput) =>
  input.manifests.filter((m) => isKind(m, 'networking.k8s.io/v1', 'Ingress'));

/** The directions a NetworkPolicy isolates, with Kubernetes' defaults when `policyTypes` is absent. */
export function policyTypesOf(policy: Manifest): string[] {
  const declared = list<string>(get(policy, 'spec', 'policyTypes'));
  if (declared.length > 0) return declared;
  return get(policy, 'spec', 'egress') !== undefined ? ['Ingress', 'Egress'] : ['Ingress'];
}

const podIsolation = rule(
  'pod-isolation',
  'every pod is selected by NetworkPolicies isolating both its ingress and its egress',
  'PMS network baseline (kube-linter non-isolated-pod, in both directions)',
);
const danglingService = rule(
  'dangling-service',
  "every Service's selector matches pods",
  'kube-linter dangling-service',
);
const danglingIngress = rule(
  'dangling-ingress',
  'every Ingress backend is a rendered Service and port (or an ALB action annotation)',
  'PMS network baseline',
);
const danglingNetworkPolicy = rule(
  'dangling-network-policy',
  'every NetworkPolicy, and every same-namespace pod selector in its peers, matches pods',
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

/** The network rules with their checks. */
export const NETWORK_RULES: readonly RuleCheck[] = [
  {
    rule: podIsolation,
    check: (input) => {
      const policies = networkPolicies(input);
      return networkPods(input).flatMap((pod) => {
        const selecting = policies.filter(
          (policy) =>
            policy.metadata.namespace === pod.namespace &&
            selectorMatches((get(policy, 'spec', 'podSelector') ?? {}) as LabelSelector, pod.labels),
        );
        const types = new Set(selecting.flatMap(policyTypesOf));
        const missing = ['Ingress', 'Egress'].filter((type) => !types.has(type));
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
    check: (input) => {
      const pods = networkPods(input);
      return services(input).flatMap((service) => {
        const selector = stringMap(get(service, 'spec', 'selector'));
        if (get(service, 'spec', 'type') === 'ExternalName' || Object.keys(selector).length === 0) return [];
        const matched = pods.some(
          (pod) =>
            pod.namespace === service.metadata.namespace &&
            selectorMatches({ matchLabels: selector }, pod.labels),
        );
        return matched
          ? []
          : [
              finding(danglingService, service, {
                field: 'spec.selector',
                value: selector,
                problem: `the selector matches no pod in namespace ${service.metadata.namespace}`,
                allowed:
                  'a selector equal to the pod labels of a rendered workload or a declared backing service',
              }),
            ];
      });
    },
  },
  {
    rule: danglingIngress,
    check: (input) => {
      const all = services(input);
      return ingresses(input).flatMap((ingress) => {
        const backends: { path: string; backend: unknown }[] = [];
        if (get(ingress, 'spec', 'defaultBackend') !== undefined) {
          backends.push({ path: 'spec.defaultBackend', backend: get(ingress, 'spec', 'defaultBackend') });
        }
        list(get(ingress, 'spec', 'rules')).forEach((ruleValue, r) =>
          list(get(ruleValue, 'http', 'paths')).forEach((path, p) =>
            backends.push({
              path: `spec.rules[${r}].http.paths[${p}].backend`,
              backend: get(path, 'backend'),
            }),
          ),
        );
        return backends.flatMap(({ path, backend }): Finding[] => {
          const name = get(backend, 'service', 'name');
          if (name === undefined) return [];
          const port = get(backend, 'service', 'port');
          const portName = get(port, 'name');
          if (portName === 'use-annotation') {
            const key = `alb.ingress.kubernetes.io/actions.${String(name)}`;
            return ingress.metadata.annotations?.[key] !== undefined
              ? []
              : [
                  finding(danglingIngress, ingress, {
                    field: `${path}.service`,
                    value: name,
                    problem: `the backend uses the ALB action "${String(name)}" but the Ingress has no annotation ${key}`,
                    allowed: `add the annotation ${key} or point the backend at a Service`,
                  }),
                ];
          }
          const service = all.find(
            (s) => s.metadata.namespace === ingress.metadata.namespace && s.metadata.name === name,
          );
          if (!service) {
            return [
              finding(danglingIngress, ingress, {
                field: `${path}.service.name`,
                value: name,
                problem: `no Service "${String(name)}" is rendered in namespace ${ingress.metadata.namespace}`,
                allowed: 'the name of a rendered Service in the Ingress namespace',
              }),
            ];
          }
          const ports = list<{ port?: number; name?: string }>(get(service, 'spec', 'ports'));
          const number = get(port, 'number');
          const found =
            number !== undefined
              ? ports.some((p) => p.port === number)
              : ports.some((p) => p.name === portName);
          const declared = ports.map((p) => `${p.name ?? ''}${p.name ? '/' : ''}${p.port}`).join(', ');
          return found
            ? []
            : [
                finding(danglingIngress, ingress, {
                  field: `${path}.service.port`,
                  value: port,
                  problem: `${objectRef(service)} has no such port (ports: ${declared})`,
                  allowed: `one of the Service's ports: ${declared}`,
                }),
              ];
        });
      });
    },
  },
  {
    rule: danglingNetworkPolicy,
    check: (input) => {
      const pods = networkPods(input);
      return networkPolicies(input).flatMap((policy) => {
        const namespace = policy.metadata.namespace;
        const inNamespace = pods.filter((pod) => pod.namespace === namespace);
        const matchesAny = (selector: unknown) =>
          inNamespace.some((pod) => selectorMatches(selector as LabelSelector, pod.labels));
        const found: Finding[] = [];
        const podSelector = get(policy, 'spec', 'podSelector') ?? {};
        if (!matchesAny(podSelector)) {
          found.push(
            finding(danglingNetworkPolicy, policy, {
              field: 'spec.podSelector',
              value: podSelector,
              problem: `the policy selects no pod in namespace ${namespace}`,
              allowed: 'a podSelector matching the labels of pods in the namespace',
            }),
          );
        }
        for (const [direction, peersField] of [
          ['ingress', 'from'],
          ['egress', 'to'],
        ] as const) {
          list(get(policy, 'spec', direction)).forEach((ruleValue, r) =>
            list(get(ruleValue, peersField)).forEach((peer, p) => {
              const selector = get(peer, 'podSelector');
              if (selector === undefined || get(peer, 'namespaceSelector') !== undefined) return;
              if (!matchesAny(selector)) {
                found.push(
                  finding(danglingNetworkPolicy, policy, {
                    field: `spec.${direction}[${r}].${peersField}[${p}].podSelector`,
                    value: selector,
                    problem: `the peer selects no pod in namespace ${namespace}`,
                    allowed:
                      'a peer podSelector matching pods in the namespace (or a namespaceSelector for other namespaces)',
                  }),
                );
              }
            }),
          );
        }
        return found;
      });
    },
  },
  {
    rule: noIngressFromAnywhere,
    check: (input) => {
      const vpc = parseCidr(input.cluster.vpc.cidr);
      return networkPolicies(input).flatMap((policy) =>
        list(get(policy, 'spec', 'ingress')).flatMap((ruleValue, r): Finding[] => {
          const peers = list(get(ruleValue, 'from'));
          if (peers.length === 0) {
            return [
              finding(noIngressFromAnywhere, policy, {
                field: `spec.ingress[${r}].from`,
                value: get(ruleValue, 'from'),
                problem: 'the rule has no "from", so it admits every source, the internet included',
                allowed: 'list the peers: pod/namespace selectors, or the ALB subnets as ipBlocks',
              }),
            ];
          }
          return peers.flatMap((peer, p): Finding[] => {
            const cidr = get(peer, 'ipBlock', 'cidr');
            if (typeof cidr !== 'string') return [];
            const field = `spec.ingress[${r}].from[${p}].ipBlock.cidr`;
            const parsed = parseCidr(cidr, false);
            if (cidr.endsWith('/0')) {
              return [
                finding(noIngressFromAnywhere, policy, {
                  field,
                  value: cidr,
                  problem: 'the rule admits the whole internet',
                  allowed: `the ALB subnets' CIDRs (${input.cluster.vpc.albSubnets.map((s) => s.cidr).join(', ')})`,
                }),
              ];
            }
            if (!parsed || !vpc || !cidrContains(vpc, parsed)) {
              return [
                finding(noIngressFromAnywhere, policy, {
                  field,
                  value: cidr,
                  problem: `the block is not inside the VPC ${input.cluster.vpc.cidr}, so it admits addresses from outside`,
                  allowed: `a block inside the VPC, e.g. the ALB subnets' CIDRs (${input.cluster.vpc.albSubnets.map((s) => s.cidr).join(', ')})`,
                }),
              ];
            }
            return [];
          });
        }),
      );
    },
  },
  {
    rule: serviceType,
    check: (input) =>
      services(input).flatMap((service) => {
        const type = get(service, 'spec', 'type');
        return type === 'LoadBalancer' || type === 'NodePort'
          ? [
              finding(serviceType, service, {
                field: 'spec.type',
                value: type,
                problem:
                  type === 'LoadBalancer'
                    ? 'the Service would create its own internet-facing load balancer next to the ALB'
                    : 'the Service opens a port on every node',
                allowed: 'type: ClusterIP (reach the pods through the Ingress and the ALB)',
              }),
            ]
          : [];
      }),
  },
];
