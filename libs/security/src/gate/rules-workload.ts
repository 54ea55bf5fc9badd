/**
 * Workload rules: kube-linter's default checks for pods and Kubernetes' restricted Pod Security Standard.
 * Every rule reads the pod templates of the rendered objects; findings name the workload object.
 */
import type { IProbe, ISecurityContext } from 'kubernetes-models/v1';
import { POD_SECURITY_ENFORCE_LABEL } from '../aws-namespace.js';
import {
  finding,
  get,
  list,
  type Finding,
  type GateInput,
  type PolicyRule,
  type RuleCheck,
} from './model.js';
import { appContainersOf, containersOf, podTemplates, type ContainerRef, type PodTemplate } from './pods.js';
import { selectorMatches } from './selectors.js';

const rule = (id: string, title: string, source: string): PolicyRule => ({
  id,
  group: 'workload',
  title,
  source,
});

/** Runs `check` on every container of every pod template. */
function perContainer(
  input: GateInput,
  check: (pod: PodTemplate, ref: ContainerRef) => Omit<Finding, 'rule' | 'object'> | undefined,
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

function containerCheck(
  policy: PolicyRule,
  check: (pod: PodTemplate, ref: ContainerRef) => Omit<Finding, 'rule' | 'object'> | undefined,
  containers: (pod: PodTemplate) => ContainerRef[] = containersOf,
): RuleCheck {
  return { rule: policy, check: (input) => perContainer(input, check, containers, policy.id) };
}

const named = (ref: ContainerRef) => `container "${ref.container.name}"`;
const sc = (ref: ContainerRef): ISecurityContext => ref.container.securityContext ?? {};

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
const hostNamespaces = rule(
  'host-namespaces',
  'pods do not share the host network, PID or IPC namespace',
  'kube-linter host-network, host-pid, host-ipc; PSS baseline "Host Namespaces"',
);
const seccomp = rule(
  'seccomp-profile',
  'pods run with the RuntimeDefault (or a Localhost) seccomp profile',
  'PSS restricted "Seccomp"',
);
const volumeTypes = rule(
  'volume-types',
  'pods use only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes',
  'PSS restricted "Volume Types" (covers kube-linter docker-sock and sensitive-host-mounts)',
);
const hostPorts = rule('host-ports', 'containers bind no host ports', 'PSS baseline "Host Ports"');
const sysctls = rule(
  'safe-sysctls',
  'pods set only the sysctls Kubernetes considers safe',
  'PSS baseline "Sysctls" (replaces kube-linter unsafe-sysctls, which also refuses the safe net.ipv4.ip_unprivileged_port_start)',
);
const baselineOptions = rule(
  'pss-baseline-options',
  'no unmasked /proc, AppArmor Unconfined, or custom SELinux user/role/type',
  'PSS baseline "/proc Mount Type", "AppArmor", "SELinux"',
);
const namespacePodSecurity = rule(
  'namespace-pod-security',
  'every rendered namespace enforces the restricted Pod Security Standard at admission',
  'Kubernetes Pod Security admission (defence in depth for the rules above)',
);

const ALLOWED_VOLUMES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];
/** The safe sysctls of the PSS baseline profile (Kubernetes 1.29+). */
export const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const ALLOWED_SELINUX_TYPES = [
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
];

function isZeroQuantity(value: unknown): boolean {
  return value === undefined || value === null || value === '' || /^0+(\.0*)?[a-zA-Z]*$/.test(String(value));
}

function probePortFinding(ref: ContainerRef, kind: 'livenessProbe' | 'readinessProbe' | 'startupProbe') {
  const probe: IProbe | undefined = ref.container[kind];
  if (!probe) return undefined;
  const handler = probe.httpGet ? 'httpGet' : probe.tcpSocket ? 'tcpSocket' : probe.grpc ? 'grpc' : undefined;
  if (!handler) return undefined;
  const port = get(probe, handler, 'port');
  const ports = list<{ containerPort?: number; name?: string }>(ref.container.ports);
  const exists =
    typeof port === 'number'
      ? ports.some((p) => p.containerPort === port)
      : ports.some((p) => p.name === port);
  if (exists) return undefined;
  const declared =
    ports.map((p) => (p.name ? `${p.name}/${p.containerPort}` : String(p.containerPort))).join(', ') ||
    'none';
  return {
    field: `${ref.path}.${kind}.${handler}.port`,
    value: port,
    problem: `the ${kind} of ${named(ref)} targets a port the container does not declare (declared: ${declared})`,
    fix: `point the probe at a declared container port (name or number), or declare the port under ${ref.path}.ports`,
  };
}

