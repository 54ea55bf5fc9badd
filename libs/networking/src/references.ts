/**
 * Reference integrity over rendered objects: every Service selects pods that exist (a rendered workload or a
 * declared backing service) and targets one of their ports; every NetworkPolicy and every peer selector selects
 * something; every Ingress backend is a Service with that port; every probe targets a container port; no object
 * of namespace `pms` takes a name a backing chart uses for its own objects. Each finding names both ends.
 */
import { objectRef, throwIfAny, type ConfigIssue, type IssueFields, type Manifest } from '@pms/core';
import { containerPortsOf, isChartObjectName, PMS_SERVICES } from './catalogue.js';
import { KUBE_DNS_PODS } from './graph.js';
import { formatSelector, selectorMatches, type LabelSelector, type Labels } from './label-selector.js';
import { PMS_NAMESPACE } from './namespace.js';
import { podTemplates } from './pod-templates.js';
import { NAMESPACE_NAME_LABEL, type NetworkPolicyObject } from './reachability.js';

/** A set of pods a reference may point at. */
export interface PodSet {
  /** How the set reads in messages: `Deployment pms/auth` or `backing service pms/postgres (chart postgresql)`. */
  readonly ref: string;
  /** Namespace of the pods. */
  readonly namespace: string;
  /** Labels of the pods. */
  readonly labels: Labels;
  /** Container ports of the pods. */
  readonly ports: readonly { readonly name?: string; readonly port: number; readonly protocol: string }[];
}

/** Pods declared outside the render: the backing services' charts and kube-dns. */
export function declaredPodSets(): readonly PodSet[] {
  return [
    ...PMS_SERVICES.filter((s) => s.kind === 'backing').map((service) => ({
      ref: `backing service ${PMS_NAMESPACE}/${service.name} (chart ${service.chart.name})`,
      namespace: PMS_NAMESPACE,
      labels: service.podLabels,
      ports: containerPortsOf(service).map((p) => ({ ...p, protocol: 'TCP' })),
    })),
    {
      ref: `kube-dns pods in ${KUBE_DNS_PODS.namespace}`,
      namespace: KUBE_DNS_PODS.namespace,
      labels: KUBE_DNS_PODS.podLabels,
      ports: [
        { name: 'dns', port: KUBE_DNS_PODS.port, protocol: 'UDP' },
        { name: 'dns-tcp', port: KUBE_DNS_PODS.port, protocol: 'TCP' },
      ],
    },
  ];
}

/** The pod sets of the rendered objects that run pods (every kind `podTemplates` reads, CronJobs included). */
export function renderedPodSets(manifests: readonly Manifest[]): PodSet[] {
  return podTemplates(manifests).map((template) => ({
    ref: objectRef(template.owner),
    namespace: template.namespace,
    labels: template.labels,
    ports: (template.spec.containers ?? []).flatMap((c) =>
      (c.ports ?? []).map((p) => ({ name: p.name, port: p.containerPort, protocol: p.protocol ?? 'TCP' })),
    ),
  }));
}

