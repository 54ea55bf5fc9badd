import {
  Checks,
  deletionGuardRequired,
  type ConfigIssue,
  recommendedLabels,
  syncWave,
  SyncWave,
  type ClusterPrerequisite,
  type ClusterSettings,
  type DocSection,
  type Manifest,
} from '@pms/core';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { validateBackingCatalogue } from './backing/catalogue-check.js';
import { validateBackingCharts } from './backing/chart-check.js';
import { PmsBackingServices } from './backing/construct.js';
import {
  CATALOGUE_SOURCE,
  PMS_SERVICES,
  serviceSelectorOf,
  WORKLOAD_SERVICES,
  WORKLOADS,
  type ServiceDefinition,
  type WorkloadName,
} from './catalogue.js';
import { clusterEndpoints, clusterReachability } from './cluster-reachability.js';
import { backingSection } from './backing/docs.js';
import { matrixTable, reachabilitySection, servicesSection, workloadsSection } from './docs.js';
import { GRAPH_SOURCE, orphanServices, PMS_GRAPH, validateGraph, type CommunicationGraph } from './graph.js';
import { PMS_NAMESPACE } from './namespace.js';
import { metricsServerRelease } from './metrics-server.js';
import { policyDefinitions } from './policies.js';
import { networkingPrerequisites } from './prerequisites.js';
import type { HelmRelease } from './releases.js';
import type { NetworkingSettings } from './settings.js';
import { validateCatalogueHealth } from './health.js';
import { validateCatalogueShutdown } from './shutdown.js';
import {
  validateImageRegistries,
  validateNetworkingSettings,
  validateServiceAnnotations,
  validateFrontendHeaders,
  validateWorkloadDrain,
  validateWorkloadEnv,
} from './validate.js';
import type { FrontendHeader } from './frontend-server.js';
import { PmsWorkload } from './workload.js';

/**
 * The namespace label of the AWS Load Balancer Controller's pod mutating webhook (`mpod.elbv2.k8s.aws`): on pods
 * created in a namespace labelled `enabled` it injects a readiness gate per TargetGroupBinding of a Service selecting
 * them (condition `target-health.elbv2.k8s.aws/<binding>`), True only once the pod's IP target is healthy in the
 * target group (LBC v2.17.1 `docs/deploy/pod_readiness_gate.md`; IP targets only). A rollout then waits for the ALB,
 * not just the kubelet, before it takes the next old pod down.
 */
export const READINESS_GATE_INJECT_LABEL = 'elbv2.k8s.aws/pod-readiness-gate-inject';

/**
 * Labels of the PMS namespace: Pod Security Admission enforces the restricted standard every PMS pod meets, and the
 * controller injects its target-health readiness gate into every pod (`READINESS_GATE_INJECT_LABEL`).
 */
export const PMS_NAMESPACE_LABELS = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/audit': 'restricted',
  [READINESS_GATE_INJECT_LABEL]: 'enabled',
} as const;

/** The annotations networking sets on every Service itself (published annotations may not replace them). */
const SERVICE_OWN_ANNOTATIONS: Readonly<Record<string, string>> = syncWave(SyncWave.workloads);

/** Props of `PmsNetworking`. */
export interface PmsNetworkingProps {
  /** The cluster's shared settings (the ALB subnets admitted by the policies, the environment). */
  readonly cluster: ClusterSettings;
  /** The cluster's networking settings. */
  readonly settings: NetworkingSettings;
  /**
   * The communication graph the NetworkPolicies are generated from.
   * @default PMS_GRAPH
   */
  readonly graph?: CommunicationGraph;
  /**
   * Environment variables the platform passes to a workload's container, by workload: variable name → value
   * (e.g. `{ apigateway: { PMS_WEBSOCKET_HEARTBEAT_SECONDS: '25' } }`, a value another concern derives from its
   * settings). Names must match `^[A-Z_][A-Z0-9_]*$`; values are strings. Rendered as the container's `env`
   * entries, sorted by name; a workload without variables gets no `env`.
   * @default no variables for any workload
   */
  readonly workloadEnv?: Readonly<Partial<Record<WorkloadName, Readonly<Record<string, string>>>>>;
  /**
   * Annotations other concerns publish for the catalogue's Services, by Service name (e.g. the ingress's
   * target-group annotations, `PmsIngress.serviceAnnotations`). Rendered on the Service next to its own; every key
   * must name a Service of the catalogue, and none may replace an annotation networking sets itself.
   * @default no extra annotations
   */
  readonly serviceAnnotations?: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /**
   * Seconds a workload's server drains after its stop signal, by workload, replacing the catalogue's
   * `shutdown.drainSeconds` (the ingress publishes it for its WebSocket backends: `PmsIngress.backendDrain`). The
   * grace period and Spring's shutdown timeout (or nginx's) follow it.
   * @default the catalogue's drain for every workload
   */
  readonly drainSeconds?: Readonly<Partial<Record<WorkloadName, number>>>;
  /**
   * Response headers other concerns publish for the SPA's responses, added by the frontend's nginx after its own
   * `FRONTEND_HEADERS` (the ingress's Report-Only Content-Security-Policy: `PmsIngress.frontendHeaders`). Names are
   * header tokens, values printable ASCII without `"`, `\` or `$`; none may repeat a header the frontend sets.
   * @default no extra headers
   */
  readonly frontendHeaders?: readonly FrontendHeader[];
}

