/**
 * One PMS workload: its Deployment, PodDisruptionBudget and HorizontalPodAutoscaler (and, for the frontend, the
 * nginx server configuration). Plain typed `ApiObject`s rather than cdk8s-plus-27 2.9.5, whose Deployment always
 * adds the hashed `cdk8s.io/metadata.addr` label to the pod template (even with `select: false`), has no `ALL`
 * capability, no seccomp profile and renders its spread as pod anti-affinity instead of topology spread
 * constraints: patching all of that back would hide the object a reviewer needs to read.
 */
import { createHash } from 'node:crypto';
import { recommendedLabels, syncWave, SyncWave } from '@pms/core';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IDeploymentSpec } from 'kubernetes-models/apps/v1/DeploymentSpec';
import type { IHorizontalPodAutoscalerSpec } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscalerSpec';
import type { IPodDisruptionBudgetSpec } from 'kubernetes-models/policy/v1/PodDisruptionBudgetSpec';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { WorkloadName, WorkloadService } from './catalogue.js';
import {
  FRONTEND_CONFIG_DIR,
  FRONTEND_CONFIG_FILE,
  FRONTEND_MAIN_CONFIG_FILE,
  FRONTEND_MAIN_CONFIG_PATH,
  FRONTEND_WRITABLE_PATHS,
  frontendMainConfig,
  frontendServerConfig,
  type FrontendHeader,
} from './frontend-server.js';
import type { HttpProbe } from './health.js';
import { springShutdownEnv, terminationGracePeriodOf } from './shutdown.js';
import { PMS_NAMESPACE } from './namespace.js';
import { DEFAULT_TARGET_CPU_UTILIZATION, resourcesOf, type WorkloadSettings } from './settings.js';

/** The node label of the availability zone, spread across by every workload. */
export const ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';
/** The node label of the host, spread across where possible. */
export const HOST_TOPOLOGY_KEY = 'kubernetes.io/hostname';
/** Pod annotation carrying the digest of the mounted configuration, so a configuration change rolls the pods. */
export const CONFIG_DIGEST_ANNOTATION = 'pms.example.com/config-sha256';

/** The user a workload's containers run as unless `WORKLOAD_RUN_AS_USER` says otherwise: an unprivileged UID. */
export const DEFAULT_RUN_AS_USER = 10001;

/**
 * Workloads whose image needs another user than `DEFAULT_RUN_AS_USER`: nginx's `101` in the official nginx image
 * (owner of its cache directories). Optional: a workload missing here runs as `DEFAULT_RUN_AS_USER`.
 */
export const WORKLOAD_RUN_AS_USER: Readonly<Partial<Record<WorkloadName, number>>> = {
  frontend: 101,
};

/** The user a workload's containers run as. */
export function runAsUserOf(name: WorkloadName): number {
  return WORKLOAD_RUN_AS_USER[name] ?? DEFAULT_RUN_AS_USER;
}

/** Props of `PmsWorkload`. */
export interface PmsWorkloadProps {
  /** The catalogue entry of the workload (name, port, pod labels, health values). */
  readonly service: WorkloadService<WorkloadName>;
  /** Its settings: image, scaling bounds, resources. */
  readonly settings: WorkloadSettings;
  /**
   * Environment variables of the container, name → value (names already validated by `PmsNetworking`),
   * rendered as `env` entries sorted by name.
   * @default none (no `env` on the container)
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Seconds the server drains after its stop signal, replacing the catalogue's `shutdown.drainSeconds` (the ingress
   * publishes it for a WebSocket backend: the cluster's `ingress.websocket.drainSeconds`).
   * @default the catalogue's `shutdown.drainSeconds`
   */
  readonly drainSeconds?: number;
  /**
   * Response headers the server adds besides its own (nginx runtime only: the frontend), e.g. the ingress's
   * `Content-Security-Policy-Report-Only` (names and values already validated by `PmsNetworking`).
   * @default none
   */
  readonly responseHeaders?: readonly FrontendHeader[];
}

