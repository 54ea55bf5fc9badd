/** The pods a set of objects will run: every pod template, wherever its kind keeps it. */
import type { Manifest } from '@pms/core';
import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import { get, list, stringMap } from './model.js';

/** Where each workload kind keeps its pod template (metadata + spec). */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Kinds whose objects run pods. */
export const WORKLOAD_KINDS = Object.keys(TEMPLATE_PATHS);

/** One pod template of a rendered object. */
export interface PodTemplate {
  /** The object that holds the template (the one findings name). */
  readonly owner: Manifest;
  /** Namespace of the pods. */
  readonly namespace: string;
  /** Labels of the pods. */
  readonly labels: Readonly<Record<string, string>>;
  /** Annotations of the pods. */
  readonly annotations: Readonly<Record<string, string>>;
  /** The pod spec. */
  readonly spec: IPodSpec;
  /** Dotted path of the pod spec inside the owner, e.g. `spec.template.spec`. */
  readonly specPath: string;
}

/** One container of a pod template, with its path for messages. */
export interface ContainerRef {
  readonly container: IContainer;
  /** Dotted path, e.g. `spec.template.spec.containers[0]`. */
  readonly path: string;
}

/** The pod template of a workload object, or undefined for other kinds. */
export function podTemplateOf(manifest: Manifest): PodTemplate | undefined {
  const path = TEMPLATE_PATHS[manifest.kind];
  if (!path) return undefined;
  const template = path.length === 0 ? manifest : get(manifest, ...path);
  const spec = get(template, 'spec');
  if (!spec || typeof spec !== 'object') return undefined;
  return {
    owner: manifest,
    namespace: manifest.metadata.namespace ?? 'default',
    labels: stringMap(get(template, 'metadata', 'labels')),
    annotations: stringMap(get(template, 'metadata', 'annotations')),
    spec: spec as IPodSpec,
    specPath: [...path, 'spec'].join('.'),
  };
}

/** Every pod template of the objects. */
export function podTemplates(manifests: readonly Manifest[]): PodTemplate[] {
  return manifests.map(podTemplateOf).filter((template): template is PodTemplate => template !== undefined);
}

/** Every container of a pod (init, regular and ephemeral), with paths. */
export function containersOf(pod: PodTemplate): ContainerRef[] {
  const refs: ContainerRef[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    list<IContainer>(pod.spec[field]).forEach((container, index) => {
      refs.push({ container, path: `${pod.specPath}.${field}[${index}]` });
    });
  }
  return refs;
}

/** The regular containers only (those that serve traffic and have probes). */
export function appContainersOf(pod: PodTemplate): ContainerRef[] {
  return list<IContainer>(pod.spec.containers).map((container, index) => ({
    container,
    path: `${pod.specPath}.containers[${index}]`,
  }));
}
