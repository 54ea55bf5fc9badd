/**
 * How a workload stops without dropping what it serves: the shutdown values every workload entry of the catalogue
 * (`PMS_SERVICES`) carries next to its `health`, their validator, and the reading of a rendered Deployment the render
 * checks (`checkWorkloadShutdown`), so what is checked is what the cluster gets.
 *
 * When a pod is deleted (rollout, scale-in, node drain), Kubernetes removes it from the Service endpoints and runs
 * its preStop hook at the same time; the container gets its stop signal only after preStop returns, and is killed
 * `terminationGracePeriodSeconds` after the deletion (Kubernetes docs, "Pod lifecycle: Termination of Pods"). The
 * endpoint removal still has to reach the AWS Load Balancer Controller, which deregisters the IP target, and the ALB,
 * which stops sending new requests to it: "Kubernetes does not delay rolling deployments for this deregistration"
 * (EKS Best Practices Guide, "Avoiding Errors & Timeouts with Kubernetes Applications and AWS Load Balancers"). Hence
 * the chain, per workload:
 *
 *     propagation ≤ preStop            the ALB (or kube-proxy) has stopped sending before the server is told to stop
 *     preStop + drain ≤ grace period   the kubelet does not kill the server while it is still draining
 *
 * and, behind the ALB (checked by ingress, which owns the target group): preStop + drain ≤ deregistration delay ≤
 * grace period.
 */
import { objectRef, ofKind, throwIfAny, type Checks, type ConfigIssue, type Manifest } from '@pms/core';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { CATALOGUE_SOURCE, catalogueField, type ServiceDefinition } from './catalogue.js';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';

/** The server in a workload's container, which decides how its graceful shutdown is configured. */
export type ServerRuntime = 'spring-boot' | 'nginx';

/** How one workload shuts down. */
export interface WorkloadShutdown {
  /**
   * The server: `spring-boot` (graceful shutdown and its timeout through the environment, `springShutdownEnv`) or
   * `nginx` (`worker_shutdown_timeout` in the main configuration; the official image stops with SIGQUIT, nginx's
   * graceful shutdown).
   */
  readonly runtime: ServerRuntime;
  /**
   * Seconds the preStop hook sleeps (Kubernetes' `sleep` action) before the container gets its stop signal: the
   * time the load balancer (behind the ALB: at least `ALB_DEREGISTRATION_PROPAGATION_SECONDS`) or kube-proxy (at
   * least `ENDPOINT_PROPAGATION_SECONDS`) needs to stop sending new requests to the pod.
   */
  readonly preStopSeconds: number;
  /**
   * Seconds the server may take, after its stop signal, to finish in-flight requests before it exits (Spring's
   * `spring.lifecycle.timeout-per-shutdown-phase`, nginx's `worker_shutdown_timeout`). A WebSocket backend of the
   * ALB drains for the cluster's `ingress.websocket.drainSeconds` instead (published by the ingress).
   */
  readonly drainSeconds: number;
}

/**
 * Seconds the ALB may keep sending new requests to a target after its pod was deleted: the endpoint update, the
 * controller's reconcile and deregistration call, and the ELB's own propagation. No AWS or controller document gives
 * a bound (the controller's docs say nothing about preStop); the EKS Best Practices Guide recommends a deliberately
 * generous `sleep 180`. 20 s is this project's floor for the preStop of an ALB backend [inference: endpoint update and
 * reconcile take seconds, the ELB API's propagation seconds to tens of seconds]; raise a backend's preStop, never
 * this floor, if the access logs show requests reaching terminating pods.
 */
export const ALB_DEREGISTRATION_PROPAGATION_SECONDS = 20;

/**
 * Seconds kube-proxy (and the VPC CNI's policy agent) may keep routing Service traffic to a pod after its deletion:
 * an endpoint update on every node [inference: seconds]. The preStop floor of a workload reached only in the cluster.
 */
export const ENDPOINT_PROPAGATION_SECONDS = 5;

