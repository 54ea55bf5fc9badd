/**
 * The sync plan of one PMS cluster (`pnpm sync-plan <cluster>`, and a check of every cluster render): the Argo CD side
 * (`RenderTarget.syncSources` of the Argo CD app: every Application syncing to the cluster) plus what this project
 * knows each object needs, planned by `buildSyncPlan` of `@pms/core`. What an object needs:
 *
 * - its Namespace; the CRD of a custom resource; the admission webhook that admits its kind (failurePolicy Fail: the
 *   API server refuses the object while the webhook's pods are not Ready); the controller that reconciles it;
 * - AWS resources named by the objects the load balancer controller reads when it builds the ALB for an Ingress
 *   (kubernetes-sigs/aws-load-balancer-controller v2.17.1 docs/guide/ingress/ingress_class.md, annotations.md): the
 *   access-log bucket (`access_logs.s3.bucket` of IngressClassParams), the web ACL (`spec.wafv2AclName`), the
 *   certificate it discovers by the Ingress's hosts (docs/guide/ingress/cert_discovery.md), and the controller's own
 *   IAM role (its ServiceAccount's `eks.amazonaws.com/role-arn`);
 * - the backing services a workload's graph edges reach (PMS_GRAPH), Healthy: its pods are not ready without them;
 * - the cluster prerequisites its objects rely on (the VPC CNI enforcing NetworkPolicies, the EBS CSI driver, no
 *   metrics-server add-on, the certificate's DNS validation) and the served metrics API of an autoscaler.
 */
import {
  apiGroup,
  buildSyncPlan,
  issuesOf,
  manifestPath,
  objectKey,
  throwIfAny,
  type ClusterPrerequisite,
  type ClusterSyncSources,
  type ExternalProvision,
  type Manifest,
  type PlanApplication,
  type PlanObject,
  type Provision,
  type RenderContext,
  type Requirement,
  type SyncPlan,
} from '@pms/core';
import {
  PMS_NAMESPACE,
  PMS_SERVICES,
  RESOURCE_METRICS_API,
  UPSTREAM_PROJECTS,
  type CommunicationGraph,
  type HelmRelease,
} from '@pms/networking';
import { controllerRoleArn } from '@pms/security';
import { buildPmsCluster } from './cluster.js';
import type { PmsClusterSettings } from './settings.js';

/** API groups served by Kubernetes itself: their kinds need no CRD and no controller from an Application. */
export const BUILT_IN_GROUPS: readonly string[] = [
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'apiextensions.k8s.io',
  'admissionregistration.k8s.io',
  'apiregistration.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'scheduling.k8s.io',
];

/** Namespaces every EKS cluster has before any sync (Kubernetes creates them). */
export const BUILT_IN_NAMESPACES: readonly string[] = [
  'default',
  'kube-node-lease',
  'kube-public',
  'kube-system',
];

/** The annotation IRSA reads on a ServiceAccount (EKS docs, "IAM roles for service accounts"). */
const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** Kubernetes objects that are cluster prerequisites' users, by `group/Kind`: the prerequisite ids they rely on. */
const PREREQUISITES_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  'networking.k8s.io/NetworkPolicy': ['vpc-cni-network-policy'],
  'storage.k8s.io/StorageClass': ['ebs-csi-driver'],
  'autoscaling/HorizontalPodAutoscaler': ['no-metrics-server-addon'],
  'acm.services.k8s.aws/Certificate': ['acm-dns-validation'],
  'iam.services.k8s.aws/Role': ['eks-oidc-provider'],
};

const key = {
  namespace: (name: string) => `namespace:${name}`,
  crd: (group: string, kind: string) => `crd:${group}/${kind}`,
  webhook: (group: string, kind: string) => `webhook:${group}/${kind}`,
  controller: (group: string, kind: string) => `controller:${group}/${kind}`,
  prerequisite: (id: string) => `prerequisite:${id}`,
  bucket: (name: string) => `aws:s3-bucket:${name}`,
  webAcl: (name: string) => `aws:webacl:${name}`,
  certificate: (domain: string) => `aws:certificate:${domain.toLowerCase()}`,
  role: (arn: string) => `aws:role:${arn}`,
  service: (name: string) => `service:${name}`,
  api: (groupVersion: string) => `api:${groupVersion}`,
};

/** The keys `buildSyncPlan` matches, for the Argo CD app's provisions (one vocabulary on both sides). */
export const SyncKeys = key;