/**
 * The PMS namespace, its Services, workloads and NetworkPolicies for one cluster, all derived from the service
 * catalogue and the communication graph.
 */
export class PmsNetworking extends Construct {
  /** The rendered Service of every catalogue entry, by service name. */
  readonly services: ReadonlyMap<string, ApiObject>;
  /** The workloads, by name. */
  readonly workloads: ReadonlyMap<WorkloadName, PmsWorkload>;
  /** The NetworkPolicies, by name (`default-deny` and one per service). */
  readonly networkPolicies: ReadonlyMap<string, ApiObject>;
  /** The graph the policies were generated from. */
  readonly graph: CommunicationGraph;
  /** The README sections: DNS names, workloads, backing services, and the graph with the evaluator's matrix. */
  readonly docs: DocSection[];
  /** The backing services' objects and releases. */
  readonly backing: PmsBackingServices;
  /**
   * The Helm releases this cluster needs besides its folder (the backing services' operators and charts,
   * metrics-server), which the Argo CD app installs: one Application each.
   */
  readonly releases: readonly HelmRelease[];
  /** What the cluster must provide that no rendered object manages (EKS add-on settings), with check commands. */
  readonly prerequisites: readonly ClusterPrerequisite[];
  /** What the render prints as warnings: catalogue services no edge of the graph reaches (orphans). */
  readonly warnings: readonly ConfigIssue[];