function describePorts(set: PodSet): string {
  return set.ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}`).join(', ') || 'none';
}

/**
 * Checks the references between rendered objects. Throws (`throwIfAny`) every broken reference at once, each
 * naming the referring object and field and the object it should point at.
 */
export function checkReferences(cluster: string, manifests: readonly Manifest[]): void {
  const issues: ConfigIssue[] = [];
  const fail = (issue: IssueFields) => issues.push({ cluster, ...issue });

  const podSets = [...renderedPodSets(manifests), ...declaredPodSets()];
  const namespaceLabels = new Map<string, Labels>();
  for (const namespace of new Set(podSets.map((s) => s.namespace))) {
    namespaceLabels.set(namespace, { [NAMESPACE_NAME_LABEL]: namespace });
  }
  for (const m of manifests.filter((m) => m.kind === 'Namespace' && m.apiVersion === 'v1')) {
    namespaceLabels.set(m.metadata.name, { ...m.metadata.labels, [NAMESPACE_NAME_LABEL]: m.metadata.name });
  }
  const inNamespace = (namespace: string) => podSets.filter((s) => s.namespace === namespace);
  const candidates = (namespace: string) =>
    inNamespace(namespace)
      .map((s) => `${s.ref} {${formatSelector({ matchLabels: s.labels })}}`)
      .join('; ') || `no pods in namespace ${namespace}`;

  // Services → pods and their ports.
  for (const service of manifests.filter((m) => m.kind === 'Service' && m.apiVersion === 'v1')) {
    const spec = (service.spec ?? {}) as {
      type?: string;
      selector?: Labels;
      ports?: readonly { name?: string; port: number; targetPort?: number | string; protocol?: string }[];
    };
    if (spec.type === 'ExternalName') continue;
    const namespace = service.metadata.namespace ?? 'default';
    const ref = objectRef(service);
    if (!spec.selector || Object.keys(spec.selector).length === 0) {
      fail({
        field: `${ref} spec.selector`,
        value: spec.selector,
        allowed: `the labels of pods in ${namespace}: ${candidates(namespace)}`,
        problem: 'selects no pods',
      });
      continue;
    }
    const selected = inNamespace(namespace).filter((s) =>
      selectorMatches({ matchLabels: spec.selector }, s.labels),
    );
    if (selected.length === 0) {
      fail({
        field: `${ref} spec.selector`,
        value: spec.selector,
        allowed: `the labels of a rendered workload's pods or a declared backing service in ${namespace}: ${candidates(namespace)}`,
        problem: 'selects no pods',
      });
      continue;
    }
    (spec.ports ?? []).forEach((port, index) => {
      const target = port.targetPort ?? port.port;
      const protocol = port.protocol ?? 'TCP';
      for (const set of selected) {
        const ok = set.ports.some(
          (p) =>
            p.protocol === protocol && (typeof target === 'number' ? p.port === target : p.name === target),
        );
        if (!ok) {
          fail({
            field: `${ref} spec.ports[${index}].targetPort`,
            value: target,
            allowed: `a container port of ${set.ref}: ${describePorts(set)}`,
            problem: `${set.ref} has no container port ${target}/${protocol}`,
          });
        }
      }
    });
  }

  // NetworkPolicies → pods.
  const policies = manifests.filter(
    (m) => m.kind === 'NetworkPolicy' && m.apiVersion === 'networking.k8s.io/v1',
  ) as unknown as (NetworkPolicyObject & Manifest)[];
  for (const policy of policies) {
    const namespace = policy.metadata.namespace ?? 'default';
    const ref = objectRef(policy);
    const podSelector = policy.spec?.podSelector ?? {};
    if (!inNamespace(namespace).some((s) => selectorMatches(podSelector, s.labels))) {
      fail({
        field: `${ref} spec.podSelector`,
        value: formatSelector(podSelector),
        allowed: `a selector of pods in ${namespace}: ${candidates(namespace)}`,
        problem: 'selects no pods',
      });
    }
    const peerLists = [
      ...(policy.spec?.ingress ?? []).map((rule, i) => ({
        path: `spec.ingress[${i}].from`,
        peers: rule.from ?? [],
      })),
      ...(policy.spec?.egress ?? []).map((rule, i) => ({
        path: `spec.egress[${i}].to`,
        peers: rule.to ?? [],
      })),
    ];
    for (const { path, peers } of peerLists) {
      peers.forEach((peer, index) => {
        if (peer.ipBlock || (!peer.podSelector && !peer.namespaceSelector)) return;
        const namespaces = peer.namespaceSelector
          ? [...namespaceLabels]
              .filter(([, labels]) => selectorMatches(peer.namespaceSelector as LabelSelector, labels))
              .map(([n]) => n)
          : [namespace];
        const podSelector = (peer.podSelector ?? {}) as LabelSelector;
        const matched = namespaces.some((n) =>
          inNamespace(n).some((s) => selectorMatches(podSelector, s.labels)),
        );
        if (!matched) {
          const value = `${peer.namespaceSelector ? `namespaces {${formatSelector(peer.namespaceSelector)}} ` : ''}pods {${formatSelector(podSelector)}}`;
          fail({
            field: `${ref} ${path}[${index}]`,
            value,
            allowed: `a peer matching rendered or declared pods: ${podSets.map((s) => `${s.ref} in ${s.namespace}`).join('; ')}`,
            problem: 'selects no pods',
          });
        }
      });
    }
  }

  // Ingress backends → Services and ports.
  const services = manifests.filter((m) => m.kind === 'Service' && m.apiVersion === 'v1');
  for (const ingress of manifests.filter(
    (m) => m.kind === 'Ingress' && m.apiVersion === 'networking.k8s.io/v1',
  )) {
    const namespace = ingress.metadata.namespace ?? 'default';
    const spec = (ingress.spec ?? {}) as {
      defaultBackend?: BackendLike;
      rules?: readonly { http?: { paths?: readonly { backend?: BackendLike }[] } }[];
    };
    const backends: { path: string; backend: BackendLike }[] = [];
    if (spec.defaultBackend) backends.push({ path: 'spec.defaultBackend', backend: spec.defaultBackend });
    (spec.rules ?? []).forEach((rule, r) =>
      (rule.http?.paths ?? []).forEach((p, i) => {
        if (p.backend)
          backends.push({ path: `spec.rules[${r}].http.paths[${i}].backend`, backend: p.backend });
      }),
    );
    for (const { path, backend } of backends) {
      const target = backend.service;
      if (!target) continue;
      const port = target.port?.number ?? target.port?.name;
      const value = `${target.name}:${port ?? '(no port)'}`;
      const service = services.find(
        (s) => s.metadata.name === target.name && (s.metadata.namespace ?? 'default') === namespace,
      );
      const field = `${objectRef(ingress)} ${path}`;
      if (!service) {
        fail({
          field,
          value,
          allowed: `a rendered Service in ${namespace}: ${
            services
              .filter((s) => (s.metadata.namespace ?? 'default') === namespace)
              .map((s) => s.metadata.name)
              .join(', ') || 'none'
          }`,
          problem: `Service ${namespace}/${target.name} is not rendered`,
        });
        continue;
      }
      const ports = (service.spec as { ports?: readonly { name?: string; port: number }[] }).ports ?? [];
      const ok = ports.some((p) =>
        typeof port === 'number' ? p.port === port : p.name === port && port !== undefined,
      );
      if (!ok) {
        fail({
          field,
          value,
          allowed: `a port of ${objectRef(service)}: ${ports.map((p) => `${p.name ?? ''} ${p.port}`.trim()).join(', ')}`,
          problem: `${objectRef(service)} has no port ${port}`,
        });
      }
    }
  }

  // Probes → container ports.
  for (const template of podTemplates(manifests)) {
    (template.spec.containers ?? []).forEach((container, c) => {
      for (const kind of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
        const probe = container[kind];
        const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
        if (probe === undefined || port === undefined) continue;
        const ports = container.ports ?? [];
        const ok = ports.some((p) => (typeof port === 'number' ? p.containerPort === port : p.name === port));
        if (!ok) {
          fail({
            field: `${objectRef(template.owner)} ${template.specPath}.containers[${c}].${kind}`,
            value: port,
            allowed: `a port of container ${container.name}: ${ports.map((p) => `${p.name ? `${p.name} ` : ''}${p.containerPort}`).join(', ') || 'none'}`,
            problem: `targets no container port of container ${container.name}`,
          });
        }
      }
    });
  }

  // Our objects → the names the backing charts give theirs (a shared name is an ownership conflict in Argo CD).
  for (const service of PMS_SERVICES) {
    if (service.kind !== 'backing') continue;
    const { chart } = service;
    for (const manifest of manifests) {
      if (manifest.metadata.namespace !== PMS_NAMESPACE) continue;
      if (!isChartObjectName(chart, manifest.metadata.name)) continue;
      fail({
        field: `${objectRef(manifest)} metadata.name`,
        value: manifest.metadata.name,
        allowed: `a name other than "${chart.fullnameOverride}" and "${chart.fullnameOverride}-…"`,
        problem: `collides with the objects the ${chart.name} chart (release ${chart.release}, fullnameOverride ${chart.fullnameOverride}) creates in ${PMS_NAMESPACE}`,
      });
    }
  }

  throwIfAny(issues);
}

interface BackendLike {
  readonly service?: {
    readonly name: string;
    readonly port?: { readonly number?: number; readonly name?: string };
  };
}