/** A certificate name covers a host: equal, or a `*.` wildcard covering exactly one label (ACM). */
function covers(domain: string, host: string): boolean {
  const d = domain.toLowerCase();
  const h = host.toLowerCase();
  if (d === h) return true;
  return d.startsWith('*.') && h.endsWith(d.slice(1)) && !h.slice(0, h.length - d.length + 1).includes('.');
}

type Spec = Record<string, unknown>;
const specOf = (m: Manifest): Spec => (m.spec ?? {}) as Spec;

/** What each rendered object of the cluster provides besides its identity (AWS names, backing services). */
function provisionsOf(settings: PmsClusterSettings, manifest: Manifest): Provision[] {
  const spec = specOf(manifest);
  const name = typeof spec.name === 'string' ? spec.name : undefined;
  switch (`${apiGroup(manifest)}/${manifest.kind}`) {
    case 's3.services.k8s.aws/Bucket':
      return name ? [{ key: key.bucket(name), what: `S3 bucket ${name} (ACK Bucket)` }] : [];
    case 'wafv2.services.k8s.aws/WebACL':
      return name ? [{ key: key.webAcl(name), what: `web ACL ${name} (ACK WebACL)` }] : [];
    case 'acm.services.k8s.aws/Certificate': {
      const names = [spec.domainName, ...((spec.subjectAlternativeNames as unknown[]) ?? [])].filter(
        (n): n is string => typeof n === 'string',
      );
      return names.map((n) => ({
        key: key.certificate(n),
        what: `ACM certificate for ${n} (ACK Certificate)`,
      }));
    }
    case 'iam.services.k8s.aws/Role': {
      if (!name) return [];
      const path = typeof spec.path === 'string' ? spec.path : '/';
      const arn = `arn:aws:iam::${settings.aws.accountId}:role${path}${name}`;
      return [{ key: key.role(arn), what: `IAM role ${name} (ACK Role)` }];
    }
  }
  // A backing service run by an operator is up once its custom resource is Healthy (the operator's health check).
  return PMS_SERVICES.flatMap((service) => {
    if (service.kind !== 'backing') return [];
    const project = UPSTREAM_PROJECTS[service.installer.project];
    if (project?.kind !== 'operator') return [];
    const [apiVersion, kind] = project.resources[0]!.split(' ') as [string, string];
    return manifest.kind === kind &&
      manifest.apiVersion === apiVersion &&
      manifest.metadata.name === service.installer.instance &&
      manifest.metadata.namespace === PMS_NAMESPACE
      ? [{ key: key.service(service.name), what: `${service.name} (${project.title} ${kind})` }]
      : [];
  });
}

/** The backing services a chart release runs (Valkey): up once its Application is Healthy. */
function releaseProvisions(release: Pick<HelmRelease, 'chart' | 'releaseName' | 'namespace'>): Provision[] {
  return PMS_SERVICES.flatMap((service) => {
    if (service.kind !== 'backing') return [];
    const project = UPSTREAM_PROJECTS[service.installer.project];
    return project?.kind === 'chart' &&
      project.chart === release.chart.name &&
      release.releaseName === service.installer.instance &&
      release.namespace === PMS_NAMESPACE
      ? [{ key: key.service(service.name), what: `${service.name} (${project.title} chart)` }]
      : [];
  });
}

/** The requirements every object has by its kind and place (namespace, CRD, webhook, controller, prerequisites). */
function genericRequirements(manifest: Manifest, webhooks: ReadonlySet<string>): Requirement[] {
  const group = apiGroup(manifest);
  const gk = `${group}/${manifest.kind}`;
  const needs: Requirement[] = [];
  const ns = manifest.metadata.namespace;
  if (ns) needs.push({ key: key.namespace(ns), what: `Namespace ${ns}`, need: 'applied' });
  if (!BUILT_IN_GROUPS.includes(group)) {
    needs.push({ key: key.crd(group, manifest.kind), what: `the CRD of ${gk}`, need: 'applied' });
    needs.push({
      key: key.controller(group, manifest.kind),
      what: `the controller reconciling ${gk}`,
      need: 'healthy',
    });
  }
  if (webhooks.has(key.webhook(group, manifest.kind)))
    needs.push({
      key: key.webhook(group, manifest.kind),
      what: `the admission webhook for ${gk} (failurePolicy Fail)`,
      need: 'applied',
    });
  for (const id of PREREQUISITES_BY_KIND[gk] ?? [])
    needs.push({ key: key.prerequisite(id), what: `cluster prerequisite \`${id}\``, need: 'healthy' });
  const roleArn = manifest.metadata.annotations?.[ROLE_ARN_ANNOTATION];
  if (manifest.kind === 'ServiceAccount' && group === '' && roleArn)
    needs.push({
      key: key.role(roleArn),
      what: `IAM role ${roleArn} (${ROLE_ARN_ANNOTATION})`,
      need: 'healthy',
    });
  return needs;
}