/**
 * Seconds the process needs to exit after its drain (the JVM's shutdown hooks, nginx's master process), added to
 * preStop + drain in the grace period so the drain ends before the kubelet's SIGKILL, never at the same instant.
 */
export const SHUTDOWN_EXIT_SECONDS = 5;

/** The longest drain the project accepts, in seconds (a rollout of many pods waits this long per pod at worst). */
export const MAX_DRAIN_SECONDS = 900;

/** The ALB's limit of `deregistration_delay.timeout_seconds` (ELB API reference, `TargetGroupAttribute`: 0-3600). */
export const MAX_DEREGISTRATION_DELAY_SECONDS = 3600;

/** Kubernetes' `terminationGracePeriodSeconds` when a pod spec leaves it out (PodSpec API reference: 30). */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

/**
 * The grace period the render gives a workload: preStop + drain + `SHUTDOWN_EXIT_SECONDS`, so the kubelet's SIGKILL
 * never cuts a drain short.
 */
export function terminationGracePeriodOf(preStopSeconds: number, drainSeconds: number): number {
  return preStopSeconds + drainSeconds + SHUTDOWN_EXIT_SECONDS;
}

/** Spring Boot's graceful shutdown, on by default since 3.4 but set explicitly (Spring Boot docs, "Graceful Shutdown"). */
export const SPRING_SHUTDOWN_ENV = 'SERVER_SHUTDOWN';
/**
 * `spring.lifecycle.timeout-per-shutdown-phase` by relaxed binding (default 30s): how long the graceful shutdown of
 * the web server (and every other lifecycle phase) may take.
 */
export const SPRING_SHUTDOWN_TIMEOUT_ENV = 'SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE';

/** The environment that configures Spring Boot's graceful shutdown for a drain of `drainSeconds`. */
export function springShutdownEnv(drainSeconds: number): Record<string, string> {
  return { [SPRING_SHUTDOWN_ENV]: 'graceful', [SPRING_SHUTDOWN_TIMEOUT_ENV]: `${drainSeconds}s` };
}

/** The nginx directive that bounds a graceful shutdown (core module, main context, nginx 1.11.11+). */
export const NGINX_SHUTDOWN_DIRECTIVE = 'worker_shutdown_timeout';

/**
 * Checks one workload's shutdown values (`checks` at its `shutdown`); `behindAlb` raises the preStop floor to the
 * ALB's deregistration propagation and bounds preStop + drain by the ALB's largest deregistration delay.
 */
export function validateWorkloadShutdown(
  shutdown: WorkloadShutdown,
  behindAlb: boolean,
  checks: Checks,
): void {
  if (shutdown === null || typeof shutdown !== 'object') {
    checks.fail({
      field: '',
      value: shutdown,
      allowed: '{ runtime, preStopSeconds, drainSeconds }',
      problem: 'a workload of the catalogue needs shutdown values',
    });
    return;
  }
  checks.oneOf('runtime', shutdown.runtime, ['spring-boot', 'nginx']);
  const floor = behindAlb ? ALB_DEREGISTRATION_PROPAGATION_SECONDS : ENDPOINT_PROPAGATION_SECONDS;
  const preStopOk = checks.integer('preStopSeconds', shutdown.preStopSeconds, 0, 300, 'seconds');
  if (preStopOk) {
    checks.require(shutdown.preStopSeconds >= floor, {
      field: 'preStopSeconds',
      value: shutdown.preStopSeconds,
      allowed: `at least ${floor} s (${behindAlb ? 'ALB_DEREGISTRATION_PROPAGATION_SECONDS' : 'ENDPOINT_PROPAGATION_SECONDS'}, libs/networking/src/shutdown.ts)${behindAlb ? ', as albBackendShutdown (libs/networking/src/catalogue.ts) gives a workload behind the ALB' : ''}`,
      problem: behindAlb
        ? 'the ALB may still send new requests to the pod after its server got the stop signal: they fail with 502'
        : 'kube-proxy may still route Service traffic to the pod after its server got the stop signal',
    });
  }
  const drainOk = checks.integer('drainSeconds', shutdown.drainSeconds, 1, MAX_DRAIN_SECONDS, 'seconds');
  if (behindAlb && preStopOk && drainOk) {
    checks.require(shutdown.preStopSeconds + shutdown.drainSeconds <= MAX_DEREGISTRATION_DELAY_SECONDS, {
      field: 'drainSeconds',
      value: shutdown.drainSeconds,
      allowed: `preStopSeconds + drainSeconds at most ${MAX_DEREGISTRATION_DELAY_SECONDS} s (the ALB's longest deregistration delay)`,
    });
  }
}

