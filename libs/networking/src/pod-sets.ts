/**
 * The pods a reference may point at: those the rendered objects run, and those declared outside the render (the
 * backing services' pods as their operators and charts run them, kube-dns, the operators). One reading for
 * reference integrity, the ALB reachability check and the policy gate's dangling-* rules.
 */
import { objectRef, type Manifest } from '@pms/core';
import { backingPodsOf } from './backing/pods.js';
import { backingServicesOf, PMS_SERVICES, type ServiceDefinition } from './catalogue.js';
import { KUBE_DNS_PODS, operatorNodes } from './graph-nodes.js';
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
  /** How the set reads in messages: `Deployment pms/auth` or `postgres primary instance pods (CloudNativePG postgres-cnpg)`. */
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

/**
 * The backing services' pods, one set per kind of pod (CloudNativePG's primary, replicas and jobs; …), with the
 * labels and ports their projects give them (`UPSTREAM_PROJECTS`), in namespace `pms`.
 */
export function backingPodSets(services: readonly ServiceDefinition[] = PMS_SERVICES): PodSet[] {
  return backingServicesOf(services).flatMap((service) => {
    const pods = backingPodsOf(service);
    if (!pods) return [];
    const ports = pods.ports.map((p) => ({ name: p.name, port: p.port, protocol: 'TCP' }));
    return pods.pods.map((pod) => ({
      ref: `${service.name} ${pod.role} pods (${pods.project.title} ${service.installer.instance})`,
      namespace: PMS_NAMESPACE,
      labels: pod.labels,
      ports,
    }));
  });
}

/** The pods outside namespace `pms` the PMS policies' peers select: kube-dns and the backing services' operators. */
export function outsidePodSets(services: readonly ServiceDefinition[] = PMS_SERVICES): PodSet[] {
  return [
    kubeDnsPodSet(),
    ...operatorNodes(services).map((node) => ({
      ref: `${node.description} pods`,
      namespace: node.namespace,
      labels: node.podLabels,
    })),
  ];
}

/** Pods declared outside the render: the backing services' pods (from upstream facts), kube-dns and the operators. */
export function declaredPodSets(services: readonly ServiceDefinition[] = PMS_SERVICES): readonly PodSet[] {
  return [...backingPodSets(services), ...outsidePodSets(services)];
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
