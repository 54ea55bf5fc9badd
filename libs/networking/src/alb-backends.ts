/**
 * The load balancer must reach what it routes to. With target type `ip` the ALB connects from its interfaces in
 * the ALB subnets straight to the pods behind each Ingress backend, on the Service's target (container) port, for
 * requests and for target-group health checks alike. The reachability proof only compares the policies with the
 * graph, so an Ingress backend whose `alb → service` edge is missing from the graph renders "correct" policies
 * while every target of its paths fails its health checks. This check reads the rendered Ingresses, Services and
 * NetworkPolicies and refuses that.
 */
import {
  objectRef,
  ofKind,
  throwIfAny,
  type ClusterSettings,
  type ConfigIssue,
  type Manifest,
} from '@pms/core';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IService } from 'kubernetes-models/v1/Service';
import { CATALOGUE_SOURCE, PMS_SERVICES } from './catalogue.js';
import { ALB, describeEdge, PMS_GRAPH, type CommunicationGraph } from './graph.js';
import { selectorMatches } from './label-selector.js';
import { PMS_NAMESPACE } from './namespace.js';
import { declaredPodSets, renderedPodSets, type PodSet } from './pod-sets.js';
import { canConnect, networkPoliciesOf, type Endpoint } from './reachability.js';
import { ingressBackends, USE_ANNOTATION_PORT } from './references.js';

/** Where the graph is declared, for messages that send the reader there. */
export const GRAPH_FILE = 'libs/networking/src/graph.ts';
/** Service annotation of the AWS Load Balancer Controller: the port of the target-group health check. */
export const HEALTHCHECK_PORT_ANNOTATION = 'alb.ingress.kubernetes.io/healthcheck-port';

/** The backends of one Ingress grouped by Service and port, each with the paths routed to it, in order. */
function backendsOf(
  ingress: Manifest & IIngress,
): Map<string, { service: string; port: number | string; paths: string[] }> {
  const byBackend = new Map<string, { service: string; port: number | string; paths: string[] }>();
  ingressBackends(ingress).forEach(({ backend, routed }) => {
    const target = backend.service;
    const port = target?.port?.number ?? target?.port?.name;
    if (!target || port === undefined || port === USE_ANNOTATION_PORT) return;
    const key = `${target.name}:${port}`;
    const entry = byBackend.get(key) ?? { service: target.name, port, paths: [] };
    entry.paths.push(routed);
    byBackend.set(key, entry);
  });
  return byBackend;
}

/** The graph node standing for a pod set: the catalogue service whose pod labels the pods carry. */
function graphNodeOf(set: PodSet): string | undefined {
  if (set.namespace !== PMS_NAMESPACE) return undefined;
  return PMS_SERVICES.find((s) => selectorMatches({ matchLabels: s.podLabels }, set.labels))?.name;
}

/**
 * Refuses every Ingress backend (Service and port, resolved to the container port of the pods the Service
 * selects, and the health-check port when the Service names a number) that the rendered NetworkPolicies do not
 * open to EVERY address of EVERY ALB subnet. Each issue names the Ingress, the backend and its paths, the
 * pods, the ALB subnets denied, and the graph edge to declare. Backends that do not resolve (no such Service,
 * port or pods) are `checkReferences`'s to report.
 */
