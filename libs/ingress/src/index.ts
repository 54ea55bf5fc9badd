/**
 * @pms/ingress — the PMS ALB: routing table, TLS, WebSockets, response headers and target-group health
 * checks, rendered exactly as the AWS Load Balancer Controller reads them; plus the readers of that grammar
 * (attribute parser, ALB model, routing simulator) for tools and the policy gate.
 */

export {
  type WebSocketSettings,
  type DesyncMitigationMode,
  type IngressSettings,
  WEBSOCKET_HEARTBEAT_ENV,
  WEBSOCKET_DRAIN_ENV,
  DEFAULT_WEBSOCKET_DRAIN_SECONDS,
  WEBSOCKET_DRAIN_RANGE,
  WEBSOCKET_DRAIN_CLOSE_CODE,
} from './settings.js';
export {
  sslPolicyInfo,
  sslPolicyMinimumTls,
  sslPolicyStrength,
  type SslPolicyInfo,
  SSL_POLICIES,
  type SslPolicyName,
  DEFAULT_SSL_POLICY,
  RECOMMENDED_SSL_POLICY,
  ACCEPTED_SSL_POLICIES,
} from './ssl-policy.js';
export {
  parseAttributes,
  formatAttributes,
  checkAttributes,
  AttributeSyntaxError,
  ATTRIBUTE_GRAMMAR,
  IDLE_TIMEOUT_RANGE,
  LOAD_BALANCER_ATTRIBUTES,
  TARGET_GROUP_ATTRIBUTES,
  LISTENER_ATTRIBUTES,
} from './attributes.js';
export {
  ALB_ANNOTATION_PREFIX,
  AlbAnnotation,
  ALB_ANNOTATION_SUFFIXES,
  ALB_ANNOTATION_DYNAMIC_PREFIXES,
  albAnnotationKeyProblem,
  albAnnotationSource,
  ANNOTATIONS_FILE,
  type AlbAnnotationKeyProblem,
  INGRESS_CLASS_PARAMS_API_VERSION,
} from './annotations.js';
export {
  ingressPathType,
  describeRoute,
  planRoutes,
  type RouteMatch,
  type RouteKind,
  type RouteBackend,
  type RouteSpec,
  PMS_ROUTES,
  type PlannedRoute,
} from './routes.js';
export { validateIngressSettings, validateIngressForCluster } from './validate.js';
export {
  parseCsp,
  cspProblems,
  cspHosts,
  CSP_DIRECTIVES,
  CSP_KEYWORDS,
  CSP_GRAMMAR,
  type CspProblem,
  type ParsedCsp,
} from './csp.js';
export {
  type AlbAction,
  type AlbGroup,
  type AlbListener,
  type AlbRule,
  type AlbTargetGroup,
  type SettingOrigin,
  describeOrigin,
  resolveAlbGroups,
} from './alb-model/index.js';
export { simulateRequest, type RoutingAnswer, SimulationError } from './simulate.js';
export { pmsAwsTags } from './aws-tags.js';
export { type RoutingExpectation, PMS_ROUTING_CONTRACT } from './routing-contract.js';
export { checkRouting } from './routing-check.js';
export { checkTargetGroupDrain, ALB_DEFAULT_DEREGISTRATION_DELAY_SECONDS } from './drain-check.js';
export { DRAINING_SECTION } from './docs.js';
export { checkWebSocketBackends, ALB_DEFAULT_IDLE_TIMEOUT_SECONDS } from './websocket-check.js';
export {
  planIngress,
  LOAD_BALANCER_ATTRIBUTES_SOURCE,
  LISTENER_ATTRIBUTES_SOURCE,
  TARGET_GROUP_ATTRIBUTES_SOURCE,
  BACKEND_ENV_SOURCE,
  CSP_REPORT_ONLY_HEADER,
  FRONTEND_HEADERS_SOURCE,
  frontendHeadersOf,
  type ResponseHeader,
  type AttributePair,
  type PlannedBackend,
  type PlannedDrain,
  type BackendPlanValues,
  type IngressPlan,
  type IngressPlanInput,
} from './plan.js';
export {
  targetGroupAnnotations,
  serviceAnnotationsOf,
  ingressLoadBalancerAttributes,
} from './ingress-objects.js';
export { type PmsIngressProps, PmsIngress } from './ingress.js';
export {
  LCU_DIMENSIONS,
  LCU_CAPACITY,
  LCU_DIMENSION_LABELS,
  lcuOf,
  scaleTraffic,
  type LcuDimension,
  type LcuUsage,
  type TrafficProfile,
} from './cost/lcu.js';
export { type ExpectedTraffic, TRAFFIC_RANGES, validateExpectedTraffic } from './cost/traffic.js';
export {
  ALB_PRICES,
  ALB_PRICES_SOURCE,
  HOURS_PER_MONTH,
  estimateCost,
  roundTo,
  type AlbPrices,
  type CostEstimate,
  type CostEstimateInput,
  type EstimatedLoadBalancer,
  type LoadBalancerEstimate,
} from './cost/estimate.js';
export {
  COST_ESTIMATE_FILE,
  COST_SECTION_TITLE,
  costEstimateJson,
  costSection,
  usd,
  type CostEstimateJson,
  type LoadBalancerCostJson,
} from './cost/report.js';
export {
  FULL_WEIGHT,
  type DnsSettings,
  type LegacyLoadBalancer,
  type MigrationSettings,
} from './dns/settings.js';
export {
  ExternalDnsAnnotation,
  AWS_WEIGHT_PROPERTY,
  DNS_ENDPOINT_API_VERSION,
  albSetIdentifier,
  legacySetIdentifier,
  legacyEndpointName,
  albWeightOf,
  weightedRecords,
  ingressDnsAnnotations,
  legacyDnsEndpoints,
  renderedSplit,
  albPercentOf,
  type WeightedRecord,
  type RenderedSplit,
} from './dns/records.js';
export {
  validateDnsSettings,
  validateMigrationSettings,
  loadBalancerHostnamePattern,
} from './dns/validate.js';
export { DNS_SECTION_TITLE, dnsSection, splitText } from './dns/docs.js';
export { ROUTE53_WEIGHTED_ONLY, weightedRecordsOnlyPrerequisite } from './dns/prerequisite.js';
