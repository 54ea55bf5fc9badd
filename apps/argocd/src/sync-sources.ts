/**
 * The Argo CD side of a cluster's sync plan (`ClusterSyncSources` of `@pms/core`, planned by `pmsSyncPlan` of
 * `@pms/platform`): every Application that syncs to the cluster, where it stands (which parent applies it, in which
 * wave), what it applies and what it provides once Healthy. For the Helm releases, whose objects are not in this
 * repository, the pinned chart facts stand in for them (`CONTROLLER_CHART_OBJECTS`, `ACK_CHART_OBJECTS`,
 * `HelmRelease.objects`, `EXTERNAL_DNS_CHART_OBJECTS`) together with what each chart is known to provide: its CRDs,
 * its admission webhooks (the load balancer controller: helm/aws-load-balancer-controller/templates/webhook.yaml @
 * v2.17.1; CloudNativePG: config/webhook/manifests.yaml @ v1.30.0, failurePolicy Fail for its kinds) and its
 * controller.
 */
import {
  AWS_RESOURCES_NAMESPACE,
  BUILT_IN_HEALTH,
  GITOPS_REPOSITORY,
  healthCheckedKinds,
  manifestPath,
  syncWaveOf,
  type ClusterSyncSources,
  type Manifest,
  type PlanApplication,
  type PlanObject,
  type Provision,
  type Requirement,
} from '@pms/core';
import type { HelmRelease } from '@pms/networking';
import { buildPmsCluster, renderedSource, SyncKeys, type PmsClusterSettings } from '@pms/platform';
import { CONTROLLER_NAMESPACE, EXTERNAL_DNS_NAMESPACE } from '@pms/security';
import type { IApplication, IApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { ACK_CHART_OBJECTS, ACK_SYSTEM_NAMESPACE, ackGroup, ackReleaseName } from './ack-catalogue.js';
import { BOOTSTRAP_APPLICATION } from './bootstrap.js';
import type { BuiltArgoCd } from './build.js';
import { CONTROLLER_CHART_OBJECTS, CONTROLLER_RELEASE_NAME, type ChartObject } from './controller-release.js';
import { EXTERNAL_DNS_CHART, EXTERNAL_DNS_CHART_OBJECTS, EXTERNAL_DNS_RELEASE_NAME } from './external-dns.js';
import { ackRolesPrerequisite, oidcProviderPrerequisite } from './first-sync.js';
import { generateApplications, selectSourceFiles } from './generator.js';

/** Where the Applications' definitions live, for messages. */
const SOURCES = {
  controller: 'controllerApplication (apps/argocd/src/controller-release.ts)',
  ackCrds: 'ackCrdsApplication, ACK_CRDS_WAVE (apps/argocd/src/ack-applications.ts)',
  ack: 'ackControllerApplication (apps/argocd/src/ack-applications.ts)',
  release: 'releaseApplication, releaseWave (apps/argocd/src/release-applications.ts)',
  cluster: 'clustersApplicationSet (apps/argocd/src/applicationset.ts)',
  foundation: 'foundationApplication, FOUNDATION_WAVE (apps/argocd/src/foundation.ts)',
  externalDns: 'externalDnsApplication (apps/argocd/src/external-dns.ts)',
} as const;

/**
 * The CRDs in the load balancer controller chart's `crds/` (chart 1.17.1 = controller v2.17.1) with their kinds, and
 * the kinds its webhooks admit with failurePolicy Fail (templates/webhook.yaml: vingressclassparams,
 * m/vtargetgroupbinding, vingress; the Service mutator is off here). The Pod mutator (`mpod.elbv2.k8s.aws`, the
 * readiness gates) is not among them: its failurePolicy is the value `podMutatorWebhookConfig.failurePolicy`, default
 * `Ignore` (helm/aws-load-balancer-controller/values.yaml @ v2.17.1, chart 1.17.1; the value exists since chart 1.12.0,
 * v2.11.0's template hard-codes `Fail`; docs/deploy/pod_readiness_gate.md "FailurePolicy": Ignore for versions
 * > v2.11.0), and PMS keeps the default: a pod created while the controller is down starts without its gate instead
 * of being refused. The controller's Application still syncs before the cluster's (its Ingress webhook is `Fail`, so
 * the plan refuses the reverse order), so the first sync's pods get their gates.
 */
export const CONTROLLER_CHART_FACTS = {
  crds: [
    { name: 'albtargetcontrolconfigs.elbv2.k8s.aws', group: 'elbv2.k8s.aws', kind: 'ALBTargetControlConfig' },
    { name: 'globalaccelerators.aga.k8s.aws', group: 'aga.k8s.aws', kind: 'GlobalAccelerator' },
    { name: 'ingressclassparams.elbv2.k8s.aws', group: 'elbv2.k8s.aws', kind: 'IngressClassParams' },
    { name: 'targetgroupbindings.elbv2.k8s.aws', group: 'elbv2.k8s.aws', kind: 'TargetGroupBinding' },
  ],
  webhooks: [
    { group: 'elbv2.k8s.aws', kind: 'IngressClassParams', name: 'vingressclassparams.elbv2.k8s.aws' },
    {
      group: 'elbv2.k8s.aws',
      kind: 'TargetGroupBinding',
      name: 'mtargetgroupbinding/vtargetgroupbinding.elbv2.k8s.aws',
    },
    { group: 'networking.k8s.io', kind: 'Ingress', name: 'vingress.elbv2.k8s.aws' },
  ],
  controls: [
    { group: 'networking.k8s.io', kind: 'Ingress' },
    { group: 'elbv2.k8s.aws', kind: 'IngressClassParams' },
    { group: 'elbv2.k8s.aws', kind: 'TargetGroupBinding' },
  ],
} as const;

/**
 * The CRD in the external-dns chart's `crds/` (chart 1.21.1: crds/dnsendpoints.externaldns.k8s.io.yaml, vendored in
 * libs/crd-models) and the kind its Deployment reconciles with the `crd` source (`--source=crd`, PMS's values).
 */
export const EXTERNAL_DNS_CHART_FACTS = {
  crds: [{ name: 'dnsendpoints.externaldns.k8s.io', group: 'externaldns.k8s.io', kind: 'DNSEndpoint' }],
  controls: [{ group: 'externaldns.k8s.io', kind: 'DNSEndpoint' }],
} as const;

/** A skeleton object (kind, name, namespace) standing for an object a chart renders. */
function skeleton(group: string, kind: string, name: string, namespace?: string, spec?: object): Manifest {
  return {
    apiVersion: group ? `${group}/v1` : 'v1',
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}) },
    ...(spec ? { spec } : {}),
  };
}

