/**
 * The backing services' pods as their projects run them: labels and ports from `UPSTREAM_PROJECTS`, filled in with
 * the catalogue's instance names. The reachability proof, the reference checks and the policy gate model the
 * backing pods from here, never from the catalogue's own `podLabels`.
 */
import type { BackingInstaller, BackingService } from '../catalogue.js';
import {
  KAFKA_NODE_POOL,
  podLabelsOf,
  UPSTREAM_PROJECTS,
  type PortFact,
  type UpstreamProject,
} from './upstream.js';

/** The values of the facts' templates for one installer: `{instance}`, `{pool}`, `{fullname}`. */
export function instanceVars(installer: BackingInstaller): Readonly<Record<string, string>> {
  return {
    instance: installer.instance,
    pool: KAFKA_NODE_POOL,
    fullname: installer.project === 'valkey' ? installer.fullnameOverride : installer.instance,
  };
}

/** One kind of pod of a backing service, with its labels filled in. */
export interface BackingPod {
  /** `primary instance`, `join job`, … */
  readonly role: string;
  /** Its labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** True for the pods clients reach through the Service. */
  readonly serves: boolean;
}

/** The pods a backing service's installer runs, and their container ports. */
export interface BackingPods {
  /** The upstream project. */
  readonly project: UpstreamProject;
  /** Every kind of pod, in the facts' order (the serving ones included). */
  readonly pods: readonly BackingPod[];
  /** Their container ports. */
  readonly ports: readonly PortFact[];
}

/** The pods of a backing service from its project's facts (undefined for a project without facts). */
export function backingPodsOf(service: BackingService): BackingPods | undefined {
  const project = UPSTREAM_PROJECTS[service.installer.project];
  if (!project) return undefined;
  const vars = instanceVars(service.installer);
  return {
    project,
    pods: project.pods.map((pod) => ({ role: pod.role, labels: podLabelsOf(pod, vars), serves: pod.serves })),
    ports: project.ports,
  };
}

/**
 * The labels of a backing service's serving pod (CloudNativePG's primary, a Kafka broker), the one the proof and
 * the README model it by; the catalogue's `podLabels` when its project is unknown (the catalogue check reports it).
 */
export function servingPodLabels(service: BackingService): Readonly<Record<string, string>> {
  return backingPodsOf(service)?.pods.find((pod) => pod.serves)?.labels ?? service.podLabels;
}
