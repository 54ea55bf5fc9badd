/**
 * Zero-downtime rollouts, checked on what the render produces: for every backend Service of an ALB Ingress, the
 * target group's deregistration delay (Service annotations, as the controller reads them), the pods' preStop, drain
 * and grace period (the Deployments selected, read by networking's `renderedShutdown`) and the readiness gate (the
 * namespace label) must form the chain
 *
 *     ALB_DEREGISTRATION_PROPAGATION_SECONDS ≤ preStop,   preStop + drain ≤ deregistration delay ≤ grace period
 *
 * - the ALB stops sending new requests before the server gets its stop signal (else 502 from a closed port);
 * - the ALB keeps a draining target's open connections until the server has closed them: "If a deregistering target
 *   terminates the connection before the deregistration delay elapses, the client receives a 500-level error
 *   response" (ALB user guide, target group attributes, "Deregistration delay");
 * - nothing is left for the ALB to hold once the kubelet has killed the pod.
 * With IP targets and without the readiness gate, a new pod is Ready for Kubernetes before the ALB sees it healthy,
 * so a rollout can take the old pods down while the new targets are still in initial health checks.
 */
import {
  objectRef,
  ofKind,
  throwIfAny,
  type ClusterSettings,
  type ConfigIssue,
  type Manifest,
} from '@pms/core';
import {
  ALB_DEREGISTRATION_PROPAGATION_SECONDS,
  ingressBackends,
  READINESS_GATE_INJECT_LABEL,
  renderedShutdown,
  selectorMatches,
  SHUTDOWN_SOURCES,
  USE_ANNOTATION_PORT,
} from '@pms/networking';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IService } from 'kubernetes-models/v1/Service';
import { AlbAnnotation } from './annotations.js';
import { parseAttributes } from './attributes.js';

/** The ALB's deregistration delay when no annotation sets it (ELB API reference: "The default value is 300 seconds"). */
export const ALB_DEFAULT_DEREGISTRATION_DELAY_SECONDS = 300;

/** The deregistration delay of a backend's target group: the Service's annotation, else the Ingress's, else 300 s. */
function deregistrationDelay(
  service: Manifest & IService,
  ingress: Manifest & IIngress,
): { seconds: number; source: string } {
  for (const [object, raw] of [
    [service, service.metadata.annotations?.[AlbAnnotation.targetGroupAttributes]],
    [ingress, ingress.metadata.annotations?.[AlbAnnotation.targetGroupAttributes]],
  ] as const) {
    if (raw === undefined) continue;
    let value: string | undefined;
    try {
      value = parseAttributes(raw).get('deregistration_delay.timeout_seconds');
    } catch {
      continue; // the policy gate reports an unparsable annotation
    }
    if (value !== undefined)
      return {
        seconds: Number(value),
        source: `${objectRef(object)} metadata.annotations["${AlbAnnotation.targetGroupAttributes}"] deregistration_delay.timeout_seconds`,
      };
  }
  return {
    seconds: ALB_DEFAULT_DEREGISTRATION_DELAY_SECONDS,
    source: `${objectRef(service)} metadata.annotations["${AlbAnnotation.targetGroupAttributes}"] deregistration_delay.timeout_seconds`,
  };
}

/**
 * Refuses every ALB backend whose rollout would drop requests: its namespace without the readiness-gate label, a
 * preStop shorter than the ALB's deregistration propagation, or a deregistration delay outside
 * [preStop + drain, grace period]. Each message names the Service or Deployment, the values and where they come from.
 */
