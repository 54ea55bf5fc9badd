/**
 * The VPC CNI's pre-DNAT rule, as a check over rendered objects. The EKS network policy agent enforces egress on
 * the pod's interface before kube-proxy translates a Service address, so a pod dialling a Service is allowed only if
 * the Service's ClusterIP is in the rule. The controller puts it there only when the rule's peer pod selector
 * matches the Service's selector (as a label set) and the Service's target port resolves to a port the rule allows;
 * a Service whose port differs from its container port is the other documented trap
 * (aws/amazon-network-policy-controller-k8s@v1.1.7 pkg/resolvers/endpoints.go `getMatchingServiceClusterIPs`,
 * `hasTargetPortBypass`; EKS user guide, "Restrict pod traffic with Kubernetes policies", considerations: "the
 * service port must be the same as the container port"). The reachability evaluator sees pods only; this check
 * closes the gap for every Service a rule's peer pods are behind: the rendered ones and the backing projects' own
 * (`UPSTREAM_PROJECTS[…].services`).
 */
import { objectRef, ofKind, throwIfAny, type Manifest } from '@pms/core';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { IService } from 'kubernetes-models/v1/Service';
import { instanceVars } from './backing/pods.js';
import { fillTemplate, UPSTREAM_PROJECTS } from './backing/upstream.js';
import { backingServicesOf, PMS_SERVICES, type ServiceDefinition } from './catalogue.js';
import { formatSelector, selectorMatches, type Labels } from './label-selector.js';
import { PMS_NAMESPACE } from './namespace.js';
import { declaredPodSets, renderedPodSets, type PodSet } from './pod-sets.js';
import { networkPoliciesOf, NAMESPACE_NAME_LABEL } from './reachability.js';

/** A Service as the check sees it. */
export interface ServiceView {
  /** How it reads in messages: `Service pms/postgres` or `Service pms/postgres-cnpg-rw (CloudNativePG)`. */
  readonly ref: string;
  /** Its namespace. */
  readonly namespace: string;
  /** Its selector. */
  readonly selector: Labels;
  /** Its ports. */
  readonly ports: readonly {
    readonly port: number;
    readonly targetPort: number | string;
    readonly protocol: string;
  }[];
}

/** The backing projects' own Services (not rendered here) for the catalogue's backing services. */
export function upstreamServices(services: readonly ServiceDefinition[] = PMS_SERVICES): ServiceView[] {
  return backingServicesOf(services).flatMap((service) => {
    const project = UPSTREAM_PROJECTS[service.installer.project];
    if (!project) return [];
    const vars = instanceVars(service.installer);
    return project.services.map((fact) => ({
      ref: `Service ${PMS_NAMESPACE}/${fillTemplate(fact.name, vars)} (${project.title})`,
      namespace: PMS_NAMESPACE,
      selector: Object.fromEntries(Object.entries(fact.selector).map(([k, v]) => [k, fillTemplate(v, vars)])),
      ports: fact.ports.map((p) => ({ ...p, protocol: 'TCP' })),
    }));
  });
}

function renderedServices(manifests: readonly Manifest[]): ServiceView[] {
  return ofKind<IService>(manifests, 'v1', 'Service')
    .filter((s) => s.spec?.type !== 'ExternalName' && s.spec?.clusterIP !== 'None' && s.spec?.selector)
    .map((s) => ({
      ref: objectRef(s),
      namespace: s.metadata.namespace ?? 'default',
      selector: s.spec!.selector!,
      ports: (s.spec?.ports ?? []).map((p) => ({
        port: p.port,
        targetPort: p.targetPort ?? p.port,
        protocol: p.protocol ?? 'TCP',
      })),
    }));
}

/** One place where the pre-DNAT rule would drop traffic. */
export interface PreDnatFinding {
  /** The NetworkPolicy. */
  readonly object: Manifest;
  /** The peer, e.g. `spec.egress[2].to[0]`. */
  readonly field: string;
  /** The peer's selector. */
  readonly value: string;
  /** What is wrong. */
  readonly problem: string;
  /** What would work. */
  readonly allowed: string;
}

