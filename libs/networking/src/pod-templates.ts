/**
 * The pods a set of rendered objects will run: every pod template, wherever its kind keeps it. One reading for
 * every check over rendered objects (reference integrity here, the policy gate in `@pms/security`).
 */
import type { Manifest } from '@pms/core';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { Labels } from './label-selector.js';

/** Where each kind that runs pods keeps its pod template (metadata + spec); `[]` for a Pod itself. */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
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
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);

/** One pod template of a rendered object. */
export interface PodTemplate {
  /** The object that holds the template (the one findings name). */
  readonly owner: Manifest;
  /** Namespace of the pods. */
  readonly namespace: string;
  /** Labels of the pods. */
  readonly labels: Labels;
  /** Annotations of the pods. */
  readonly annotations: Readonly<Record<string, string>>;
  /** The pod spec. */
  readonly spec: IPodSpec;
  /** Dotted path of the pod spec inside the owner, e.g. `spec.template.spec` (`spec` for a Pod). */
  readonly specPath: string;
}

function field(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function strings(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** The pod template of an object that runs pods (the pod itself for a Pod), or undefined for other kinds. */
export function podTemplateOf(manifest: Manifest): PodTemplate | undefined {
  const path = POD_TEMPLATE_PATHS[manifest.kind];
  if (!path) return undefined;
  const template = field(manifest, path);
  const spec = field(template, ['spec']);
  if (!spec || typeof spec !== 'object') return undefined;
  return {
    owner: manifest,
    namespace: manifest.metadata.namespace ?? 'default',
    labels: strings(field(template, ['metadata', 'labels'])),
    annotations: strings(field(template, ['metadata', 'annotations'])),
    spec: spec as IPodSpec,
    specPath: [...path, 'spec'].join('.'),
  };
}

/** Every pod template of the objects, in object order. */
export function podTemplates(manifests: readonly Manifest[]): PodTemplate[] {
  return manifests.map(podTemplateOf).filter((template): template is PodTemplate => template !== undefined);
}
