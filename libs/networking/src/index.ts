/** @pms/networking — PMS Services, workloads and NetworkPolicies generated from one communication graph. */

export { PMS_NAMESPACE } from './namespace.js';
export {
  successCodesProblem,
  readinessDetectionSeconds,
  albToleranceSeconds,
  validateTargetGroupHealthCheck,
  validateProbe,
  validateWorkloadHealth,
  validateCatalogueHealth,
  AGGREGATE_HEALTH_PATHS,
  type TargetGroupHealthCheck,
  type HttpProbe,
  type WorkloadHealth,
  ALB_HEALTH_CHECK_LIMITS,
} from './health.js';
export {
  catalogueField,
  isWorkload,
  isAlbBackend,
  serviceDnsName,
  containerPortsOf,
  findService,
  workloadOf,
  chartValues,
  albBackendShutdown,
  inClusterShutdown,
  CATALOGUE_FILE,
  CATALOGUE_SOURCE,
  type WorkloadService,
  type BackingService,
  type ServiceDefinition,
  type ServiceKind,
  type AlbBackendService,
  type InternalPort,
  type RequiredChartValue,
  type BackingChart,
  PMS_SERVICES,
  type ServiceName,
  type WorkloadDefinition,
  type WorkloadName,
  type AlbBackendDefinition,
  type AlbBackendName,
  WORKLOAD_SERVICES,
  WORKLOADS,
  ALB_BACKEND_SERVICES,
  ALB_BACKENDS,
  SERVICE_DNS,
} from './catalogue.js';
export {
  type ImageRef,
  type ScalingSettings,
  type ResourceSettings,
  type WorkloadSettings,
  type NetworkingSettings,
  type WorkloadEnv,
} from './settings.js';
export {
  validateNetworkingSettings,
  validateWorkloadEnv,
  validateWorkloadDrain,
  validateServiceAnnotations,
} from './validate.js';
export {
  ALB_DEREGISTRATION_PROPAGATION_SECONDS,
  ENDPOINT_PROPAGATION_SECONDS,
  SHUTDOWN_EXIT_SECONDS,
  MAX_DRAIN_SECONDS,
  MAX_DEREGISTRATION_DELAY_SECONDS,
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  SPRING_SHUTDOWN_ENV,
  SPRING_SHUTDOWN_TIMEOUT_ENV,
  NGINX_SHUTDOWN_DIRECTIVE,
  SHUTDOWN_SOURCES,
  terminationGracePeriodOf,
  springShutdownEnv,
  validateWorkloadShutdown,
  validateCatalogueShutdown,
  renderedShutdown,
  checkWorkloadShutdown,
  type ServerRuntime,
  type WorkloadShutdown,
  type RenderedShutdown,
} from './shutdown.js';
export {
  resolveIntOrPercent,
  disruptionBudgets,
  checkDisruption,
  type DisruptionBudgetView,
} from './disruption.js';
export {
  validateGraph,
  ALB,
  KUBE_DNS,
  KUBE_DNS_PODS,
  KUBE_DNS_SOURCE,
  EKS_COREDNS_PODS,
  GRAPH_SOURCE,
  describeEdge,
  type GraphEdge,
  type CommunicationGraph,
  PMS_GRAPH,
} from './graph.js';
export { selectorMatches, formatSelector, type LabelSelector, type Labels } from './label-selector.js';
export { podTemplates, type PodTemplate } from './pod-templates.js';
export {
  subtractPorts,
  isEmptyPorts,
  formatPorts,
  type Protocol,
  type PortSet,
  NO_PORTS,
} from './port-set.js';
export {
  networkPoliciesOf,
  effectivePolicyTypes,
  policySelects,
  defaultDenyDirections,
  canConnect,
  mayConnect,
  type PodIdentity,
  type Endpoint,
  type AddressQuantifier,
  type NetworkPolicyObject,
} from './reachability.js';
export {
  clusterEndpoints,
  clusterReachability,
  proveReachability,
  checkReachability,
} from './cluster-reachability.js';
export { FRONTEND_HEADERS } from './frontend-server.js';
export { kubeDnsPodSet, declaredPodSets, renderedPodSets, type PodSetPort, type PodSet } from './pod-sets.js';
export {
  referencePodSets,
  serviceReferences,
  networkPolicyReferences,
  ingressBackends,
  ingressBackendReferences,
  probeReferences,
  chartNameReferences,
  brokenReferences,
  checkReferences,
  USE_ANNOTATION_PORT,
  type ReferenceKind,
  type BrokenReference,
  type IngressBackendRef,
} from './references.js';
export { checkAlbReachesBackends } from './alb-backends.js';
export {
  READINESS_GATE_INJECT_LABEL,
  PMS_NAMESPACE_LABELS,
  type PmsNetworkingProps,
  PmsNetworking,
} from './networking.js';