/** The workload rules with their checks. */
export const WORKLOAD_RULES: readonly RuleCheck[] = [
  containerCheck(runAsNonRoot, (pod, ref) => {
    const podSc = pod.spec.securityContext ?? {};
    const nonRoot = sc(ref).runAsNonRoot ?? podSc.runAsNonRoot;
    const user = sc(ref).runAsUser ?? podSc.runAsUser;
    if (user === 0) {
      return {
        field: `${ref.path}.securityContext.runAsUser`,
        value: user,
        problem: `${named(ref)} runs as root (UID 0)`,
        fix: 'runAsUser: a non-zero UID (e.g. 10001) and runAsNonRoot: true',
      };
    }
    if (nonRoot !== true) {
      return {
        field: `${ref.path}.securityContext.runAsNonRoot`,
        value: nonRoot,
        problem: `${named(ref)} may run as root: runAsNonRoot is not true on the container or the pod`,
        fix: 'runAsNonRoot: true on the pod or container securityContext (and a non-zero runAsUser)',
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
          fix: 'readOnlyRootFilesystem: true, with emptyDir volumes for the paths the process writes (e.g. /tmp)',
        },
  ),
  containerCheck(noPrivilegeEscalation, (_pod, ref) =>
    sc(ref).allowPrivilegeEscalation === false
      ? undefined
      : {
          field: `${ref.path}.securityContext.allowPrivilegeEscalation`,
          value: sc(ref).allowPrivilegeEscalation,
          problem: `${named(ref)} may gain more privileges than its parent process (setuid binaries)`,
          fix: 'allowPrivilegeEscalation: false',
        },
  ),
  containerCheck(dropCapabilities, (_pod, ref) => {
    const drop = list<string>(sc(ref).capabilities?.drop);
    const add = list<string>(sc(ref).capabilities?.add);
    const extra = add.filter((capability) => capability !== 'NET_BIND_SERVICE');
    if (!drop.includes('ALL')) {
      return {
        field: `${ref.path}.securityContext.capabilities.drop`,
        value: sc(ref).capabilities?.drop,
        problem: `${named(ref)} keeps the runtime's default capabilities, NET_RAW among them`,
        fix: 'capabilities.drop: [ALL]',
      };
    }
    if (extra.length > 0) {
      return {
        field: `${ref.path}.securityContext.capabilities.add`,
        value: add,
        problem: `${named(ref)} adds capabilities ${extra.join(', ')}`,
        fix: 'add back at most NET_BIND_SERVICE (or use the safe sysctl net.ipv4.ip_unprivileged_port_start)',
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
        fix: 'remove privileged: true',
      };
    }
    const hostProcess =
      sc(ref).windowsOptions?.hostProcess ?? pod.spec.securityContext?.windowsOptions?.hostProcess;
    if (hostProcess === true) {
      return {
        field: `${ref.path}.securityContext.windowsOptions.hostProcess`,
        value: true,
        problem: `${named(ref)} is a Windows HostProcess container with host access`,
        fix: 'remove windowsOptions.hostProcess',
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
            fix: 'resources.requests.cpu, e.g. 250m',
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
            fix: 'resources.limits.memory, e.g. 512Mi',
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
      fix: 'an image pinned to a version tag (e.g. :1.8.3) or a digest (@sha256:...)',
    };
  }),
  {
    rule: probePorts,
    check: (input) =>
      perContainer(
        input,
        (_pod, ref) =>
          probePortFinding(ref, 'livenessProbe') ??
          probePortFinding(ref, 'readinessProbe') ??
          probePortFinding(ref, 'startupProbe'),
        appContainersOf,
        probePorts.id,
      ),
  },
  {
    rule: selectorMatchesTemplate,
    check: (input) =>
      podTemplates(input.manifests).flatMap((pod) => {
        if (
          !['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'].includes(
            pod.owner.kind,
          )
        )
          return [];
        const selector = get(pod.owner, 'spec', 'selector');
        if (selector === undefined && pod.owner.kind === 'Job') return [];
        const matches =
          pod.owner.kind === 'ReplicationController'
            ? selectorMatches({ matchLabels: selector }, pod.labels)
            : selector !== undefined && selectorMatches(selector, pod.labels);
        return matches
          ? []
          : [
              finding(
                selectorMatchesTemplate,
                pod.owner,
                'spec.selector',
                selector,
                `the selector does not match the pod template labels ${JSON.stringify(pod.labels)}`,
                'a selector whose labels are all on spec.template.metadata.labels',
              ),
            ];
      }),
  },
  {
    rule: hostNamespaces,
    check: (input) =>
      podTemplates(input.manifests).flatMap((pod) =>
        (['hostNetwork', 'hostPID', 'hostIPC'] as const)
          .filter((field) => pod.spec[field] === true)
          .map((field) =>
            finding(
              hostNamespaces,
              pod.owner,
              `${pod.specPath}.${field}`,
              true,
              `the pod shares the node's ${field.slice(4)} namespace`,
              `remove ${field}: true`,
            ),
          ),
      ),
  },
  {
    rule: seccomp,
    check: (input) =>
      podTemplates(input.manifests).flatMap((pod) => {
        const allowed = (type: unknown) => type === 'RuntimeDefault' || type === 'Localhost';
        const podType = pod.spec.securityContext?.seccompProfile?.type;
        const found: Finding[] = [];
        if (podType !== undefined && !allowed(podType)) {
          found.push(
            finding(
              seccomp,
              pod.owner,
              `${pod.specPath}.securityContext.seccompProfile.type`,
              podType,
              'the pod runs without seccomp filtering',
              'seccompProfile.type: RuntimeDefault',
            ),
          );
        }
        for (const ref of containersOf(pod)) {
          const type = sc(ref).seccompProfile?.type;
          if (type !== undefined ? !allowed(type) : !allowed(podType)) {
            found.push(
              finding(
                seccomp,
                pod.owner,
                `${ref.path}.securityContext.seccompProfile.type`,
                type,
                type === undefined
                  ? `${named(ref)} has no seccomp profile (neither on the container nor the pod)`
                  : `${named(ref)} runs without seccomp filtering`,
                'seccompProfile.type: RuntimeDefault on the pod securityContext',
              ),
            );
          }
        }
        return found;
      }),
  },
  {
    rule: volumeTypes,
    check: (input) =>
      podTemplates(input.manifests).flatMap((pod) =>
        list<Record<string, unknown>>(pod.spec.volumes).flatMap((volume, index) => {
          const types = Object.keys(volume).filter((key) => key !== 'name');
          const bad = types.filter((type) => !ALLOWED_VOLUMES.includes(type));
          return bad.length === 0
            ? []
            : [
                finding(
                  volumeTypes,
                  pod.owner,
                  `${pod.specPath}.volumes[${index}].${bad[0]}`,
                  volume.name,
                  `volume "${String(volume.name)}" is of type ${bad.join(', ')}${bad.includes('hostPath') ? ', which exposes the node filesystem (e.g. the container runtime socket)' : ''}`,
                  `use one of ${ALLOWED_VOLUMES.join(', ')}`,
                ),
              ];
        }),
      ),
  },
  containerCheck(hostPorts, (_pod, ref) => {
    const index = list<{ hostPort?: number }>(ref.container.ports).findIndex(
      (port) => (port.hostPort ?? 0) !== 0,
    );
    if (index === -1) return undefined;
    const port = list<{ hostPort?: number }>(ref.container.ports)[index]!;
    return {
      field: `${ref.path}.ports[${index}].hostPort`,
      value: port.hostPort,
      problem: `${named(ref)} binds host port ${port.hostPort}, bypassing Services and NetworkPolicies`,
      fix: 'remove hostPort; expose the port through a ClusterIP Service',
    };
  }),
  {
    rule: sysctls,
    check: (input) =>
      podTemplates(input.manifests).flatMap((pod) =>
        list<{ name?: string }>(pod.spec.securityContext?.sysctls).flatMap((sysctl, index) =>
          SAFE_SYSCTLS.includes(sysctl.name ?? '')
            ? []
            : [
                finding(
                  sysctls,
                  pod.owner,
                  `${pod.specPath}.securityContext.sysctls[${index}].name`,
                  sysctl.name,
                  'the sysctl is not namespaced-safe and can affect the node or other pods',
                  `one of the safe sysctls ${SAFE_SYSCTLS.join(', ')}`,
                ),
              ],
        ),
      ),
  },
  {
    rule: baselineOptions,
    check: (input) =>
      podTemplates(input.manifests).flatMap((pod) => {
        const found: Finding[] = [];
        const add = (field: string, value: unknown, problem: string, fix: string) =>
          found.push(finding(baselineOptions, pod.owner, field, value, problem, fix));
        const podSc = pod.spec.securityContext ?? {};
        if (podSc.appArmorProfile?.type === 'Unconfined') {
          add(
            `${pod.specPath}.securityContext.appArmorProfile.type`,
            'Unconfined',
            'the pod runs without AppArmor',
            'appArmorProfile.type: RuntimeDefault (or remove it)',
          );
        }
        for (const [key, value] of Object.entries(pod.annotations)) {
          if (
            key.startsWith('container.apparmor.security.beta.kubernetes.io/') &&
            value !== 'runtime/default' &&
            !value.startsWith('localhost/')
          ) {
            add(
              `metadata.annotations["${key}"]`,
              value,
              'a container runs without AppArmor',
              'runtime/default or localhost/<profile>',
            );
          }
        }
        const seLinux = (
          path: string,
          options: { type?: string; user?: string; role?: string } | undefined,
        ) => {
          if (!options) return;
          if (!ALLOWED_SELINUX_TYPES.includes(options.type ?? '')) {
            add(
              `${path}.seLinuxOptions.type`,
              options.type,
              'custom SELinux type',
              `one of ${ALLOWED_SELINUX_TYPES.filter(Boolean).join(', ')}`,
            );
          }
          if (options.user || options.role) {
            add(
              `${path}.seLinuxOptions`,
              options,
              'custom SELinux user or role',
              'remove seLinuxOptions.user and .role',
            );
          }
        };
        seLinux(`${pod.specPath}.securityContext`, podSc.seLinuxOptions);
        for (const ref of containersOf(pod)) {
          const containerSc = sc(ref);
          if (containerSc.procMount !== undefined && containerSc.procMount !== 'Default') {
            add(
              `${ref.path}.securityContext.procMount`,
              containerSc.procMount,
              `${named(ref)} unmasks /proc`,
              'procMount: Default (or remove it)',
            );
          }
          if (containerSc.appArmorProfile?.type === 'Unconfined') {
            add(
              `${ref.path}.securityContext.appArmorProfile.type`,
              'Unconfined',
              `${named(ref)} runs without AppArmor`,
              'appArmorProfile.type: RuntimeDefault (or remove it)',
            );
          }
          seLinux(`${ref.path}.securityContext`, containerSc.seLinuxOptions);
        }
        return found;
      }),
  },
  {
    rule: namespacePodSecurity,
    check: (input) =>
      input.manifests
        .filter((manifest) => manifest.apiVersion === 'v1' && manifest.kind === 'Namespace')
        .flatMap((namespace) => {
          const level = namespace.metadata.labels?.[POD_SECURITY_ENFORCE_LABEL];
          return level === 'restricted'
            ? []
            : [
                finding(
                  namespacePodSecurity,
                  namespace,
                  `metadata.labels["${POD_SECURITY_ENFORCE_LABEL}"]`,
                  level,
                  'the namespace does not enforce the restricted Pod Security Standard, so pods created outside this render (charts, kubectl) are not held to it',
                  `label ${POD_SECURITY_ENFORCE_LABEL}: restricted`,
                ),
              ];
        }),
  },
];
