/**
 * Container rules: kube-linter's default checks for containers and the objects that run them (user, filesystem,
 * privileges, capabilities, resources, image tag, probe ports, selector). Each reads the pod templates of the
 * rendered objects; findings name the workload object.
 */
import { isKind, type Manifest } from '@pms/core';
import { podTemplates, probeReferences, selectorMatches, type LabelSelector } from '@pms/networking';
import type { IDaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IReplicationController } from 'kubernetes-models/v1/ReplicationController';
import {
  appContainersOf,
  containerCheck,
  containersOf,
  named,
  perContainer,
  sc,
  type ContainerRef,
} from './containers.js';
import { finding, ruleOf, type RuleCheck } from './model.js';

const rule = ruleOf('workload');

const runAsNonRoot = rule(
  'run-as-non-root',
  'containers run as a non-root user (runAsNonRoot: true, runAsUser not 0)',
  'kube-linter run-as-non-root; PSS restricted "Running as Non-root" and "Running as Non-root user"',
);
const readOnlyRootFs = rule(
  'read-only-root-fs',
  'containers have a read-only root filesystem',
  'kube-linter no-read-only-root-fs',
);
const noPrivilegeEscalation = rule(
  'no-privilege-escalation',
  'containers set allowPrivilegeEscalation: false',
  'kube-linter privilege-escalation-container; PSS restricted "Privilege Escalation"',
);
const dropCapabilities = rule(
  'drop-capabilities',
  'containers drop ALL capabilities (so NET_RAW too) and add back at most NET_BIND_SERVICE',
  'kube-linter drop-net-raw-capability; PSS restricted "Capabilities"',
);
const noPrivileged = rule(
  'no-privileged',
  'no privileged or Windows HostProcess containers',
  'kube-linter privileged-container; PSS baseline "Privileged Containers" and "HostProcess"',
);
const cpuRequest = rule('cpu-request', 'containers request CPU', 'kube-linter unset-cpu-requirements');
const memoryLimit = rule('memory-limit', 'containers limit memory', 'kube-linter unset-memory-requirements');
const pinnedImage = rule(
  'pinned-image',
  'images are pinned to a tag other than latest, or a digest',
  'kube-linter latest-tag',
);
const probePorts = rule(
  'probe-ports',
  'liveness, readiness and startup probes target a port the container declares',
  'kube-linter liveness-port, readiness-port, startup-port',
);
const selectorMatchesTemplate = rule(
  'selector-matches-template',
  "a workload's selector matches its own pod template labels",
  'kube-linter mismatching-selector',
);
function isZeroQuantity(value: unknown): boolean {
  return value === undefined || value === null || value === '' || /^0+(\.0*)?[a-zA-Z]*$/.test(String(value));
}

/** The workload kinds whose `spec.selector` is a label selector (a Job may leave it to the API server). */
type LabelSelectingWorkload = IDeployment | IStatefulSet | IDaemonSet | IReplicaSet | IJob;
const LABEL_SELECTING: readonly (readonly [
  LabelSelectingWorkload['apiVersion'],
  LabelSelectingWorkload['kind'],
])[] = [
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['apps/v1', 'ReplicaSet'],
  ['batch/v1', 'Job'],
];

/**
 * The selector a workload selects its pods with: a label selector, or a ReplicationController's plain label map;
 * undefined for kinds without one (Pod, CronJob).
 */
function workloadSelectorOf(
  owner: Manifest,
):
  | { readonly kind: 'label-selector'; readonly selector: LabelSelector | undefined }
  | { readonly kind: 'map'; readonly labels: Readonly<Record<string, string>> }
  | undefined {
  if (isKind<IReplicationController>(owner, 'v1', 'ReplicationController')) {
    return { kind: 'map', labels: owner.spec?.selector ?? {} };
  }
  const selecting = LABEL_SELECTING.some(([apiVersion, kind]) =>
    isKind<LabelSelectingWorkload>(owner, apiVersion, kind),
  );
  return selecting
    ? { kind: 'label-selector', selector: (owner as Manifest & LabelSelectingWorkload).spec?.selector }
    : undefined;
}

