/** The containers of a pod template (from `podTemplates` of @pms/networking), and the helpers of per-container rules. */
import { podTemplates, type PodTemplate } from '@pms/networking';
import type { IContainer, ISecurityContext } from 'kubernetes-models/v1';
import {
  type Finding,
  type FindingFields,
  type GateInput,
  type PolicyRule,
  type RuleCheck,
} from './model.js';

/** One container of a pod template, with its path for messages. */
export interface ContainerRef {
  /** The container. */
  readonly container: IContainer;
  /** Dotted path, e.g. `spec.template.spec.containers[0]`. */
  readonly path: string;
}

/** Every container of a pod (init, regular and ephemeral), with paths. */
export function containersOf(pod: PodTemplate): ContainerRef[] {
  const refs: ContainerRef[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    (pod.spec[field] ?? []).forEach((container: IContainer, index) => {
      refs.push({ container, path: `${pod.specPath}.${field}[${index}]` });
    });
  }
  return refs;
}

/** The regular containers only (those that serve traffic and have probes). */
export function appContainersOf(pod: PodTemplate): ContainerRef[] {
  return (pod.spec.containers ?? []).map((container, index) => ({
    container,
    path: `${pod.specPath}.containers[${index}]`,
  }));
}

/** Runs `check` on every container of every pod template. */
export function perContainer(
  input: GateInput,
  check: (pod: PodTemplate, ref: ContainerRef) => FindingFields | undefined,
  containers: (pod: PodTemplate) => ContainerRef[] = containersOf,
  ruleId = '',
): Finding[] {
  const findings: Finding[] = [];
  for (const pod of podTemplates(input.manifests)) {
    for (const ref of containers(pod)) {
      const found = check(pod, ref);
      if (found) findings.push({ rule: ruleId, object: pod.owner, ...found });
    }
  }
  return findings;
}

/** A rule checked on every container (of `containers`, default all) of every pod template. */
export function containerCheck(
  policy: PolicyRule,
  check: (pod: PodTemplate, ref: ContainerRef) => FindingFields | undefined,
  containers: (pod: PodTemplate) => ContainerRef[] = containersOf,
): RuleCheck {
  return { rule: policy, check: (input) => perContainer(input, check, containers, policy.id) };
}

/** `container "<name>"`, as findings name a container. */
export const named = (ref: ContainerRef) => `container "${ref.container.name}"`;
/** The container's security context, or an empty one. */
export const sc = (ref: ContainerRef): ISecurityContext => ref.container.securityContext ?? {};