/** A CRD skeleton that provides its group/kind. */
function crdSkeleton(name: string, group: string, kind: string): Manifest {
  return skeleton('apiextensions.k8s.io', 'CustomResourceDefinition', name, undefined, {
    group,
    names: { kind },
  });
}

/** The namespace an Application creates (`CreateNamespace=true`: Argo CD creates it before applying anything). */
function createdNamespace(app: IApplication): PlanObject[] {
  const options = app.spec.syncPolicy?.syncOptions ?? [];
  const namespace = app.spec.destination.namespace;
  return options.includes('CreateNamespace=true') && namespace
    ? [
        {
          manifest: skeleton('', 'Namespace', namespace),
          source: `${app.metadata.name} syncOptions CreateNamespace=true`,
        },
      ]
    : [];
}

const provision = (key: string, what: string): Provision => ({ key, what });
const needs = (key: string, what: string, need: Requirement['need']): Requirement => ({ key, what, need });

/** True for an Application of this repository syncing `clusters/<cluster>` (the cluster's own objects). */
function syncsClusterFolder(spec: IApplication['spec'], cluster: string): boolean {
  const source = spec.source;
  return source?.repoURL === GITOPS_REPOSITORY.url && source.path === `clusters/${cluster}`;
}

/** The cluster's rendered objects an Application of its folder loads (its directory include/exclude). */
function folderObjects(settings: PmsClusterSettings, spec: IApplication['spec']): PlanObject[] {
  const manifests = buildPmsCluster(settings).manifests;
  const byPath = new Map(manifests.map((m) => [manifestPath(m), m]));
  return selectSourceFiles(spec.source?.directory, [...byPath.keys()]).map((path) => ({
    manifest: byPath.get(path)!,
    source: renderedSource(settings.name, byPath.get(path)!),
  }));
}

/** The parent and wave of an Application object in `argocd/` (the bootstrap Application syncs `argocd/`). */
function placeIn(object: IApplication | IApplicationSet): { parent: string; wave: number } {
  return { parent: BOOTSTRAP_APPLICATION, wave: syncWaveOf(object as unknown as Manifest) };
}

/** The Application(s) the ApplicationSet generates for `cluster`, and where they stand. */
function generatedApplications(built: BuiltArgoCd, settings: PmsClusterSettings): PlanApplication[] {
  const appSet = built.applicationSet;
  const listOnly = appSet.spec.generators.every((g) => g.list !== undefined && g.git === undefined);
  const generated = generateApplications(appSet, [`clusters/${settings.name}`]).filter(
    (app) => app.spec.destination.name === settings.name,
  );
  return generated.map((app) => ({
    name: app.name,
    ...(listOnly
      ? {
          ...placeIn(appSet),
          createdBy: `ApplicationSet ${appSet.metadata.name} (list generator, applied by ${BOOTSTRAP_APPLICATION})`,
        }
      : {
          wave: syncWaveOf(appSet as unknown as Manifest),
          createdBy: `ApplicationSet ${appSet.metadata.name} (git generator: created when the folder appears)`,
        }),
    source: SOURCES.cluster,
    objects: syncsClusterFolder(app.spec, settings.name) ? folderObjects(settings, app.spec) : [],
    provides: [],
  }));
}