/** The container rules with their checks. */
export const CONTAINER_RULES: readonly RuleCheck[] = [
  containerCheck(runAsNonRoot, (pod, ref) => {
    const podSc = pod.spec.securityContext ?? {};
    const nonRoot = sc(ref).runAsNonRoot ?? podSc.runAsNonRoot;
    const user = sc(ref).runAsUser ?? podSc.runAsUser;
    if (user === 0) {
      return {
        field: `${ref.path}.securityContext.runAsUser`,
        value: user,
        problem: `${named(ref)} runs as root (UID 0)`,
        allowed: 'runAsUser: a non-zero UID (e.g. 10001) and runAsNonRoot: true',
      };
    }
    if (nonRoot !== true) {
      return {
        field: `${ref.path}.securityContext.runAsNonRoot`,
        value: nonRoot,
        problem: `${named(ref)} may run as root: runAsNonRoot is not true on the container or the pod`,
        allowed: 'runAsNonRoot: true on the pod or container securityContext (and a non-zero runAsUser)',
      };
    }
    return undefined;
  }),
  containerCheck(readOnlyRootFs, (_pod, ref) =>
    sc(ref).readOnlyRootFilesystem === true
      ? undefined
      : {
          field: `${ref.path}.securityContext.readOnlyRootFilesystem`,
          value: sc(ref).readOnlyRootFilesystem,
          problem: `${named(ref)} can write to its root filesystem`,
          allowed:
            'readOnlyRootFilesystem: true, with emptyDir volumes for the paths the process writes (e.g. /tmp)',
        },
  ),
  containerCheck(noPrivilegeEscalation, (_pod, ref) =>
    sc(ref).allowPrivilegeEscalation === false
      ? undefined
      : {
          field: `${ref.path}.securityContext.allowPrivilegeEscalation`,
          value: sc(ref).allowPrivilegeEscalation,
          problem: `${named(ref)} may gain more privileges than its parent process (setuid binaries)`,
          allowed: 'allowPrivilegeEscalation: false',
        },
  ),
  containerCheck(dropCapabilities, (_pod, ref) => {
    const drop = sc(ref).capabilities?.drop ?? [];
    const add = sc(ref).capabilities?.add ?? [];
    const extra = add.filter((capability) => capability !== 'NET_BIND_SERVICE');
    if (!drop.includes('ALL')) {
      return {
        field: `${ref.path}.securityContext.capabilities.drop`,
        value: sc(ref).capabilities?.drop,
        problem: `${named(ref)} keeps the runtime's default capabilities, NET_RAW among them`,
        allowed: 'capabilities.drop: [ALL]',
      };
    }
    if (extra.length > 0) {
      return {
        field: `${ref.path}.securityContext.capabilities.add`,
        value: add,
        problem: `${named(ref)} adds capabilities ${extra.join(', ')}`,
        allowed:
          'add back at most NET_BIND_SERVICE (or use the safe sysctl net.ipv4.ip_unprivileged_port_start)',
      };
    }
    return undefined;
  }),
  containerCheck(noPrivileged, (pod, ref) => {
    if (sc(ref).privileged === true) {
      return {
        field: `${ref.path}.securityContext.privileged`,
        value: true,
        problem: `${named(ref)} is privileged: it has every capability and all host devices`,
        allowed: 'remove privileged: true',
      };
    }
    const hostProcess =
      sc(ref).windowsOptions?.hostProcess ?? pod.spec.securityContext?.windowsOptions?.hostProcess;
    if (hostProcess === true) {
      return {
        field: `${ref.path}.securityContext.windowsOptions.hostProcess`,
        value: true,
        problem: `${named(ref)} is a Windows HostProcess container with host access`,
        allowed: 'remove windowsOptions.hostProcess',
      };
    }
    return undefined;
  }),
  containerCheck(
    cpuRequest,
    (_pod, ref) =>
      isZeroQuantity(ref.container.resources?.requests?.cpu)
        ? {
            field: `${ref.path}.resources.requests.cpu`,
            value: ref.container.resources?.requests?.cpu,
            problem: `${named(ref)} requests no CPU, so the scheduler and the autoscaler cannot account for it`,
            allowed: 'resources.requests.cpu, e.g. 250m',
          }
        : undefined,
    (pod) => containersOf(pod).filter((ref) => !ref.path.includes('ephemeralContainers')),
  ),
  containerCheck(
    memoryLimit,
    (_pod, ref) =>
      isZeroQuantity(ref.container.resources?.limits?.memory)
        ? {
            field: `${ref.path}.resources.limits.memory`,
            value: ref.container.resources?.limits?.memory,
            problem: `${named(ref)} has no memory limit and can exhaust its node's memory`,
            allowed: 'resources.limits.memory, e.g. 512Mi',
          }
        : undefined,
    (pod) => containersOf(pod).filter((ref) => !ref.path.includes('ephemeralContainers')),
  ),
  containerCheck(pinnedImage, (_pod, ref) => {
    const image = ref.container.image ?? '';
    if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
    const lastSegment = image.slice(image.lastIndexOf('/') + 1);
    const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : undefined;
    if (tag && tag !== 'latest') return undefined;
    return {
      field: `${ref.path}.image`,
      value: ref.container.image,
      problem:
        tag === 'latest'
          ? `${named(ref)} uses the moving tag "latest"`
          : `${named(ref)} has no tag, which means "latest"`,
      allowed: 'an image pinned to a version tag (e.g. :1.8.3) or a digest (@sha256:...)',
    };
  }),
  {
    // Networking's reference integrity owns the rule (the render's reference check reports the same finding).
    rule: probePorts,
    check: (input) =>
      probeReferences(input.manifests).map(({ object, field, value, problem, allowed }) =>
        finding(probePorts, object, { field, value, problem, allowed }),
      ),
  },
  {
    rule: selectorMatchesTemplate,
    check: (input) =>
      podTemplates(input.manifests).flatMap((pod) => {
        const selector = workloadSelectorOf(pod.owner);
        if (selector === undefined) return [];
        const matches =
          selector.kind === 'map'
            ? selectorMatches({ matchLabels: selector.labels }, pod.labels)
            : selector.selector !== undefined && selectorMatches(selector.selector, pod.labels);
        if (
          matches ||
          (selector.kind === 'label-selector' && selector.selector === undefined && pod.owner.kind === 'Job')
        )
          return [];
        return [
          finding(selectorMatchesTemplate, pod.owner, {
            field: 'spec.selector',
            value: selector.kind === 'map' ? selector.labels : selector.selector,
            problem: `the selector does not match the pod template labels ${JSON.stringify(pod.labels)}`,
            allowed: 'a selector whose labels are all on spec.template.metadata.labels',
          }),
        ];
      }),
  },
];