function probe(values: HttpProbe, port: number): IProbe {
  return {
    httpGet: { path: values.path, port, scheme: 'HTTP' },
    initialDelaySeconds: values.initialDelaySeconds,
    periodSeconds: values.periodSeconds,
    timeoutSeconds: values.timeoutSeconds,
    successThreshold: values.successThreshold,
    failureThreshold: values.failureThreshold,
  };
}

function metadata(name: string, component: string) {
  return {
    name,
    namespace: PMS_NAMESPACE,
    labels: recommendedLabels(name, component),
    annotations: syncWave(SyncWave.workloads),
  };
}

/** A PMS workload: Deployment, PodDisruptionBudget, HorizontalPodAutoscaler (and the frontend's ConfigMap). */
export class PmsWorkload extends Construct {
  /** The Deployment. */
  readonly deployment: ApiObject;
  /** The PodDisruptionBudget. */
  readonly disruptionBudget: ApiObject;
  /** The HorizontalPodAutoscaler. */
  readonly autoscaler: ApiObject;
  /** The nginx configuration (frontend only). */
  readonly config?: ApiObject;

  constructor(scope: Construct, id: string, props: PmsWorkloadProps) {
    super(scope, id);
    const { service, settings } = props;
    const { health } = service;
    const name = service.name;
    const podLabels = { ...service.podLabels };
    const resources = resourcesOf(name, settings);
    const user = runAsUserOf(name);
    const { runtime, preStopSeconds } = service.shutdown;
    const drainSeconds = props.drainSeconds ?? service.shutdown.drainSeconds;

    const volumes: IVolume[] = [];
    const mounts: IVolumeMount[] = [];
    const podAnnotations: Record<string, string> = {};
    if (runtime === 'nginx') {
      const server = frontendServerConfig(props.responseHeaders ?? []);
      const main = frontendMainConfig(drainSeconds);
      const configName = `${name}-nginx`;
      this.config = new ApiObject(this, 'config', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: metadata(configName, 'workload'),
        data: { [FRONTEND_CONFIG_FILE]: server, [FRONTEND_MAIN_CONFIG_FILE]: main },
      });
      // Two views of one ConfigMap: conf.d gets only the server (nginx includes conf.d/*.conf inside `http`, where the
      // main configuration's directives are not allowed), nginx.conf replaces the image's single file.
      volumes.push({
        name: 'nginx-config',
        configMap: { name: configName, items: [{ key: FRONTEND_CONFIG_FILE, path: FRONTEND_CONFIG_FILE }] },
      });
      mounts.push({ name: 'nginx-config', mountPath: FRONTEND_CONFIG_DIR, readOnly: true });
      volumes.push({
        name: 'nginx-main',
        configMap: {
          name: configName,
          items: [{ key: FRONTEND_MAIN_CONFIG_FILE, path: FRONTEND_MAIN_CONFIG_FILE }],
        },
      });
      mounts.push({
        name: 'nginx-main',
        mountPath: FRONTEND_MAIN_CONFIG_PATH,
        subPath: FRONTEND_MAIN_CONFIG_FILE,
        readOnly: true,
      });
      for (const writable of FRONTEND_WRITABLE_PATHS) {
        volumes.push({ name: writable.name, emptyDir: {} });
        mounts.push({ name: writable.name, mountPath: writable.path });
      }
      // A subPath mount never sees a ConfigMap update: the digest rolls the pods whenever either file changes.
      podAnnotations[CONFIG_DIGEST_ANNOTATION] = createHash('sha256')
        .update(`${main}\0${server}`)
        .digest('hex');
    } else {
      // Spring Boot (embedded Tomcat) needs a writable temp directory; the root filesystem is read-only.
      volumes.push({ name: 'tmp', emptyDir: {} });
      mounts.push({ name: 'tmp', mountPath: '/tmp' });
    }