/** What the load balancer controller needs to build the ALB of an Ingress (the AWS resources the objects name). */
function ingressRequirements(
  settings: PmsClusterSettings,
  ingress: Manifest,
  manifests: readonly Manifest[],
): Requirement[] {
  const spec = specOf(ingress);
  const className = typeof spec.ingressClassName === 'string' ? spec.ingressClassName : undefined;
  const needs: Requirement[] = [
    {
      key: key.controller('networking.k8s.io', 'Ingress'),
      what: 'the load balancer controller (IngressClass controller ingress.k8s.aws/alb)',
      need: 'healthy',
    },
    {
      key: key.role(controllerRoleArn(settings)),
      what: `the load balancer controller's IAM role ${controllerRoleArn(settings)} (its ServiceAccount's ${ROLE_ARN_ANNOTATION})`,
      need: 'healthy',
    },
  ];
  const ingressClass = manifests.find((m) => m.kind === 'IngressClass' && m.metadata.name === className);
  if (className)
    needs.push({
      key: ingressClass ? objectKey(ingressClass) : `object:networking.k8s.io/IngressClass//${className}`,
      what: `IngressClass ${className} (spec.ingressClassName)`,
      need: 'applied',
    });
  const paramsName = (specOf(ingressClass ?? ({} as Manifest)).parameters as { name?: string } | undefined)
    ?.name;
  const params = manifests.find((m) => m.kind === 'IngressClassParams' && m.metadata.name === paramsName);
  if (params) {
    const p = specOf(params);
    const attributes = (p.loadBalancerAttributes as { key: string; value: string }[] | undefined) ?? [];
    const bucket = attributes.find((a) => a.key === 'access_logs.s3.bucket')?.value;
    const logs = attributes.find((a) => a.key === 'access_logs.s3.enabled')?.value === 'true';
    if (logs && bucket)
      needs.push({
        key: key.bucket(bucket),
        what: `access-log bucket ${bucket} (named by IngressClassParams ${params.metadata.name} access_logs.s3.bucket)`,
        need: 'healthy',
      });
    if (typeof p.wafv2AclName === 'string')
      needs.push({
        key: key.webAcl(p.wafv2AclName),
        what: `web ACL ${p.wafv2AclName} (named by IngressClassParams ${params.metadata.name} spec.wafv2AclName)`,
        need: 'healthy',
      });
  }
  const pinned = ingress.metadata.annotations?.['alb.ingress.kubernetes.io/certificate-arn'];
  if (!pinned) {
    const hosts = new Set<string>();
    for (const tls of (spec.tls as { hosts?: string[] }[] | undefined) ?? [])
      for (const h of tls.hosts ?? []) hosts.add(h);
    for (const rule of (spec.rules as { host?: string }[] | undefined) ?? [])
      if (rule.host) hosts.add(rule.host);
    const domains = manifests
      .filter((m) => m.kind === 'Certificate' && apiGroup(m) === 'acm.services.k8s.aws')
      .flatMap((m) => provisionsOf(settings, m).map((pr) => pr.key.slice('aws:certificate:'.length)));
    for (const host of [...hosts].sort()) {
      const domain = domains.find((d) => covers(d, host)) ?? host;
      needs.push({
        key: key.certificate(domain),
        what: `an ISSUED ACM certificate for ${host} (certificate discovery by the Ingress's host)`,
        need: 'healthy',
      });
    }
  }
  return needs;
}

/** The backing services the workload `name` needs (graph edges from it to a backing service), Healthy. */
function backingRequirements(name: string, graph: CommunicationGraph): Requirement[] {
  const backing = new Set<string>(PMS_SERVICES.filter((s) => s.kind === 'backing').map((s) => s.name));
  const targets = [
    ...new Set(graph.edges.filter((e) => e.from === name && backing.has(e.to)).map((e) => String(e.to))),
  ];
  return targets.sort().map((to) => ({
    key: key.service(to),
    what: `backing service ${to} (PMS_GRAPH edge ${name} → ${to}, libs/networking/src/graph.ts)`,
    need: 'healthy' as const,
  }));
}

