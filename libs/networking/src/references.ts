/**
 * Reference integrity over rendered objects, the one implementation (the policy gate's dangling-* rules wrap it):
 * every Service selects pods that exist (a rendered workload or a declared backing service) and targets one of their
 * ports; every NetworkPolicy and every peer selector selects something; every Ingress backend is a Service with
 * that port; every probe targets a container port; no object of namespace `pms` takes a name a backing service's
 * operator or chart gives its own objects. One pure function per object family; each finding names both ends.
 */
import { objectRef, ofKind, throwIfAny, type IssueFields, type Manifest } from '@pms/core';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IIngressBackend } from 'kubernetes-models/networking.k8s.io/v1/IngressBackend';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IService } from 'kubernetes-models/v1/Service';
import { ownedNamesOf } from './backing/owned-names.js';
import { PMS_SERVICES, type ServiceDefinition } from './catalogue.js';
import { formatSelector, selectorMatches, type Labels } from './label-selector.js';
import { PMS_NAMESPACE } from './namespace.js';
import { declaredPodSets, renderedPodSets, type PodSet } from './pod-sets.js';
import { podTemplates } from './pod-templates.js';
import { NAMESPACE_NAME_LABEL } from './reachability.js';

/**
 * Port name of an Ingress backend whose action is in an ALB annotation, not a Service port (AWS Load Balancer
 * Controller docs, "Ingress annotations", `actions.${action-name}`): not a Service reference.
 */
export const USE_ANNOTATION_PORT = 'use-annotation';

/** The families of references. */
export type ReferenceKind =
  /** A Service's selector → pods. */
  | 'service-selector'
  /** A Service's target port → a container port of the selected pods. */
  | 'service-target-port'
  /** A NetworkPolicy's podSelector → pods of its namespace. */
  | 'policy-pod-selector'
  /** A NetworkPolicy peer's selectors → pods. */
  | 'policy-peer'
  /** An Ingress backend → a Service and its port. */
  | 'ingress-backend'
  /** A probe → a container port. */
  | 'probe-port'
  /** An object's name → not one a backing service's operator or chart gives its own objects. */
  | 'installer-object-name';

/** One broken reference of one rendered object, in the vocabulary of every refusal. */
export interface BrokenReference extends IssueFields {
  /** Which family of references. */
  readonly kind: ReferenceKind;
  /** The referring object. */
  readonly object: Manifest;
  /** Path of the field inside the object, e.g. `spec.selector`. */
  readonly field: string;
  /** What is wrong. */
  readonly problem: string;
}

/** Every pod set a reference may point at: the rendered ones and the declared ones (backing services, kube-dns). */
export function referencePodSets(manifests: readonly Manifest[]): PodSet[] {
  return [...renderedPodSets(manifests), ...declaredPodSets()];
}

/** Pod sets by namespace, and how messages list the candidates. */
class PodIndex {
  constructor(readonly all: readonly PodSet[]) {}

  in(namespace: string): PodSet[] {
    return this.all.filter((s) => s.namespace === namespace);
  }

  candidates(namespace: string): string {
    return (
      this.in(namespace)
        .map((s) => `${s.ref} {${formatSelector({ matchLabels: s.labels })}}`)
        .join('; ') || `no pods in namespace ${namespace}`
    );
  }
}

function describePorts(set: PodSet): string {
  return (
    (set.ports ?? []).map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}`).join(', ') || 'none'
  );
}

/** The pod sets a Service's selector selects, or the finding that it selects none. */
function serviceSelection(
  service: Manifest & IService,
  pods: PodIndex,
): { readonly selected: PodSet[] } | { readonly broken: BrokenReference } {
  const namespace = service.metadata.namespace ?? 'default';
  const selector = service.spec?.selector;
  const at = { kind: 'service-selector' as const, object: service, field: 'spec.selector', value: selector };
  if (!selector || Object.keys(selector).length === 0) {
    const allowed = `the labels of pods in ${namespace}: ${pods.candidates(namespace)}`;
    return { broken: { ...at, allowed, problem: 'selects no pods' } };
  }
  const selected = pods.in(namespace).filter((s) => selectorMatches({ matchLabels: selector }, s.labels));
  if (selected.length === 0) {
    const allowed = `the labels of a rendered workload's pods or a declared backing service in ${namespace}: ${pods.candidates(namespace)}`;
    return { broken: { ...at, allowed, problem: 'selects no pods' } };
  }
  return { selected };
}