    // Sorted by name, so the rendered list does not depend on the order the variables were written in. Spring Boot's
    // graceful shutdown comes with the published variables (PmsNetworking refuses a published name that replaces it).
    const variables: Record<string, string> = {
      ...props.env,
      ...(runtime === 'spring-boot' ? springShutdownEnv(drainSeconds) : {}),
    };
    const env = Object.keys(variables)
      .sort()
      .map((variable) => ({ name: variable, value: variables[variable]! }));
    const container: IContainer = {
      name,
      image: `${settings.image.repository}:${settings.image.tag}`,
      imagePullPolicy: 'IfNotPresent',
      ports: [{ name: service.portName, containerPort: service.port, protocol: 'TCP' }],
      ...(env.length > 0 ? { env } : {}),
      readinessProbe: probe(health.readiness, service.port),
      livenessProbe: probe(health.liveness, service.port),
      // The stop signal waits until the load balancer and kube-proxy have stopped sending new requests (Kubernetes'
      // `sleep` action, beta and on by default since 1.30: no `sleep` binary needed in the image).
      lifecycle: { preStop: { sleep: { seconds: preStopSeconds } } },
      resources: {
        requests: { cpu: resources.cpuRequest, memory: resources.memoryRequest },
        limits: { memory: resources.memoryLimit },
      },
      securityContext: {
        runAsNonRoot: true,
        runAsUser: user,
        runAsGroup: user,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        privileged: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      },
      volumeMounts: mounts,
    };

    const spread = (topologyKey: string, whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway') => ({
      topologyKey,
      maxSkew: 1,
      whenUnsatisfiable,
      labelSelector: { matchLabels: podLabels },
      // Spread each revision on its own, so a rollout does not pile new pods into one zone.
      matchLabelKeys: ['pod-template-hash'],
    });

    const spec: IDeploymentSpec = {
      // No `replicas`: the HorizontalPodAutoscaler owns the count, and Argo CD must not reset it on every sync.
      selector: { matchLabels: podLabels },
      revisionHistoryLimit: 5,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: {
          labels: podLabels,
          ...(Object.keys(podAnnotations).length > 0 ? { annotations: podAnnotations } : {}),
        },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          // preStop + drain + exit: the kubelet's SIGKILL never cuts the drain short (checkWorkloadShutdown).
          terminationGracePeriodSeconds: terminationGracePeriodOf(preStopSeconds, drainSeconds),
          securityContext: {
            runAsNonRoot: true,
            runAsUser: user,
            runAsGroup: user,
            fsGroup: user,
            seccompProfile: { type: 'RuntimeDefault' },
            // Lets the non-root nginx bind port 80, so the Service port equals the container port (a namespaced,
            // "safe" sysctl allowed by the restricted Pod Security Standard).
            ...(service.port < 1024
              ? { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] }
              : {}),
          },
          containers: [container],
          volumes,
          topologySpreadConstraints: [
            spread(ZONE_TOPOLOGY_KEY, 'DoNotSchedule'),
            spread(HOST_TOPOLOGY_KEY, 'ScheduleAnyway'),
          ],
        },
      },
    };
    this.deployment = new ApiObject(this, 'deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(name, 'workload'),
      spec,
    });

    const pdb: IPodDisruptionBudgetSpec = {
      // One pod at a time, whatever the replica count: never blocks a node drain, never takes a service down
      // when it runs two or more replicas.
      maxUnavailable: 1,
      selector: { matchLabels: podLabels },
      // A crash-looping pod must not block a drain.
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    };
    this.disruptionBudget = new ApiObject(this, 'pdb', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: metadata(name, 'workload'),
      spec: pdb,
    });

    const hpa: IHorizontalPodAutoscalerSpec = {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: settings.scaling.minReplicas,
      maxReplicas: settings.scaling.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: {
              type: 'Utilization',
              averageUtilization: settings.scaling.targetCpuUtilization ?? DEFAULT_TARGET_CPU_UTILIZATION,
            },
          },
        },
      ],
    };
    this.autoscaler = new ApiObject(this, 'hpa', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: metadata(name, 'workload'),
      spec: hpa,
    });
  }
}