/** True when a rule's ports allow `port` (a container port number) for `protocol`. */
function allows(ports: readonly INetworkPolicyPort[] | undefined, port: number, protocol: string): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') return port >= p.port && port <= (p.endPort ?? p.port);
    return false;
  });
}

/**
 * Every egress peer of every rendered NetworkPolicy whose pods are behind a Service (rendered or upstream) on a
 * port the rule allows, but whose ClusterIP the VPC CNI would leave out: the peer's pod selector does not match
 * the Service's selector, or the Service port differs from the container port. Pure.
 */
export function preDnatFindings(
  manifests: readonly Manifest[],
  services: readonly ServiceView[] = [...renderedServices(manifests), ...upstreamServices()],
  podSets: readonly PodSet[] = [...renderedPodSets(manifests), ...declaredPodSets()],
): PreDnatFinding[] {
  const findings: PreDnatFinding[] = [];
  for (const policy of networkPoliciesOf(manifests)) {
    const namespace = policy.metadata.namespace ?? 'default';
    (policy.spec?.egress ?? []).forEach((rule, r) => {
      (rule.to ?? []).forEach((peer, p) => {
        if (!peer.podSelector) return;
        const namespaces = peer.namespaceSelector
          ? [...new Set([...podSets.map((s) => s.namespace), ...services.map((s) => s.namespace)])].filter(
              (n) => selectorMatches(peer.namespaceSelector!, { [NAMESPACE_NAME_LABEL]: n }),
            )
          : [namespace];
        const peerPods = podSets.filter(
          (set) => namespaces.includes(set.namespace) && selectorMatches(peer.podSelector!, set.labels),
        );
        for (const service of services.filter((s) => namespaces.includes(s.namespace))) {
          const behind = peerPods.filter(
            (set) =>
              set.namespace === service.namespace &&
              selectorMatches({ matchLabels: service.selector }, set.labels),
          );
          if (behind.length === 0) continue;
          for (const port of service.ports) {
            const target =
              typeof port.targetPort === 'number'
                ? port.targetPort
                : behind.flatMap((set) => set.ports ?? []).find((c) => c.name === port.targetPort)?.port;
            if (target === undefined || !allows(rule.ports, target, port.protocol)) continue;
            const at = {
              object: policy,
              field: `spec.egress[${r}].to[${p}]`,
              value: formatSelector(peer.podSelector),
            };
            if (!selectorMatches(peer.podSelector, service.selector)) {
              findings.push({
                ...at,
                problem: `the rule allows the pods of ${service.ref} on ${target}/${port.protocol}, but its pod selector does not match that Service's selector {${formatSelector({ matchLabels: service.selector })}}, so the VPC CNI leaves the Service's ClusterIP out of the rule and connections through the Service are dropped (policies are enforced before the Service address is translated)`,
                allowed: `a pod selector whose labels are all in the Service's selector (e.g. {${formatSelector({ matchLabels: service.selector })}})`,
              });
            } else if (port.port !== target) {
              findings.push({
                ...at,
                problem: `${service.ref} port ${port.port} forwards to container port ${target}: the VPC CNI matches the Service port against the rule, so the connection is dropped`,
                allowed: `a Service whose port equals its container port (${target})`,
              });
            }
          }
        }
      });
    });
  }
  return findings;
}

/** Throws every pre-DNAT finding of the rendered objects (`throwIfAny`), naming the policy, the peer and the Service. */
export function checkPreDnat(cluster: string, manifests: readonly Manifest[]): void {
  throwIfAny(
    preDnatFindings(manifests).map(({ object, field, value, problem, allowed }) => ({
      cluster,
      field: `${objectRef(object)} ${field}`,
      value,
      problem,
      allowed,
    })),
  );
}