/** A Service's target ports → a container port of each selected pod set that declares its ports. */
function serviceTargetPortReferences(
  service: Manifest & IService,
  selected: readonly PodSet[],
): BrokenReference[] {
  return (service.spec?.ports ?? []).flatMap((port, index) => {
    const target = port.targetPort ?? port.port;
    const protocol = port.protocol ?? 'TCP';
    const declares = (set: PodSet) =>
      set.ports!.some(
        (p) =>
          p.protocol === protocol && (typeof target === 'number' ? p.port === target : p.name === target),
      );
    return selected
      .filter((set) => set.ports !== undefined && !declares(set))
      .map((set) => ({
        kind: 'service-target-port' as const,
        object: service,
        field: `spec.ports[${index}].targetPort`,
        value: target,
        allowed: `a container port of ${set.ref}: ${describePorts(set)}`,
        problem: `${set.ref} has no container port ${target}/${protocol}`,
      }));
  });
}

/** Services → pods (the selector) and their ports (each target port). ExternalName Services select nothing. */
export function serviceReferences(
  manifests: readonly Manifest[],
  podSets: readonly PodSet[],
): BrokenReference[] {
  const pods = new PodIndex(podSets);
  return ofKind<IService>(manifests, 'v1', 'Service').flatMap((service): BrokenReference[] => {
    if (service.spec?.type === 'ExternalName') return [];
    const selection = serviceSelection(service, pods);
    return 'broken' in selection
      ? [selection.broken]
      : serviceTargetPortReferences(service, selection.selected);
  });
}

/** The labels of every namespace the pods live in or the objects declare (each with its own name label). */
function namespaceLabelsOf(manifests: readonly Manifest[], podSets: readonly PodSet[]): Map<string, Labels> {
  const labels = new Map<string, Labels>();
  for (const namespace of new Set(podSets.map((s) => s.namespace))) {
    labels.set(namespace, { [NAMESPACE_NAME_LABEL]: namespace });
  }
  for (const m of ofKind<INamespace>(manifests, 'v1', 'Namespace')) {
    labels.set(m.metadata.name, { ...m.metadata.labels, [NAMESPACE_NAME_LABEL]: m.metadata.name });
  }
  return labels;
}

/** A NetworkPolicy's own podSelector → pods of its namespace. */
function policyPodSelectorReferences(policy: Manifest & INetworkPolicy, pods: PodIndex): BrokenReference[] {
  const namespace = policy.metadata.namespace ?? 'default';
  const podSelector = policy.spec?.podSelector ?? {};
  if (pods.in(namespace).some((s) => selectorMatches(podSelector, s.labels))) return [];
  return [
    {
      kind: 'policy-pod-selector',
      object: policy,
      field: 'spec.podSelector',
      value: formatSelector(podSelector),
      allowed: `a selector of pods in ${namespace}: ${pods.candidates(namespace)}`,
      problem: 'selects no pods',
    },
  ];
}

/** A NetworkPolicy's peer lists, ingress rules' `from` then egress rules' `to`, with their paths in the object. */
function peerListsOf(
  policy: INetworkPolicy,
): { readonly path: string; readonly peers: INetworkPolicyPeer[] }[] {
  return [
    ...(policy.spec?.ingress ?? []).map((rule, i) => ({
      path: `spec.ingress[${i}].from`,
      peers: rule.from ?? [],
    })),
    ...(policy.spec?.egress ?? []).map((rule, i) => ({ path: `spec.egress[${i}].to`, peers: rule.to ?? [] })),
  ];
}

