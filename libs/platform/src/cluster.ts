import {
  Checks,
  CLUSTER_CONTEXT_KEY,
  manifestsToFiles,
  PlainChart,
  prerequisitesSection,
  renderReadme,
  FIRST_SYNC_TITLE,
  synthesize,
  throwIfAny,
  validateClusterSettings,
  type ClusterPrerequisite,
  type ConfigIssue,
  type DocSection,
  type Manifest,
  type RenderContext,
  type RenderTarget,
} from '@pms/core';
import {
  checkRouting,
  checkTargetGroupDrain,
  checkWebSocketBackends,
  PmsIngress,
  validateDnsSettings,
  validateIngressSettings,
  type PlannedRoute,
} from '@pms/ingress';
import { checkAlarmScopes, PmsMonitoring, runbookUrl } from '@pms/monitoring';
import {
  ALB_BACKENDS,
  backingInstallations,
  checkAlbReachesBackends,
  checkDisruption,
  checkPreDnat,
  checkReachability,
  checkReferences,
  checkWorkloadShutdown,
  PmsNetworking,
  uninstalledDependencies,
  unservedMetricsApis,
  validateNetworkingSettings,
  type CommunicationGraph,
  type HelmRelease,
} from '@pms/networking';
import { validateManifests } from '@pms/schemas';
import {
  chartInstalledPods,
  PmsSecurity,
  policyGateDocs,
  runPolicyGate,
  type PolicyGateReport,
} from '@pms/security';
import { App } from 'cdk8s';
import { checkClusterInFleet } from './fleet-identity.js';
import { checkSyncPlan, pmsSyncPlan, syncSourcesOf } from './sync-plan.js';
import { firstSyncSection } from './sync-plan-docs.js';
import type { PmsClusterSettings } from './settings.js';

/** What one cluster renders to: its objects and its generated README. */
export interface BuiltCluster {
  readonly manifests: readonly Manifest[];
  /** The README without the sections only a render with the fleet can write (`readmeParts` + those: "First sync"). */
  readonly readme: string;
  /** What the README is made of, for a render that adds sections (the first sync needs the Argo CD side). */
  readonly readmeParts: {
    readonly title: string;
    readonly intro: string;
    readonly sections: readonly DocSection[];
  };
  /** Files besides the objects and the README (e.g. the controller's plain IAM policy JSON), path → content. */
  readonly extraFiles: ReadonlyMap<string, string>;
  /**
   * The Helm releases the cluster needs besides its folder (backing services' operators and chart, metrics-server):
   * the Argo CD app renders one Application per release.
   */
  readonly releases: readonly HelmRelease[];
  /** The communication graph the NetworkPolicies were generated from (the sync plan reads workloads' dependencies). */
  readonly graph: CommunicationGraph;
  /**
   * What must hold outside Git for the cluster's first sync to complete and afterwards, gathered from the concerns
   * (networking: EKS add-ons; security: the certificate's DNS validation), each with exact inspect, check and fix
   * commands; the README prints them all in one section ("Cluster prerequisites"), tooling reads this list.
   */
  readonly prerequisites: readonly ClusterPrerequisite[];
  /** What the render prints as warnings (it does not fail): e.g. a workload no edge of the graph reaches. */
  readonly warnings: readonly ConfigIssue[];
}

/**
 * README order of the prerequisites section: right after the on-call page (`ONCALL_DOC_ORDER`), before every reference
 * section (it is worked through before and during the first sync).
 */
export const PREREQUISITES_DOC_ORDER = 5;

/** README order of the first-sync section: after the on-call page, before the prerequisites it points to. */
export const FIRST_SYNC_DOC_ORDER = 4;

const built = new WeakMap<PmsClusterSettings, BuiltCluster>();

/**
 * Composes the four concerns for one cluster (see `composePmsCluster`), once per settings object: the cluster
 * render and the Argo CD app (which derives its project's permissions from the clusters' objects) share the
 * result within one process. Settings are plain immutable data, so the same object always builds the same cluster.
 */
export function buildPmsCluster(settings: PmsClusterSettings): BuiltCluster {
  let cluster = built.get(settings);
  if (!cluster) {
    // Frozen, so no consumer can change what another one reads.
    cluster = deepFreeze(composePmsCluster(settings));
    built.set(settings, cluster);
  }
  return cluster;
}

/**
 * Composes the four concerns for one cluster. Settings are validated first (all problems reported together); then
 * the constructs are built in the order the data flows, each validating its own input before anything it
 * produces is passed on; then the output is synthesized and checked (`checkRenderedCluster`). Pure: nothing is
 * written.
 */