/**
 * Checks the shutdown values of every workload of a catalogue (`validateWorkloadShutdown`), each reported as
 * `<source> <name>.shutdown.…`, e.g. `PMS_SERVICES (libs/networking/src/catalogue.ts) frontend.shutdown.preStopSeconds`.
 */
export function validateCatalogueShutdown(
  services: readonly ServiceDefinition[],
  checks: Checks,
  source = CATALOGUE_SOURCE,
): void {
  for (const service of services) {
    if (service.kind !== 'workload') continue;
    validateWorkloadShutdown(
      service.shutdown,
      Boolean(service.health?.targetGroup),
      checks.withPrefix(catalogueField(service.name, 'shutdown', source)),
    );
  }
}

/** What the render put in one Deployment for its shutdown, read back from the rendered objects. */
export interface RenderedShutdown {
  /** `Deployment <namespace>/<name>`. */
  readonly ref: string;
  /** The container read (the first). */
  readonly container: string;
  /** Seconds of the first container's preStop `sleep`, or undefined when it has none. */
  readonly preStopSeconds?: number;
  /**
   * Seconds the server drains after its stop signal: Spring's `SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE` (with
   * `SERVER_SHUTDOWN=graceful`), or nginx's `worker_shutdown_timeout` in a mounted ConfigMap; undefined when neither.
   */
  readonly drainSeconds?: number;
  /** Where `drainSeconds` was read, for messages. */
  readonly drainSource?: string;
  /** The pod's `terminationGracePeriodSeconds` (Kubernetes' default 30 when unset). */
  readonly gracePeriodSeconds: number;
}