/** A NetworkPolicy's peers that select by labels → pods of the namespaces they select (their own without one). */
function policyPeerReferences(
  policy: Manifest & INetworkPolicy,
  pods: PodIndex,
  namespaceLabels: ReadonlyMap<string, Labels>,
): BrokenReference[] {
  const namespace = policy.metadata.namespace ?? 'default';
  return peerListsOf(policy).flatMap(({ path, peers }) =>
    peers.flatMap((peer, index): BrokenReference[] => {
      if (peer.ipBlock || (!peer.podSelector && !peer.namespaceSelector)) return [];
      const namespaces = peer.namespaceSelector
        ? [...namespaceLabels]
            .filter(([, labels]) => selectorMatches(peer.namespaceSelector!, labels))
            .map(([n]) => n)
        : [namespace];
      const peerPods = peer.podSelector ?? {};
      if (namespaces.some((n) => pods.in(n).some((s) => selectorMatches(peerPods, s.labels)))) return [];
      return [
        {
          kind: 'policy-peer',
          object: policy,
          field: `${path}[${index}]`,
          value: `${peer.namespaceSelector ? `namespaces {${formatSelector(peer.namespaceSelector)}} ` : ''}pods {${formatSelector(peerPods)}}`,
          allowed: `a peer matching rendered or declared pods: ${pods.all.map((s) => `${s.ref} in ${s.namespace}`).join('; ')}`,
          problem: 'selects no pods',
        },
      ];
    }),
  );
}

/** NetworkPolicies → pods: the policy's own podSelector, and every peer that selects by labels. */
export function networkPolicyReferences(
  manifests: readonly Manifest[],
  podSets: readonly PodSet[],
): BrokenReference[] {
  const pods = new PodIndex(podSets);
  const namespaceLabels = namespaceLabelsOf(manifests, podSets);
  return ofKind<INetworkPolicy>(manifests, 'networking.k8s.io/v1', 'NetworkPolicy').flatMap((policy) => [
    ...policyPodSelectorReferences(policy, pods),
    ...policyPeerReferences(policy, pods, namespaceLabels),
  ]);
}

/** One backend of an Ingress: where it sits in the object, and the request path routed to it. */
export interface IngressBackendRef {
  /** Path of the backend inside the Ingress, e.g. `spec.rules[0].http.paths[1].backend`. */
  readonly path: string;
  /** The backend. */
  readonly backend: IIngressBackend;
  /** How the routed path reads, e.g. `Prefix /api`; `default backend` for `spec.defaultBackend`. */
  readonly routed: string;
}

/** The backends of an Ingress: the default backend, then every rule's paths, in order. */
export function ingressBackends(ingress: Manifest & IIngress): IngressBackendRef[] {
  const spec = ingress.spec ?? {};
  return [
    ...(spec.defaultBackend
      ? [{ path: 'spec.defaultBackend', backend: spec.defaultBackend, routed: 'default backend' }]
      : []),
    ...(spec.rules ?? []).flatMap((rule, r) =>
      (rule.http?.paths ?? []).map((p, i) => ({
        path: `spec.rules[${r}].http.paths[${i}].backend`,
        backend: p.backend,
        routed: `${p.pathType ?? 'Prefix'} ${p.path ?? '/'}`,
      })),
    ),
  ];
}

/**
 * Ingress backends → a rendered Service of the Ingress's namespace and one of its ports. Backends on the ALB's
 * `use-annotation` port are actions, not Service references (the gate checks their annotations).
 */
export function ingressBackendReferences(manifests: readonly Manifest[]): BrokenReference[] {
  const services = ofKind<IService>(manifests, 'v1', 'Service');
  return ofKind<IIngress>(manifests, 'networking.k8s.io/v1', 'Ingress').flatMap((ingress) => {
    const namespace = ingress.metadata.namespace ?? 'default';
    const inNamespace = services.filter((s) => (s.metadata.namespace ?? 'default') === namespace);
    return ingressBackends(ingress).flatMap(({ path, backend }): BrokenReference[] => {
      const target = backend.service;
      const port = target?.port?.number ?? target?.port?.name;
      if (!target || port === USE_ANNOTATION_PORT) return [];
      const value = `${target.name}:${port ?? '(no port)'}`;
      const service = inNamespace.find((s) => s.metadata.name === target.name);
      const at = { kind: 'ingress-backend' as const, object: ingress, field: path, value };
      if (!service) {
        const rendered = inNamespace.map((s) => s.metadata.name).join(', ') || 'none';
        const allowed = `a rendered Service in ${namespace}: ${rendered}`;
        return [{ ...at, allowed, problem: `Service ${namespace}/${target.name} is not rendered` }];
      }
      const ports = service.spec?.ports ?? [];
      if (
        ports.some((p) =>
          typeof port === 'number' ? p.port === port : p.name === port && port !== undefined,
        )
      ) {
        return [];
      }
      const allowed = `a port of ${objectRef(service)}: ${ports.map((p) => `${p.name ?? ''} ${p.port}`.trim()).join(', ')}`;
      return [{ ...at, allowed, problem: `${objectRef(service)} has no port ${port}` }];
    });
  });
}