export function checkAlbReachesBackends(
  cluster: Pick<ClusterSettings, 'name' | 'vpc'>,
  manifests: readonly Manifest[],
  graph: CommunicationGraph = PMS_GRAPH,
): void {
  const policies = networkPoliciesOf(manifests);
  const podSets = [...renderedPodSets(manifests), ...declaredPodSets()];
  const services = ofKind<IService>(manifests, 'v1', 'Service');
  const declared = new Set(graph.edges.map(describeEdge));
  const issues: ConfigIssue[] = [];

  for (const ingress of ofKind<IIngress>(manifests, 'networking.k8s.io/v1', 'Ingress')) {
    const namespace = ingress.metadata.namespace ?? 'default';
    for (const backend of backendsOf(ingress).values()) {
      const service = services.find(
        (s) => s.metadata.name === backend.service && (s.metadata.namespace ?? 'default') === namespace,
      );
      const spec = service?.spec ?? {};
      const servicePort = (spec.ports ?? []).find((p) =>
        typeof backend.port === 'number' ? p.port === backend.port : p.name === backend.port,
      );
      if (!service || !servicePort || !spec.selector || Object.keys(spec.selector).length === 0) continue;
      const target = servicePort.targetPort ?? servicePort.port;
      const healthPort = Number(service.metadata.annotations?.[HEALTHCHECK_PORT_ANNOTATION]);
      const selected = podSets.filter(
        (set) => set.namespace === namespace && selectorMatches({ matchLabels: spec.selector }, set.labels),
      );
      for (const set of selected) {
        const containerPort =
          typeof target === 'number'
            ? target
            : set.ports?.find((p) => p.name === target && p.protocol === 'TCP')?.port;
        if (containerPort === undefined) continue;
        const ports = [containerPort];
        if (Number.isInteger(healthPort) && healthPort !== containerPort) {
          if (set.ports && !set.ports.some((p) => p.port === healthPort && p.protocol === 'TCP')) {
            // Not a container port: no policy could make the health check succeed; the check's port is wrong.
            issues.push({
              cluster: cluster.name,
              field: `${objectRef(service)} metadata.annotations["${HEALTHCHECK_PORT_ANNOTATION}"]`,
              value: healthPort,
              problem: `the ALB health-checks the pods of ${set.ref} on port ${healthPort}, which they do not expose, so their targets never turn healthy (a NetworkPolicy edge would not help)`,
              allowed: `"traffic-port" or a container port of those pods: ${set.ports.map((p) => `${p.port}${p.name ? ` (${p.name})` : ''}`).join(', ')} (the target-group health check of ${backend.service} in ${CATALOGUE_SOURCE})`,
              where: 'ALB reachability check',
            });
            continue;
          }
          ports.push(healthPort);
        }
        const pods: Endpoint = {
          name: set.ref,
          pod: { namespace: set.namespace, labels: set.labels },
          addresses: cluster.vpc.podSubnets,
          ports: (set.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port })),
        };
        for (const port of ports) {
          const denied = cluster.vpc.albSubnets.filter(
            (subnet) => !canConnect(policies, { name: ALB, addresses: [subnet.cidr] }, pods, port),
          );
          if (denied.length === 0) continue;
          const node = graphNodeOf(set);
          const edge = node ? describeEdge({ from: ALB, to: node, port, protocol: 'TCP' }) : undefined;
          const cause = !edge
            ? `no graph node stands for these pods, so no policy admits the ALB to them`
            : declared.has(edge)
              ? `the graph declares ${edge}, but the rendered policies do not open it`
              : `the graph edge ${edge} is missing`;
          const what = port === containerPort ? 'container port' : 'health-check port';
          issues.push({
            cluster: cluster.name,
            field: `${objectRef(ingress)} backend ${backend.service}:${backend.port} (${backend.paths.join(', ')})`,
            value: edge ?? `alb → ${set.ref} ${port}/TCP`,
            problem:
              `the rendered NetworkPolicies deny the ALB subnets ${denied.map((s) => `${s.cidr} (${s.availabilityZone})`).join(', ')} ` +
              `the pods of ${set.ref} on ${what} ${port}/TCP, so the targets of these paths fail their health checks and every request gets 502/503; ${cause}`,
            allowed: edge
              ? `a backend the ALB reaches from every address of its subnets: declare ${edge} in PMS_GRAPH (${GRAPH_FILE})`
              : `a backend the ALB reaches from every address of its subnets: a catalogue service behind the ALB, with its graph edge from "${ALB}" in PMS_GRAPH (${GRAPH_FILE})`,
            where: 'ALB reachability check',
          });
        }
      }
    }
  }
  throwIfAny(issues);
}