/** Seconds of a duration written `<n>s` (Spring's and nginx's form); undefined otherwise. */
function seconds(value: string | undefined): number | undefined {
  const match = /^(\d+)s$/.exec(value ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The drain of a Spring Boot container: its shutdown environment, when graceful. */
function springDrain(container: IContainer): number | undefined {
  const env = new Map((container.env ?? []).map((e) => [e.name, e.value]));
  if (env.get(SPRING_SHUTDOWN_ENV) !== 'graceful') return undefined;
  return seconds(env.get(SPRING_SHUTDOWN_TIMEOUT_ENV));
}

/** The drain of an nginx container: `worker_shutdown_timeout` in a ConfigMap file it mounts. */
function nginxDrain(
  deployment: Manifest & IDeployment,
  container: IContainer,
  configMaps: readonly (Manifest & IConfigMap)[],
): { seconds: number; source: string } | undefined {
  const namespace = deployment.metadata.namespace;
  const volumes = deployment.spec?.template.spec?.volumes ?? [];
  for (const mount of container.volumeMounts ?? []) {
    const name = volumes.find((v) => v.name === mount.name)?.configMap?.name;
    const map = configMaps.find((m) => m.metadata.name === name && m.metadata.namespace === namespace);
    for (const [file, text] of Object.entries(map?.data ?? {})) {
      const match = new RegExp(`^\\s*${NGINX_SHUTDOWN_DIRECTIVE}\\s+(\\d+)s;`, 'm').exec(text);
      if (match)
        return {
          seconds: Number(match[1]),
          source: `${objectRef(map!)} ${file} ${NGINX_SHUTDOWN_DIRECTIVE}`,
        };
    }
  }
  return undefined;
}

/** Reads the shutdown values of a rendered Deployment (its first container), with the ConfigMaps it may mount. */
export function renderedShutdown(
  deployment: Manifest & IDeployment,
  manifests: readonly Manifest[],
): RenderedShutdown {
  const pod = deployment.spec?.template.spec;
  const container = pod?.containers[0];
  const preStop = container?.lifecycle?.preStop?.sleep?.seconds;
  const spring = container ? springDrain(container) : undefined;
  const nginx =
    container && spring === undefined
      ? nginxDrain(deployment, container, ofKind<IConfigMap>(manifests, 'v1', 'ConfigMap'))
      : undefined;
  const drain = spring ?? nginx?.seconds;
  return {
    ref: objectRef(deployment),
    container: container?.name ?? '(none)',
    ...(typeof preStop === 'number' ? { preStopSeconds: preStop } : {}),
    ...(drain !== undefined
      ? {
          drainSeconds: drain,
          drainSource: spring !== undefined ? `env ${SPRING_SHUTDOWN_TIMEOUT_ENV}` : nginx!.source,
        }
      : {}),
    gracePeriodSeconds: pod?.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  };
}

/** Where the values of the shutdown chain come from, for the `allowed` of a refusal. */
export const SHUTDOWN_SOURCES =
  "the render derives them from PMS_SERVICES (libs/networking/src/catalogue.ts) <workload>.shutdown, and a WebSocket backend's drain from the cluster setting ingress.websocket.drainSeconds";

/**
 * Refuses every rendered Deployment whose shutdown does not hold: no preStop sleep, no configured graceful shutdown
 * (Spring's shutdown environment or nginx's `worker_shutdown_timeout`), or a grace period shorter than preStop +
 * drain (the kubelet would kill the server mid-drain). Each message names the Deployment and the three values.
 */
export function checkWorkloadShutdown(cluster: string, manifests: readonly Manifest[]): void {
  const issues: ConfigIssue[] = [];
  const where = 'shutdown check';
  for (const deployment of ofKind<IDeployment>(manifests, 'apps/v1', 'Deployment')) {
    const read = renderedShutdown(deployment, manifests);
    const containerField = 'spec.template.spec.containers[0]';
    if (read.preStopSeconds === undefined) {
      issues.push({
        cluster,
        field: `${read.ref} ${containerField}.lifecycle.preStop.sleep.seconds`,
        value: undefined,
        problem:
          'no preStop delay: the container gets its stop signal while the load balancer and kube-proxy still send it requests',
        allowed: `a preStop sleep of at least the endpoint propagation; ${SHUTDOWN_SOURCES}`,
        where,
      });
    }
    if (read.drainSeconds === undefined) {
      issues.push({
        cluster,
        field: `${read.ref} ${containerField}`,
        value: read.container,
        problem: `no graceful shutdown configured: neither ${SPRING_SHUTDOWN_ENV}=graceful with ${SPRING_SHUTDOWN_TIMEOUT_ENV}=<n>s nor an nginx ${NGINX_SHUTDOWN_DIRECTIVE} in a mounted ConfigMap, so in-flight requests end when the stop signal arrives`,
        allowed: `a server drain configured by the render; ${SHUTDOWN_SOURCES}`,
        where,
      });
    }
    if (read.preStopSeconds === undefined || read.drainSeconds === undefined) continue;
    const needed = read.preStopSeconds + read.drainSeconds;
    if (read.gracePeriodSeconds < needed) {
      issues.push({
        cluster,
        field: `${read.ref} spec.template.spec.terminationGracePeriodSeconds`,
        value: read.gracePeriodSeconds,
        problem: `shorter than preStop ${read.preStopSeconds} s + drain ${read.drainSeconds} s (${read.drainSource}) = ${needed} s: the kubelet kills the server while it is still draining, cutting requests and WebSockets`,
        allowed: `at least ${needed} s (preStop + drain; the render adds ${SHUTDOWN_EXIT_SECONDS} s to exit); ${SHUTDOWN_SOURCES}`,
        where,
      });
    }
  }
  throwIfAny(issues);
}
