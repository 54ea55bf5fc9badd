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
  serviceSelectorOf,
  backingServicesOf,
  albBackendShutdown,
  inClusterShutdown,
  CATALOGUE_FILE,
  CATALOGUE_SOURCE,
  type WorkloadService,
  type BackingService,
  type BackingInstaller,
  type BackingDefinition,
  type BackingName,
  type ServiceDefinition,
  type ServiceKind,
  type AlbBackendService,
  type InternalPort,
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
  GRAPH_SOURCE,
  describeEdge,
  type GraphEdge,
  type CommunicationGraph,
  PMS_GRAPH,
} from './graph.js';
export {
  ALB,
  KUBE_DNS,
  KUBE_DNS_PODS,
  KUBE_DNS_SOURCE,
  EKS_COREDNS_PODS,
  KUBE_APISERVER,
  KUBE_APISERVER_PORT,
  externalNodes,
  externalNode,
  operatorNodes,
  kubernetesServiceIp,
  kubeApiServerAddresses,
  type ExternalNode,
  type PodsNode,
  type AddressesNode,
  type NodePort,
} from './graph-nodes.js';
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
export {
  FRONTEND_HEADERS,
  FRONTEND_COMPRESSION,
  ALREADY_COMPRESSED_TYPES,
  type FrontendHeader,
} from './frontend-server.js';
export {
  kubeDnsPodSet,
  backingPodSets,
  outsidePodSets,
  declaredPodSets,
  renderedPodSets,
  type PodSetPort,
  type PodSet,
} from './pod-sets.js';
export {
  referencePodSets,
  serviceReferences,
  networkPolicyReferences,
  ingressBackends,
  ingressBackendReferences,
  probeReferences,
  installerNameReferences,
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
export {
  UPSTREAM_PROJECTS,
  KAFKA_NODE_POOL,
  formatSource,
  fillTemplate,
  podLabelsOf,
  type UpstreamProjectId,
  type UpstreamProject,
  type UpstreamSource,
  type LabelFact,
  type PodFact,
  type PortFact,
  type ServiceFact,
  type OperatorPodsFact,
  type OwnedNamesFact,
  type PodSecurityFact,
} from './backing/upstream.js';
export {
  backingPodsOf,
  servingPodLabels,
  instanceVars,
  type BackingPod,
  type BackingPods,
} from './backing/pods.js';
export { ownedNamesOf, type OwnedNames } from './backing/owned-names.js';
export { validateBackingCatalogue } from './backing/catalogue-check.js';
export { validateBackingCharts } from './backing/chart-check.js';
export { validateBackingSettings } from './backing/settings-check.js';
export {
  backingInstallations,
  uninstalledDependencies,
  type BackingInstallation,
  type ReleaseRef,
  type UninstalledDependenciesInput,
} from './backing/install-check.js';
export {
  BACKING_RESOURCES,
  type BackingSettings,
  type BackingSettingsByProject,
  type PostgresClusterSettings,
  type KafkaClusterSettings,
  type ValkeySettings,
  type StorageSettings,
} from './backing/settings.js';
export {
  PMS_STORAGE_CLASS,
  EBS_CSI_PROVISIONER,
  PMS_DATABASE,
  storageClassSpec,
  STATEFUL_BACKING_KINDS,
  statefulBackingKindOf,
  postgresClusterSpec,
  kafkaSpec,
  kafkaNodePoolSpec,
  kafkaReplication,
} from './backing/resources.js';
export {
  CNPG_CHART,
  STRIMZI_CHART,
  VALKEY_CHART,
  BACKING_CHARTS,
  CHARTS_FILE,
  type BackingChart,
  OPERAND_IMAGES,
  cnpgOperatorRelease,
  strimziOperatorRelease,
  valkeyRelease,
  type CnpgOperatorValues,
  type StrimziOperatorValues,
  type ValkeyValues,
  type ValkeyReleaseProps,
} from './backing/charts.js';
export { PmsBackingServices, releaseValueIssues, type PmsBackingServicesProps } from './backing/construct.js';
export { backingSection, BACKING_TITLE } from './backing/docs.js';
export {
  RESTRICTED_NAMESPACE_LABELS,
  missingRequiredValues,
  valueAt,
  type HelmChart,
  type HelmRelease,
  type ReleaseObject,
  type RequiredValue,
  type ReleaseOrder,
} from './releases.js';
export {
  METRICS_SERVER_CHART,
  RESOURCE_METRICS_API,
  metricsServerRelease,
  unservedMetricsApis,
  type MetricsServerValues,
} from './metrics-server.js';
export { networkingPrerequisites, NETWORKING_PREREQUISITES } from './prerequisites.js';
export {
  preDnatFindings,
  checkPreDnat,
  upstreamServices,
  type PreDnatFinding,
  type ServiceView,
} from './pre-dnat.js';