  constructor(scope: Construct, id: string, props: PmsNetworkingProps) {
    super(scope, id);
    const graph = props.graph ?? PMS_GRAPH;
    this.graph = graph;
    const checks = Checks.for(this, 'networking');
    validateNetworkingSettings(props.settings, checks, props.cluster.environment);
    // Health values and upstream labels are no settings field: reported under the catalogue that declares them.
    validateCatalogueHealth(PMS_SERVICES, checks);
    validateBackingCatalogue(PMS_SERVICES, checks);
    validateBackingCharts(checks);
    validateCatalogueShutdown(PMS_SERVICES, checks);
    validateGraph(graph, checks);
    validateWorkloadEnv(props.workloadEnv, checks);
    validateWorkloadDrain(props.drainSeconds, checks);
    validateFrontendHeaders(props.frontendHeaders, checks);
    validateServiceAnnotations(props.serviceAnnotations, SERVICE_OWN_ANNOTATIONS, checks);
    validateImageRegistries(props.cluster, props.settings, checks);
    if (props.cluster.environment === 'prod') {
      for (const name of WORKLOADS) {
        const min = props.settings.workloads?.[name]?.scaling?.minReplicas;
        // Below 1 the range check has already reported it; say it once.
        if (typeof min === 'number' && min >= 1 && min < 2) {
          checks.fail({
            field: `workloads.${name}.scaling.minReplicas`,
            value: min,
            allowed: 'at least 2 in prod',
            problem: 'one replica cannot survive a node drain or a zone outage',
          });
        }
      }
    }
    checks.throwIfAny();
    this.warnings = orphanServices(graph).map((service) => ({
      cluster: checks.cluster,
      field: GRAPH_SOURCE,
      value: service.name,
      problem: `the ${service.kind} "${service.name}" is declared in ${CATALOGUE_SOURCE}, but no edge of the graph reaches it, so its pods receive no traffic (an orphan)`,
      allowed: `an edge to ${service.name} in PMS_GRAPH, or no entry for it in PMS_SERVICES`,
    }));

    new ApiObject(this, 'namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: PMS_NAMESPACE,
        labels: { ...recommendedLabels(PMS_NAMESPACE, 'namespace'), ...PMS_NAMESPACE_LABELS },
        annotations: syncWave(SyncWave.foundation),
      },
    });

    const services = new Map<string, ApiObject>();
    for (const service of PMS_SERVICES) {
      services.set(service.name, this.renderService(service, props.serviceAnnotations?.get(service.name)));
    }
    this.services = services;

    const workloads = new Map<WorkloadName, PmsWorkload>();
    for (const service of WORKLOAD_SERVICES) {
      const name = service.name;
      workloads.set(
        name,
        new PmsWorkload(this, `workload-${name}`, {
          service,
          settings: props.settings.workloads[name],
          ...(props.workloadEnv?.[name] ? { env: props.workloadEnv[name] } : {}),
          ...(props.drainSeconds?.[name] !== undefined ? { drainSeconds: props.drainSeconds[name] } : {}),
          ...(service.shutdown.runtime === 'nginx' && props.frontendHeaders
            ? { responseHeaders: props.frontendHeaders }
            : {}),
        }),
      );
    }
    this.workloads = workloads;

    this.backing = new PmsBackingServices(this, 'backing', {
      cluster: props.cluster,
      settings: props.settings.backing,
    });
    // Every cluster runs HorizontalPodAutoscalers on CPU: metrics-server serves their metrics.k8s.io.
    this.releases = [...this.backing.releases, metricsServerRelease()];
    this.prerequisites = networkingPrerequisites(props.cluster);

    const definitions = policyDefinitions(graph, props.cluster.vpc);
    const policies = new Map<string, ApiObject>();
    for (const definition of definitions) {
      policies.set(
        definition.name,
        new ApiObject(this, `policy-${definition.name}`, {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: {
            name: definition.name,
            namespace: PMS_NAMESPACE,
            labels: recommendedLabels(definition.name, 'network-policy'),
            annotations: syncWave(SyncWave.workloads),
          },
          spec: definition.spec,
        }),
      );
    }
    this.networkPolicies = policies;

    // The matrix is computed when the README is rendered, after every construct of the chart exists, from the
    // NetworkPolicies as they synthesize: what the README shows is what the evaluator says about the output.
    let matrix: string | undefined;
    const renderMatrix = () => {
      if (matrix === undefined) {
        const manifests = Chart.of(this)
          .node.findAll()
          .filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'NetworkPolicy')
          .map((o) => o.toJson() as Manifest);
        const endpoints = clusterEndpoints(props.cluster);
        const connections = clusterReachability(props.cluster, manifests);
        matrix = matrixTable(endpoints, connections, (from, to) =>
          [from, to].some((e) => e.pod?.namespace === PMS_NAMESPACE),
        );
      }
      return matrix;
    };
    this.docs = [
      servicesSection(),
      workloadsSection(props.settings, props.workloadEnv, props.drainSeconds, props.frontendHeaders),
      backingSection({
        settings: props.settings.backing,
        releases: this.releases,
        deletionGuard: deletionGuardRequired(props.cluster),
      }),
      reachabilitySection({ cluster: props.cluster, graph, policies: definitions, matrix: renderMatrix }),
    ];
  }

  private renderService(
    service: ServiceDefinition,
    published: Readonly<Record<string, string>> = {},
  ): ApiObject {
    return new ApiObject(this, `service-${service.name}`, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: service.name,
        namespace: PMS_NAMESPACE,
        labels: recommendedLabels(service.name, 'service'),
        annotations: { ...published, ...SERVICE_OWN_ANNOTATIONS },
      },
      spec: {
        type: 'ClusterIP',
        selector: { ...serviceSelectorOf(service) },
        ports: [
          {
            name: service.portName,
            port: service.port,
            // Equal to the port: the VPC CNI policy agent evaluates policies on the container port.
            targetPort: service.port,
            protocol: 'TCP',
            appProtocol: service.appProtocol,
          },
        ],
      },
    });
  }
}