function composePmsCluster(settings: PmsClusterSettings): BuiltCluster {
  validateSharedSettings(settings);
  // Required here (the ingress takes it optionally, for its README): external-dns and its IAM role need the zone.
  const dns = new Checks(settings.name, 'dns', `${settings.name}/dns`);
  validateDnsSettings(settings.dns, dns);
  throwIfAny(dns.issues);
  const app = new App({ outdir: '.' });
  app.node.setContext(CLUSTER_CONTEXT_KEY, settings.name);
  const chart = new PlainChart(app, settings.name);

  // Ingress first: it reads only its settings and the catalogue, and publishes what networking renders with it.
  const ingress = new PmsIngress(chart, 'ingress', {
    cluster: settings,
    settings: settings.ingress,
    dns: settings.dns,
    ...(settings.migration ? { migration: settings.migration } : {}),
  });
  const networking = new PmsNetworking(chart, 'networking', {
    cluster: settings,
    settings: settings.networking,
    // Published by the (validated) ingress: the backends' target-group annotations, the WebSocket heartbeat and drain.
    serviceAnnotations: ingress.serviceAnnotations,
    workloadEnv: ingress.backendEnv,
    drainSeconds: ingress.backendDrain,
    // The Report-Only Content-Security-Policy the ALB cannot send.
    frontendHeaders: ingress.frontendHeaders,
  });
  const security = new PmsSecurity(chart, 'security', {
    cluster: settings,
    settings: settings.security,
    alb: ingress.alb,
    hostedZoneId: settings.dns.hostedZoneId,
  });
  // Monitoring last: it reads the graph, the catalogue's health values, the routes and the web ACL's metric name
  // (the IngressGroup is monitoring's default, PMS_INGRESS_GROUP).
  const monitoring = new PmsMonitoring(chart, 'monitoring', {
    cluster: settings,
    settings: settings.monitoring,
    graph: networking.graph,
    webAclMetricName: security.webAcl.metricName,
    webSocketPath: ingress.routes.find((r) => r.route.kind === 'websocket')?.route.path,
    webSocketBackends: [
      ...new Set(ingress.routes.filter((r) => r.route.kind !== 'http').map((r) => r.route.backend.service)),
    ].sort(),
    // The cost estimate's peak hour: the LCU alarm's threshold.
    expectedMaxLcu: ingress.costEstimate.expectedMaxLcu,
  });

  const manifests = synthesize(app);
  const gate = checkRenderedCluster(settings, manifests, {
    routes: ingress.routes,
    graph: networking.graph,
    releases: networking.releases,
  });
  const prerequisites = [...networking.prerequisites, ...security.prerequisites, ...ingress.prerequisites];
  const sections = [
    prerequisitesSection(prerequisites, PREREQUISITES_DOC_ORDER),
    ...networking.docs,
    ...ingress.docs,
    ...security.docs,
    ...monitoring.docs,
    policyGateDocs(gate),
  ];
  const readmeParts = {
    title: `Cluster ${settings.name}`,
    intro: [
      `Generated by \`pnpm render\` from \`apps/${settings.name}/src/settings.ts\`; do not edit by hand.`,
      `Environment **${settings.environment}**, AWS account \`${settings.aws.accountId}\`, region \`${settings.aws.region}\`, host \`${settings.host}\`.`,
    ].join('\n\n'),
    sections,
  };
  // Without the fleet there is no sync plan: the section other sections link to says where it comes from.
  const readme = renderReadme(readmeParts.title, readmeParts.intro, [
    ...sections,
    {
      title: FIRST_SYNC_TITLE,
      order: FIRST_SYNC_DOC_ORDER,
      body: 'Written by a render with the Argo CD fleet (`pnpm render`): the order comes from the sync plan, which needs the Argo CD side.',
    },
  ]);
  return {
    manifests,
    readme,
    readmeParts,
    extraFiles: new Map([...security.extraFiles, ...ingress.extraFiles]),
    releases: networking.releases,
    graph: networking.graph,
    prerequisites,
    warnings: networking.warnings,
  };
}

/**
 * The shared settings, all problems at once. The constructs cannot be built on broken shared settings; the
 * sections that do not depend on them are checked now too, so one run reports every problem (as the constructs
 * would word them).
 */
function validateSharedSettings(settings: PmsClusterSettings): void {
  const shared = validateClusterSettings(settings);
  if (shared.length === 0) return;
  const ingress = new Checks(settings.name, 'ingress', `${settings.name}/ingress`);
  validateIngressSettings(settings.ingress, ingress);
  const networking = new Checks(settings.name, 'networking', `${settings.name}/networking`);
  validateNetworkingSettings(settings.networking, networking);
  throwIfAny([...shared, ...networking.issues, ...ingress.issues]);
}

