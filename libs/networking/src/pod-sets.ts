/**
 * The pods a reference may point at: those the rendered objects run, and those declared outside the render (the
 * backing services' charts, kube-dns). One reading for reference integrity, the ALB reachability check and the
 * policy gate's dangling-* rules.
 */
import { objectRef, type Manifest } from '@pms/core';
import { containerPortsOf, PMS_SERVICES } from './catalogue.js';
import { KUBE_DNS_PODS } from './graph.js';
import type { Labels } from './label-selector.js';
import { PMS_NAMESPACE } from './namespace.js';
import { podTemplates } from './pod-templates.js';

/** A container port of a pod set. */
export interface PodSetPort {
  /** Port name, when the container names it. */
  readonly name?: string;
  /** Container port number. */
  readonly port: number;
  /** `TCP`, `UDP` or `SCTP`. */
  readonly protocol: string;
}

/** A set of pods a reference may point at. */
export interface PodSet {
  /** How the set reads in messages: `Deployment pms/auth` or `backing service pms/postgres (chart postgresql)`. */
  readonly ref: string;
  /** Namespace of the pods. */
  readonly namespace: string;
  /** Labels of the pods. */
  readonly labels: Labels;
  /**
   * Container ports of the pods.
   * @default unknown: references to ports of these pods are not checked
   */
  readonly ports?: readonly PodSetPort[];
}

/** The pods of the cluster DNS (kube-dns, in `kube-system`), which every pod's DNS egress selects. */
export function kubeDnsPodSet(): PodSet {
  return {
    ref: `kube-dns pods in ${KUBE_DNS_PODS.namespace}`,
    namespace: KUBE_DNS_PODS.namespace,
    labels: KUBE_DNS_PODS.podLabels,
    ports: [
      { name: 'dns', port: KUBE_DNS_PODS.port, protocol: 'UDP' },
      { name: 'dns-tcp', port: KUBE_DNS_PODS.port, protocol: 'TCP' },
    ],
  };
}

/** Pods declared outside the render: the backing services' charts (labels and ports from the catalogue) and kube-dns. */
export function declaredPodSets(): readonly PodSet[] {
  return [
    ...PMS_SERVICES.filter((s) => s.kind === 'backing').map((service) => ({
      ref: `backing service ${PMS_NAMESPACE}/${service.name} (chart ${service.chart.name})`,
      namespace: PMS_NAMESPACE,
      labels: service.podLabels,
      ports: containerPortsOf(service).map((p) => ({ ...p, protocol: 'TCP' })),
    })),
    kubeDnsPodSet(),
  ];
}

/** The pod sets of the rendered objects that run pods (every kind `podTemplates` reads, CronJobs included). */
export function renderedPodSets(manifests: readonly Manifest[]): PodSet[] {
  return podTemplates(manifests).map((template) => ({
    ref: objectRef(template.owner),
    namespace: template.namespace,
    labels: template.labels,
    ports: (template.spec.containers ?? []).flatMap((c) =>
      (c.ports ?? []).map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        port: p.containerPort,
        protocol: p.protocol ?? 'TCP',
      })),
    ),
  }));
}