/**
 * A chart's objects as the plan sees them: its CRDs with the group and kind they define (from the chart's facts),
 * the rest by kind and name, namespaced ones in the release's namespace.
 */
function chartPlanObjects(
  objects: readonly ChartObject[],
  crds: readonly { readonly name: string; readonly group: string; readonly kind: string }[],
  namespace: string,
  source: string,
): PlanObject[] {
  return objects.map((o) => {
    const crd = o.kind === 'CustomResourceDefinition' ? crds.find((c) => c.name === o.name) : undefined;
    return {
      manifest: crd
        ? crdSkeleton(crd.name, crd.group, crd.kind)
        : skeleton(o.group, o.kind, o.name, o.namespaced ? namespace : undefined),
      source,
    };
  });
}

/** The Application of the cluster's load balancer controller. */
function controllerPlan(app: IApplication): PlanApplication {
  const objects = chartPlanObjects(
    CONTROLLER_CHART_OBJECTS,
    CONTROLLER_CHART_FACTS.crds,
    CONTROLLER_NAMESPACE,
    'CONTROLLER_CHART_OBJECTS (apps/argocd/src/controller-release.ts)',
  );
  return {
    name: app.metadata.name!,
    ...placeIn(app),
    source: SOURCES.controller,
    objects,
    chart: {
      name: CONTROLLER_RELEASE_NAME,
      releaseName: CONTROLLER_RELEASE_NAME,
      namespace: CONTROLLER_NAMESPACE,
    },
    provides: [
      ...CONTROLLER_CHART_FACTS.webhooks.map((w) =>
        provision(SyncKeys.webhook(w.group, w.kind), `webhook ${w.name} (aws-load-balancer-controller)`),
      ),
      ...CONTROLLER_CHART_FACTS.controls.map((c) =>
        provision(
          SyncKeys.controller(c.group, c.kind),
          `the aws-load-balancer-controller Deployment (${c.group}/${c.kind})`,
        ),
      ),
    ],
  };
}

/** The cluster's external-dns Application: its namespace, the chart's objects with the DNSEndpoint CRD, its controller. */
function externalDnsPlan(app: IApplication): PlanApplication {
  const objects = chartPlanObjects(
    EXTERNAL_DNS_CHART_OBJECTS,
    EXTERNAL_DNS_CHART_FACTS.crds,
    EXTERNAL_DNS_NAMESPACE,
    'EXTERNAL_DNS_CHART_OBJECTS (apps/argocd/src/external-dns.ts)',
  );
  return {
    name: app.metadata.name!,
    ...placeIn(app),
    source: SOURCES.externalDns,
    objects: [...createdNamespace(app), ...objects],
    chart: {
      name: EXTERNAL_DNS_CHART.name,
      releaseName: EXTERNAL_DNS_RELEASE_NAME,
      namespace: EXTERNAL_DNS_NAMESPACE,
    },
    provides: EXTERNAL_DNS_CHART_FACTS.controls.map((c) =>
      provision(SyncKeys.controller(c.group, c.kind), `the external-dns Deployment (${c.group}/${c.kind})`),
    ),
  };
}

/** The ACK CRDs Application: the CRDs of the kinds the cluster renders, and `ack-system`. */
function ackCrdsPlan(app: IApplication, usages: BuiltArgoCd['ack'][number]['usages']): PlanApplication {
  return {
    name: app.metadata.name!,
    ...placeIn(app),
    source: SOURCES.ackCrds,
    objects: [
      ...createdNamespace(app),
      ...usages.flatMap((u) =>
        u.kinds.map((kind) => ({
          manifest: crdSkeleton(`${ackGroup(u.controller)}/${kind}`, ackGroup(u.controller), kind),
          source: `helm/crds of ${u.controller.service}-controller v${u.controller.chartVersion} (ACK_CONTROLLERS, apps/argocd/src/ack-catalogue.ts)`,
        })),
      ),
    ],
    provides: [],
  };
}