/** What `checkRenderedCluster` checks the rendered objects against, besides the cluster's settings. */
export interface RenderedClusterContext {
  /** The routes as planned (`PmsIngress.routes`): the routing read-back expects exactly these. */
  readonly routes: readonly PlannedRoute[];
  /** The communication graph the NetworkPolicies were generated from (`PmsNetworking.graph`). */
  readonly graph: CommunicationGraph;
  /** The Helm releases the cluster gets besides its folder (`PmsNetworking.releases`). */
  readonly releases: readonly HelmRelease[];
}

/**
 * The checks over one cluster's rendered objects, in this order: strict schemas; the routing read-back (after the
 * schemas, so a malformed object is reported once, by its schema, not as the misrouting it causes); the WebSocket
 * invariants (sticky target groups, the heartbeat reaching the backends, below the idle timeout); the backing
 * services a workload needs are installed (their custom resources rendered, their operators' or charts' releases
 * there) and every autoscaler's metrics API is served; the policy gate; reference integrity; the VPC CNI's
 * pre-DNAT rule; the reachability proof (the policies follow the graph); the ALB reaching every Ingress backend;
 * the shutdown of every workload (grace period ≥ preStop + drain); the drain chain of every ALB backend (readiness
 * gate, preStop ≥ the ALB's propagation, preStop + drain ≤ deregistration delay ≤ grace period); rollouts,
 * PodDisruptionBudgets and autoscaler minimums together; every alarm's description against its query.
 * Throws the first check's problems; returns the gate's report.
 */
export function checkRenderedCluster(
  settings: PmsClusterSettings,
  manifests: readonly Manifest[],
  context: RenderedClusterContext,
): PolicyGateReport {
  validateManifests(settings.name, manifests);
  checkRouting(settings, manifests, context.routes);
  checkWebSocketBackends(settings, settings.ingress, manifests, context.routes);
  throwIfAny([
    ...uninstalledDependencies({
      cluster: settings.name,
      graph: context.graph,
      installations: backingInstallations(manifests, context.releases),
    }),
    ...unservedMetricsApis(settings.name, manifests, context.releases),
  ]);
  const gate = runPolicyGate(settings, manifests, { externalPods: chartInstalledPods() });
  checkReferences(settings.name, manifests);
  checkPreDnat(settings.name, manifests);
  checkReachability(settings, manifests, context.graph);
  checkAlbReachesBackends(settings, manifests, context.graph);
  checkWorkloadShutdown(settings.name, manifests);
  checkTargetGroupDrain(settings, manifests);
  checkDisruption(settings.name, manifests);
  const alb = settings.monitoring.alb;
  checkAlarmScopes(settings.name, manifests, {
    albBackends: ALB_BACKENDS,
    targetGroups: alb.state === 'known' ? { ...alb.targetGroups } : {},
    runbook: runbookUrl(settings.name),
  });
  return gate;
}

/**
 * The render target of one cluster: `clusters/<name>/`, one YAML file per object plus `README.md`. Given the render's
 * context, it first checks itself against the fleet (`checkClusterInFleet`: copy leftovers of another cluster app, and
 * its registration in the Argo CD fleet), and reports its warnings.
 */
export function pmsClusterTarget(settings: PmsClusterSettings): RenderTarget {
  return {
    name: settings.name,
    outDir: `clusters/${settings.name}`,
    settingsFile: `apps/${settings.name}/src/settings.ts`,
    settings,
    build(context?: RenderContext) {
      if (context) checkClusterInFleet(settings, context);
      const { manifests, readme, readmeParts, extraFiles, warnings, prerequisites } =
        buildPmsCluster(settings);
      for (const warning of warnings) context?.warn(warning);
      const files = manifestsToFiles(settings.name, manifests);
      // With the fleet, the sync plan: refused when an object would come before a prerequisite ("First sync").
      const sources = context ? syncSourcesOf(settings.name, context) : undefined;
      if (sources) {
        const plan = pmsSyncPlan(settings, sources);
        checkSyncPlan(plan);
        const section = firstSyncSection(plan, sources.prerequisites, prerequisites, FIRST_SYNC_DOC_ORDER);
        files.set(
          'README.md',
          renderReadme(readmeParts.title, readmeParts.intro, [...readmeParts.sections, section]),
        );
      } else {
        files.set('README.md', readme);
      }
      for (const [path, content] of extraFiles) files.set(path, content);
      return files;
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value as object)) deepFreeze(member);
  }
  return value;
}
