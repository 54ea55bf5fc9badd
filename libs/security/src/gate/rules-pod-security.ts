/**
 * Pod Security Standard rules: the baseline and restricted controls on pods (host namespaces, seccomp, volume
 * types, host ports, sysctls, /proc, AppArmor, SELinux), and the namespace's Pod Security admission label that
 * holds pods created outside this render to the same standard. Findings name the workload object (or namespace).
 */
import { podTemplates } from '@pms/networking';
import { POD_SECURITY_ENFORCE_LABEL } from '../aws-namespace.js';
import { containerCheck, containersOf, named, sc } from './containers.js';
import { finding, ruleOf, type Finding, type FindingFields, type RuleCheck } from './model.js';

const rule = ruleOf('workload');

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

/** The Pod Security Standard rules with their checks. */
export const POD_SECURITY_RULES: readonly RuleCheck[] = [
  {
    rule: hostNamespaces,
    check: (input) =>
      podTemplates(input.manifests).flatMap((pod) =>
        (['hostNetwork', 'hostPID', 'hostIPC'] as const)
          .filter((field) => pod.spec[field] === true)
          .map((field) =>
            finding(hostNamespaces, pod.owner, {
              field: `${pod.specPath}.${field}`,
              value: true,
              problem: `the pod shares the node's ${field.slice(4)} namespace`,
              allowed: `remove ${field}: true`,
            }),
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
            finding(seccomp, pod.owner, {
              field: `${pod.specPath}.securityContext.seccompProfile.type`,
              value: podType,
              problem: 'the pod runs without seccomp filtering',
              allowed: 'seccompProfile.type: RuntimeDefault',
            }),
          );
        }
        for (const ref of containersOf(pod)) {
          const type = sc(ref).seccompProfile?.type;
          if (type !== undefined ? !allowed(type) : !allowed(podType)) {
            found.push(
              finding(seccomp, pod.owner, {
                field: `${ref.path}.securityContext.seccompProfile.type`,
                value: type,
                problem:
                  type === undefined
                    ? `${named(ref)} has no seccomp profile (neither on the container nor the pod)`
                    : `${named(ref)} runs without seccomp filtering`,
                allowed: 'seccompProfile.type: RuntimeDefault on the pod securityContext',
              }),
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
        (pod.spec.volumes ?? []).flatMap((volume, index) => {
          const types = Object.keys(volume).filter((key) => key !== 'name');
          const bad = types.filter((type) => !ALLOWED_VOLUMES.includes(type));
          return bad.length === 0
            ? []
            : [
                finding(volumeTypes, pod.owner, {
                  field: `${pod.specPath}.volumes[${index}].${bad[0]}`,
                  value: volume.name,
                  problem: `volume "${String(volume.name)}" is of type ${bad.join(', ')}${bad.includes('hostPath') ? ', which exposes the node filesystem (e.g. the container runtime socket)' : ''}`,
                  allowed: `use one of ${ALLOWED_VOLUMES.join(', ')}`,
                }),
              ];
        }),
      ),
  },
  containerCheck(hostPorts, (_pod, ref) => {
    const ports = ref.container.ports ?? [];
    const index = ports.findIndex((port) => (port.hostPort ?? 0) !== 0);
    if (index === -1) return undefined;
    const port = ports[index]!;
    return {
      field: `${ref.path}.ports[${index}].hostPort`,
      value: port.hostPort,
      problem: `${named(ref)} binds host port ${port.hostPort}, bypassing Services and NetworkPolicies`,
      allowed: 'remove hostPort; expose the port through a ClusterIP Service',
    };
  }),
  {
    rule: sysctls,
    check: (input) =>
      podTemplates(input.manifests).flatMap((pod) =>
        (pod.spec.securityContext?.sysctls ?? []).flatMap((sysctl, index) =>
          SAFE_SYSCTLS.includes(sysctl.name ?? '')
            ? []
            : [
                finding(sysctls, pod.owner, {
                  field: `${pod.specPath}.securityContext.sysctls[${index}].name`,
                  value: sysctl.name,
                  problem: 'the sysctl is not namespaced-safe and can affect the node or other pods',
                  allowed: `one of the safe sysctls ${SAFE_SYSCTLS.join(', ')}`,
                }),
              ],
        ),
      ),
  },
  {
    rule: baselineOptions,
    check: (input) =>
      podTemplates(input.manifests).flatMap((pod) => {
        const found: Finding[] = [];
        const add = (fields: FindingFields) => found.push(finding(baselineOptions, pod.owner, fields));
        const podSc = pod.spec.securityContext ?? {};
        if (podSc.appArmorProfile?.type === 'Unconfined') {
          add({
            field: `${pod.specPath}.securityContext.appArmorProfile.type`,
            value: 'Unconfined',
            problem: 'the pod runs without AppArmor',
            allowed: 'appArmorProfile.type: RuntimeDefault (or remove it)',
          });
        }
        for (const [key, value] of Object.entries(pod.annotations)) {
          if (
            key.startsWith('container.apparmor.security.beta.kubernetes.io/') &&
            value !== 'runtime/default' &&
            !value.startsWith('localhost/')
          ) {
            add({
              field: `metadata.annotations["${key}"]`,
              value: value,
              problem: 'a container runs without AppArmor',
              allowed: 'runtime/default or localhost/<profile>',
            });
          }
        }
        const seLinux = (
          path: string,
          options: { type?: string; user?: string; role?: string } | undefined,
        ) => {
          if (!options) return;
          if (!ALLOWED_SELINUX_TYPES.includes(options.type ?? '')) {
            add({
              field: `${path}.seLinuxOptions.type`,
              value: options.type,
              problem: 'custom SELinux type',
              allowed: `one of ${ALLOWED_SELINUX_TYPES.filter(Boolean).join(', ')}`,
            });
          }
          if (options.user || options.role) {
            add({
              field: `${path}.seLinuxOptions`,
              value: options,
              problem: 'custom SELinux user or role',
              allowed: 'remove seLinuxOptions.user and .role',
            });
          }
        };
        seLinux(`${pod.specPath}.securityContext`, podSc.seLinuxOptions);
        for (const ref of containersOf(pod)) {
          const containerSc = sc(ref);
          if (containerSc.procMount !== undefined && containerSc.procMount !== 'Default') {
            add({
              field: `${ref.path}.securityContext.procMount`,
              value: containerSc.procMount,
              problem: `${named(ref)} unmasks /proc`,
              allowed: 'procMount: Default (or remove it)',
            });
          }
          if (containerSc.appArmorProfile?.type === 'Unconfined') {
            add({
              field: `${ref.path}.securityContext.appArmorProfile.type`,
              value: 'Unconfined',
              problem: `${named(ref)} runs without AppArmor`,
              allowed: 'appArmorProfile.type: RuntimeDefault (or remove it)',
            });
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
                finding(namespacePodSecurity, namespace, {
                  field: `metadata.labels["${POD_SECURITY_ENFORCE_LABEL}"]`,
                  value: level,
                  problem:
                    'the namespace does not enforce the restricted Pod Security Standard, so pods created outside this render (charts, kubectl) are not held to it',
                  allowed: `label ${POD_SECURITY_ENFORCE_LABEL}: restricted`,
                }),
              ];
        }),
  },
];