/** Adds this project's knowledge of needs and provisions to the Argo CD side's Applications. */
function annotate(
  settings: PmsClusterSettings,
  applications: readonly PlanApplication[],
  graph: CommunicationGraph,
  releases: readonly HelmRelease[],
): PlanApplication[] {
  const webhooks = new Set(
    applications.flatMap((a) => a.provides.map((p) => p.key)).filter((k) => k.startsWith('webhook:')),
  );
  const all = applications.flatMap((a) => a.objects.map((o) => o.manifest));
  return applications.map((app) => {
    const release = releases.find(
      (r) => app.chart && r.chart.name === app.chart.name && r.releaseName === app.chart.releaseName,
    );
    return {
      ...app,
      provides: [...app.provides, ...(release ? releaseProvisions(release) : [])],
      objects: app.objects.map((object): PlanObject => {
        const m = object.manifest;
        const needs = [...(object.requires ?? []), ...genericRequirements(m, webhooks)];
        if (m.kind === 'Ingress' && apiGroup(m) === 'networking.k8s.io')
          needs.push(...ingressRequirements(settings, m, all));
        if (
          m.kind === 'Deployment' &&
          apiGroup(m) === 'apps' &&
          m.metadata.namespace === PMS_NAMESPACE &&
          !app.chart
        )
          needs.push(...backingRequirements(m.metadata.name, graph));
        if (m.kind === 'HorizontalPodAutoscaler')
          needs.push({
            key: key.api(RESOURCE_METRICS_API),
            what: `the resource metrics API ${RESOURCE_METRICS_API}`,
            need: 'healthy',
          });
        return {
          ...object,
          requires: needs,
          provides: [...(object.provides ?? []), ...provisionsOf(settings, m)],
        };
      }),
    };
  });
}

/** Provisions from outside the Applications: built-in namespaces, the cluster prerequisites, pinned or external AWS resources. */
function externalProvisions(
  settings: PmsClusterSettings,
  prerequisites: readonly ClusterPrerequisite[],
): ExternalProvision[] {
  const external: ExternalProvision[] = BUILT_IN_NAMESPACES.map((ns) => ({
    key: key.namespace(ns),
    what: `Namespace ${ns}`,
    satisfiedBy: 'the cluster (Kubernetes creates it)',
  }));
  for (const p of prerequisites)
    external.push({
      key: key.prerequisite(p.id),
      what: p.title,
      satisfiedBy: `cluster prerequisite \`${p.id}\` (${p.when === 'before-first-sync' ? 'by hand, before the first sync' : 'by hand, during the first sync'})`,
    });
  if (settings.accessLogs.external)
    external.push({
      key: key.bucket(settings.accessLogs.bucket),
      what: `S3 bucket ${settings.accessLogs.bucket}`,
      satisfiedBy: 'a bucket managed outside this repository (accessLogs.external in the settings)',
    });
  return external;
}

/**
 * The sync plan of `settings`' cluster given the Argo CD side (`sources`), or undefined when the cluster does not
 * build. Pure.
 */
export function pmsSyncPlan(settings: PmsClusterSettings, sources: ClusterSyncSources): SyncPlan {
  const built = buildPmsCluster(settings);
  const prerequisites = [...sources.prerequisites, ...built.prerequisites];
  return buildSyncPlan({
    cluster: settings.name,
    applications: annotate(settings, sources.applications, built.graph, built.releases),
    external: externalProvisions(settings, prerequisites),
    healthChecked: sources.healthChecked,
    applicationHealth: sources.applicationHealth,
  });
}

/** The Argo CD side of a cluster's plan, from the render's targets (the first that syncs the cluster). */
export function syncSourcesOf(cluster: string, context: RenderContext): ClusterSyncSources | undefined {
  for (const target of context.targets) {
    try {
      const sources = target.syncSources?.(cluster);
      if (sources) return sources;
    } catch (error) {
      // That target does not build (another cluster's mistake, say): its own render reports it.
      if (!issuesOf(error)) throw error;
    }
  }
  return undefined;
}

/** Refuses a cluster whose plan has a violation: an object before a prerequisite, or waiting on health nothing gives. */
export function checkSyncPlan(plan: SyncPlan): void {
  throwIfAny(plan.violations);
}

/** The path of a rendered object in the cluster folder (`clusters/<cluster>/<path>`), for plan sources. */
export function renderedSource(cluster: string, manifest: Manifest): string {
  return `clusters/${cluster}/${manifestPath(manifest)}`;
}