export function checkTargetGroupDrain(
  cluster: Pick<ClusterSettings, 'name'>,
  manifests: readonly Manifest[],
): void {
  const issues: ConfigIssue[] = [];
  const where = 'target-group drain check';
  const services = ofKind<IService>(manifests, 'v1', 'Service');
  const deployments = ofKind<IDeployment>(manifests, 'apps/v1', 'Deployment');
  const namespaces = ofKind<INamespace>(manifests, 'v1', 'Namespace');
  const seen = new Set<string>();
  for (const ingress of ofKind<IIngress>(manifests, 'networking.k8s.io/v1', 'Ingress')) {
    const namespace = ingress.metadata.namespace ?? 'default';
    for (const { backend } of ingressBackends(ingress)) {
      const name = backend.service?.name;
      const port = backend.service?.port?.number ?? backend.service?.port?.name;
      if (!name || port === USE_ANNOTATION_PORT || seen.has(`${namespace}/${name}`)) continue;
      seen.add(`${namespace}/${name}`);
      const service = services.find(
        (s) => s.metadata.name === name && (s.metadata.namespace ?? 'default') === namespace,
      );
      const selector = service?.spec?.selector;
      if (!service || !selector || Object.keys(selector).length === 0) continue; // checkReferences reports it

      const ns = namespaces.find((n) => n.metadata.name === namespace);
      if (ns?.metadata.labels?.[READINESS_GATE_INJECT_LABEL] !== 'enabled') {
        issues.push({
          cluster: cluster.name,
          field: `${ns ? objectRef(ns) : `Namespace ${namespace}`} metadata.labels["${READINESS_GATE_INJECT_LABEL}"]`,
          value: ns?.metadata.labels?.[READINESS_GATE_INJECT_LABEL],
          problem: `the pods of ${objectRef(service)} get no readiness gate: a new pod is Ready before the ALB sees it healthy, so a rollout takes old targets down while the new ones are still in initial health checks`,
          allowed: `"enabled" (PMS_NAMESPACE_LABELS in libs/networking/src/networking.ts), on a Namespace rendered before its pods`,
          where,
        });
      }

      const delay = deregistrationDelay(service, ingress);
      const pods = deployments.filter(
        (d) =>
          (d.metadata.namespace ?? 'default') === namespace &&
          selectorMatches({ matchLabels: selector }, d.spec?.template.metadata?.labels ?? {}),
      );
      for (const deployment of pods) {
        const read = renderedShutdown(deployment, manifests);
        // No preStop or drain at all: checkWorkloadShutdown reports it, once.
        if (read.preStopSeconds === undefined || read.drainSeconds === undefined) continue;
        const { preStopSeconds: preStop, drainSeconds: drain, gracePeriodSeconds: grace } = read;
        if (preStop < ALB_DEREGISTRATION_PROPAGATION_SECONDS) {
          issues.push({
            cluster: cluster.name,
            field: `${read.ref} spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds`,
            value: preStop,
            problem: `${objectRef(service)} is an ALB backend: the ALB may still send new requests ${ALB_DEREGISTRATION_PROPAGATION_SECONDS} s after the pod's deletion, and its server is told to stop after ${preStop} s: those requests get 502`,
            allowed: `at least ${ALB_DEREGISTRATION_PROPAGATION_SECONDS} s (ALB_DEREGISTRATION_PROPAGATION_SECONDS, libs/networking/src/shutdown.ts); ${SHUTDOWN_SOURCES}`,
            where,
          });
        }
        const needed = preStop + drain;
        if (delay.seconds < needed || delay.seconds > grace) {
          issues.push({
            cluster: cluster.name,
            field: delay.source,
            value: delay.seconds,
            problem:
              delay.seconds < needed
                ? `shorter than preStop ${preStop} s + drain ${drain} s (${read.drainSource}) = ${needed} s of ${read.ref}: the ALB cuts connections (WebSockets, slow requests) the server is still draining, and their clients get 5XX or close code 1006`
                : `longer than the grace period of ${read.ref} (${grace} s): the ALB keeps waiting on connections to a pod the kubelet has already killed (preStop ${preStop} s + drain ${drain} s = ${needed} s is all it needs)`,
            allowed: `from ${needed} s (preStop + drain) to ${grace} s (terminationGracePeriodSeconds of ${read.ref}); the ingress derives it as preStop + drain (planBackends, libs/ingress/src/plan.ts) and ${SHUTDOWN_SOURCES}`,
            where,
          });
        }
      }
    }
  }
  throwIfAny(issues);
}
