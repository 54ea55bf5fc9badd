import {
  Checks,
  CLUSTER_CONTEXT_KEY,
  manifestsToFiles,
  PlainChart,
  renderReadme,
  synthesize,
  throwIfAny,
  validateClusterSettings,
  type DocSection,
  type Manifest,
  type RenderTarget,
} from '@pms/core';
import { checkRouting, PmsIngress, validateIngressSettings, websocketHeartbeatEnv } from '@pms/ingress';
import {
  checkAlbReachesBackends,
  checkReachability,
  checkReferences,
  PmsNetworking,
  validateNetworkingSettings,
} from '@pms/networking';
import { PmsMonitoring } from '@pms/monitoring';
import { validateManifests } from '@pms/schemas';
import { chartInstalledPods, PmsSecurity, policyGateDocs, runPolicyGate } from '@pms/security';
import { App } from 'cdk8s';
import type { PmsClusterSettings } from './settings.js';

/** What one cluster renders to: its objects and its generated README. */
export interface BuiltCluster {
  readonly manifests: readonly Manifest[];
  readonly readme: string;
  /** Files besides the objects and the README (e.g. the controller's plain IAM policy JSON), path → content. */
  readonly extraFiles: ReadonlyMap<string, string>;
}

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
 * Composes the four concerns for one cluster. Settings are validated first (all problems reported
 * together); then the constructs are built, synthesized and checked. Pure: nothing is written.
 */
function composePmsCluster(settings: PmsClusterSettings): BuiltCluster {
  const shared = validateClusterSettings(settings);
  if (shared.length > 0) {
    // The constructs cannot be built on broken shared settings; the sections that do not depend on them are
    // checked now too, so one run reports every problem (as the constructs would word them).
    const ingress = new Checks(settings.name, 'ingress', `${settings.name}/ingress`);
    validateIngressSettings(settings.ingress, ingress);
    const networking = new Checks(settings.name, 'networking', `${settings.name}/networking`);
    validateNetworkingSettings(settings.networking, networking);
    throwIfAny([...shared, ...networking.issues, ...ingress.issues]);
  }

  const app = new App({ outdir: '.' });
  app.node.setContext(CLUSTER_CONTEXT_KEY, settings.name);
  const chart = new PlainChart(app, settings.name);
  const sections: DocSection[] = [];

  // --- networking ---
  const networking = new PmsNetworking(chart, 'networking', {
    cluster: settings,
    settings: settings.networking,
    // The apigateway sends WebSocket heartbeats at this interval (validated by ingress, below).
    workloadEnv: { apigateway: websocketHeartbeatEnv(settings.ingress) },
  });
  sections.push(...networking.docs);

  // --- ingress ---
  const ingress = new PmsIngress(chart, 'ingress', {
    cluster: settings,
    settings: settings.ingress,
    services: networking.services,
  });
  sections.push(...ingress.docs);

  // --- security ---
  const security = new PmsSecurity(chart, 'security', {
    cluster: settings,
    settings: settings.security,
    alb: ingress.alb,
  });
  sections.push(...security.docs);

  // --- monitoring (last: reads the networking graph, the catalogue's health values, the ingress routes and the
  // web ACL's metric name; the IngressGroup is monitoring's default, PMS_INGRESS_GROUP) ---
  const monitoring = new PmsMonitoring(chart, 'monitoring', {
    cluster: settings,
    settings: settings.monitoring,
    graph: networking.graph,
    webAclMetricName: security.webAcl.metricName,
    webSocketPath: ingress.routes.find((r) => r.route.kind === 'websocket')?.route.path,
  });
  sections.push(...monitoring.docs);

  const manifests = synthesize(app);

  // --- checks over the rendered objects (schemas, routing read-back, policy gate, reference integrity) ---
  validateManifests(settings.name, manifests);
  // After the schemas: a malformed object is reported once, by its schema, not as the misrouting it causes.
  checkRouting(settings, manifests, ingress.routes);
  const gate = runPolicyGate(settings, manifests, { externalPods: chartInstalledPods() });
  sections.push(policyGateDocs(gate));
  checkReferences(settings.name, manifests);
  checkReachability(settings, manifests, networking.graph);
  // The proof follows the graph; this follows the Ingress: every backend must be open to every ALB address.
  checkAlbReachesBackends(settings, manifests, networking.graph);

  const readme = renderReadme(
    `Cluster ${settings.name}`,
    [
      `Generated by \`pnpm render\` from \`apps/${settings.name}/src/settings.ts\`; do not edit by hand.`,
      `Environment **${settings.environment}**, AWS account \`${settings.aws.accountId}\`, region \`${settings.aws.region}\`, host \`${settings.host}\`.`,
    ].join('\n\n'),
    sections,
  );
  return { manifests, readme, extraFiles: security.extraFiles };
}

/** The render target of one cluster: `clusters/<name>/`, one YAML file per object plus `README.md`. */
export function pmsClusterTarget(settings: PmsClusterSettings): RenderTarget {
  return {
    name: settings.name,
    outDir: `clusters/${settings.name}`,
    settingsFile: `apps/${settings.name}/src/settings.ts`,
    build() {
      const { manifests, readme, extraFiles } = buildPmsCluster(settings);
      const files = manifestsToFiles(settings.name, manifests);
      files.set('README.md', readme);
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