/** One ACK controller's Application. */
function ackControllerPlan(
  app: IApplication,
  usage: BuiltArgoCd['ack'][number]['usages'][number],
): PlanApplication {
  const group = ackGroup(usage.controller);
  const release = ackReleaseName(usage.controller);
  const namespaceOf = (scope: string) =>
    scope === 'release' ? ACK_SYSTEM_NAMESPACE : scope === 'watched' ? AWS_RESOURCES_NAMESPACE : undefined;
  return {
    name: app.metadata.name!,
    ...placeIn(app),
    source: SOURCES.ack,
    chart: {
      name: `${usage.controller.service}-chart`,
      releaseName: release,
      namespace: ACK_SYSTEM_NAMESPACE,
    },
    // skipCrds: the chart's CRDs come from the CRDs Application.
    objects: ACK_CHART_OBJECTS.filter((o) => o.kind !== 'CustomResourceDefinition').map((o) => ({
      manifest: skeleton(o.group, o.kind, release, namespaceOf(o.scope)),
      source: 'ACK_CHART_OBJECTS (apps/argocd/src/ack-catalogue.ts)',
    })),
    provides: usage.kinds.map((kind) =>
      provision(SyncKeys.controller(group, kind), `the ${release} Deployment (${group}/${kind})`),
    ),
    requires: [
      ...usage.kinds.map((kind) =>
        needs(
          SyncKeys.crd(group, kind),
          `the CRD of ${group}/${kind} (the controller watches it)`,
          'applied',
        ),
      ),
      needs(
        SyncKeys.prerequisite('ack-controller-roles'),
        `its IAM role (cluster prerequisite \`ack-controller-roles\`)`,
        'healthy',
      ),
    ],
  };
}

/** A Helm release's Application (backing services' operators and chart, metrics-server). */
function releasePlan(app: IApplication, release: HelmRelease): PlanApplication {
  const defines = (release.defines ?? []).map((d) => {
    const [apiVersion, kind] = d.split(' ') as [string, string];
    return { group: apiVersion.split('/')[0]!, kind };
  });
  const webhooks = release.objects.some((o) => /WebhookConfiguration$/.test(o.kind));
  return {
    name: app.metadata.name!,
    ...placeIn(app),
    source: SOURCES.release,
    chart: { name: release.chart.name, releaseName: release.releaseName, namespace: release.namespace },
    objects: [
      ...createdNamespace(app),
      ...release.objects.map((o) => ({
        manifest: skeleton(o.group, o.kind, o.name, o.namespace),
        source: `HelmRelease ${release.id} objects (libs/networking: chart ${release.chart.name} ${release.chart.version})`,
      })),
    ],
    provides: [
      ...defines.flatMap(({ group, kind }) => [
        provision(
          SyncKeys.crd(group, kind),
          `the CRD of ${group}/${kind} (chart ${release.chart.name} ${release.chart.version})`,
        ),
        provision(SyncKeys.controller(group, kind), `the ${release.releaseName} operator (${group}/${kind})`),
        ...(webhooks
          ? [
              provision(
                SyncKeys.webhook(group, kind),
                `the ${release.releaseName} admission webhooks (${group}/${kind})`,
              ),
            ]
          : []),
      ]),
      ...(release.provides ?? []).map((api) =>
        provision(SyncKeys.api(api), `${api} (${release.releaseName})`),
      ),
    ],
  };
}

/** Every Application syncing to `settings`' cluster, as the plan sees them, plus Argo CD's health configuration. */
export function clusterSyncSources(built: BuiltArgoCd, settings: PmsClusterSettings): ClusterSyncSources {
  const cluster = settings.name;
  const applications: PlanApplication[] = [];
  const controller = built.controllers.find((a) => a.spec.destination.name === cluster);
  if (controller) applications.push(controllerPlan(controller));
  const externalDns = built.externalDns.find((a) => a.spec.destination.name === cluster);
  if (externalDns) applications.push(externalDnsPlan(externalDns));
  const ack = built.ack.find((a) => a.cluster === cluster);
  if (ack?.crds) applications.push(ackCrdsPlan(ack.crds, ack.usages));
  ack?.controllers.forEach((app, i) => applications.push(ackControllerPlan(app, ack.usages[i]!)));
  const releases = built.releases.find((r) => r.cluster === cluster);
  releases?.applications.forEach((app, i) => applications.push(releasePlan(app, releases.releases[i]!)));
  for (const app of built.foundations.filter((a) => syncsClusterFolder(a.spec, cluster)))
    applications.push({
      name: app.metadata.name!,
      ...placeIn(app),
      source: SOURCES.foundation,
      objects: [...createdNamespace(app), ...folderObjects(settings, app.spec)],
      provides: [],
    });
  applications.push(...generatedApplications(built, settings));
  const healthChecked = [...BUILT_IN_HEALTH, ...healthCheckedKinds(built.healthConfig)];
  return {
    applications,
    prerequisites: [oidcProviderPrerequisite(settings), ackRolesPrerequisite(settings, ack?.usages ?? [])],
    healthChecked,
    applicationHealth: healthChecked.includes('argoproj.io/Application'),
  };
}