/** Probes (readiness, liveness, startup) → a port of their container. */
export function probeReferences(manifests: readonly Manifest[]): BrokenReference[] {
  return podTemplates(manifests).flatMap((template) =>
    (template.spec.containers ?? []).flatMap((container, c) =>
      (['readinessProbe', 'livenessProbe', 'startupProbe'] as const).flatMap((kind): BrokenReference[] => {
        const probe = container[kind];
        const handler = (['httpGet', 'tcpSocket', 'grpc'] as const).find((h) => probe?.[h] !== undefined);
        const port = handler ? probe![handler]!.port : undefined;
        if (probe === undefined || port === undefined) return [];
        const ports = container.ports ?? [];
        if (ports.some((p) => (typeof port === 'number' ? p.containerPort === port : p.name === port)))
          return [];
        const declared =
          ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.containerPort}`).join(', ') || 'none';
        return [
          {
            kind: 'probe-port',
            object: template.owner,
            field: `${template.specPath}.containers[${c}].${kind}.${handler}.port`,
            value: port,
            allowed: `a port of container ${container.name}: ${declared}`,
            problem: `the ${kind} of container "${container.name}" targets a port the container does not declare`,
          },
        ];
      }),
    ),
  );
}

/**
 * Our objects → the names the backing services' operators and charts give theirs in `pms` (a shared name is an
 * ownership conflict: Argo CD and the operator, or two Applications, would fight over one object). The custom
 * resources this repository renders for an operator are ours and keep their instance's name.
 */
export function installerNameReferences(
  manifests: readonly Manifest[],
  services: readonly ServiceDefinition[] = PMS_SERVICES,
): BrokenReference[] {
  return services.flatMap((service) => {
    if (service.kind !== 'backing') return [];
    const owned = ownedNamesOf(service);
    if (!owned) return [];
    return manifests
      .filter((m) => m.metadata.namespace === PMS_NAMESPACE && owned.takes(m.metadata.name))
      .filter((m) => !owned.isInstanceResource(m))
      .map((manifest) => ({
        kind: 'installer-object-name' as const,
        object: manifest,
        field: 'metadata.name',
        value: manifest.metadata.name,
        allowed: `a name other than ${owned.describe()}`,
        problem: `collides with the objects ${owned.owner} creates in ${PMS_NAMESPACE}`,
      }));
  });
}

/** Every broken reference of the objects, family by family (`podSets` default: `referencePodSets`). */
export function brokenReferences(
  manifests: readonly Manifest[],
  podSets: readonly PodSet[] = referencePodSets(manifests),
): BrokenReference[] {
  return [
    ...serviceReferences(manifests, podSets),
    ...networkPolicyReferences(manifests, podSets),
    ...ingressBackendReferences(manifests),
    ...probeReferences(manifests),
    ...installerNameReferences(manifests),
  ];
}

/**
 * Checks the references between rendered objects. Throws (`throwIfAny`) every broken reference at once, each
 * naming the referring object and field and the object it should point at.
 */
export function checkReferences(cluster: string, manifests: readonly Manifest[]): void {
  throwIfAny(
    brokenReferences(manifests).map(({ object, field, value, allowed, problem }) => ({
      cluster,
      field: `${objectRef(object)} ${field}`,
      value,
      allowed,
      problem,
    })),
  );
}
