/**
 * The Argo CD Applications of the ACK controllers: one Helm Application per controller and cluster, and one
 * Application per cluster for the controllers' CRDs, one wave earlier.
 */
import { Checks, ConfigError, recommendedLabels, syncWave, SyncWave, type ClusterSettings } from '@pms/core';
import type { IApplication, IApplicationSource } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import {
  ACK_RUNTIME_GROUP,
  ACK_SYSTEM_NAMESPACE,
  ackChartName,
  ackGroup,
  ackReleaseName,
  type AckController,
  type AckUsage,
} from './ack-catalogue.js';
import { ACK_VALUES_SHAPE, ackControllerValues, type AckControllerValues } from './ack-values.js';
import {
  ACK_CHARTS_REPOSITORY,
  ARGOCD_NAMESPACE,
  PMS_PROJECT,
  ackControllerRepository,
} from './repository.js';
import { checkShape, formatShapeProblem } from './strict.js';
import { automatedSyncPolicy, type SyncOption } from './sync-policy.js';

/** Argo CD Application name: `<cluster>-ack-<service>-controller`. */
export function ackApplicationName(
  cluster: Pick<ClusterSettings, 'name'>,
  controller: Pick<AckController, 'service'>,
): string {
  return `${cluster.name}-${ackReleaseName(controller)}`;
}

/** The CRDs Application of a cluster: `<cluster>-ack-crds`. */
export function ackCrdsApplicationName(cluster: Pick<ClusterSettings, 'name'>): string {
  return `${cluster.name}-ack-crds`;
}

/** Sync wave of the CRDs Application: one before the controllers, so the CRDs exist when they start. */
export const ACK_CRDS_WAVE = SyncWave.platform - 1;

/** Sync options of an ACK controller Application. */
export const ACK_SYNC_OPTIONS: readonly SyncOption[] = [
  'ServerSideApply=true',
  'PruneLast=true',
  'FailOnSharedResource=true',
  'CreateNamespace=false',
];

/** Sync options of the ACK CRDs Application (it creates `ack-system`). */
export const ACK_CRDS_SYNC_OPTIONS: readonly SyncOption[] = [
  'ServerSideApply=true',
  'FailOnSharedResource=true',
  'CreateNamespace=true',
];

/** Labels of `ack-system`, set by the CRDs Application: the charts' pods run under the restricted Pod Security Standard. */
export const ACK_SYSTEM_NAMESPACE_LABELS: Readonly<Record<string, string>> = {
  ...recommendedLabels(ACK_SYSTEM_NAMESPACE, 'namespace'),
  'pod-security.kubernetes.io/enforce': 'restricted',
};

/** Props of `ackControllerApplication`. */
export interface AckControllerApplicationProps {
  /** The cluster the controller is installed in. */
  readonly cluster: ClusterSettings;
  /** The controller and the kinds it reconciles there (see `ackUsage`). */
  readonly usage: AckUsage;
}

/**
 * The Helm Application of one ACK controller in one cluster, in project `pms`, wave `platform` (with the load
 * balancer controller, before the cluster Applications). Refuses a chart version that is not exact and an
 * empty list of kinds.
 */
export function ackControllerApplication(props: AckControllerApplicationProps): IApplication {
  const { cluster, usage } = props;
  const { controller } = usage;
  const name = ackApplicationName(cluster, controller);
  checkControllerUsage(cluster, usage, name);
  const values = strictValues(cluster, usage);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: ARGOCD_NAMESPACE,
      labels: {
        ...recommendedLabels(ackReleaseName(controller), 'ack-controller'),
        'app.kubernetes.io/instance': cluster.name,
      },
      annotations: syncWave(SyncWave.platform),
    },
    spec: {
      project: PMS_PROJECT,
      source: {
        repoURL: ACK_CHARTS_REPOSITORY,
        chart: ackChartName(controller),
        targetRevision: controller.chartVersion,
        // The CRDs come from the CRDs Application (the runtime CRDs are in every chart).
        helm: { releaseName: ackReleaseName(controller), skipCrds: true, valuesObject: values as never },
      },
      destination: { name: cluster.name, namespace: ACK_SYSTEM_NAMESPACE },
      syncPolicy: automatedSyncPolicy({ syncOptions: ACK_SYNC_OPTIONS }),
      revisionHistoryLimit: 10,
    },
  };
}

/** Refuses a chart version that is not exact and an empty list of kinds (both at once). */
function checkControllerUsage(cluster: ClusterSettings, { controller, kinds }: AckUsage, name: string): void {
  const checks = new Checks(cluster.name, `ack.${controller.service}`, `argocd/${name}`);
  checks.matches(
    'chartVersion',
    controller.chartVersion,
    /^\d+\.\d+\.\d+$/,
    'an exact chart version such as 1.8.1 (a range or "latest" would let Argo CD install an unreviewed release)',
  );
  checks.require(kinds.length > 0, {
    field: 'kinds',
    value: kinds,
    allowed: `at least one kind of ${ackGroup(controller)} (an empty list reconciles every kind)`,
  });
  checks.throwIfAny();
}

/** The controller's chart values, checked against `ACK_VALUES_SHAPE` (Helm would ignore a misspelt value). */
function strictValues(cluster: ClusterSettings, { controller, kinds }: AckUsage): AckControllerValues {
  const values = ackControllerValues(cluster, controller, kinds);
  const problems = checkShape(values, ACK_VALUES_SHAPE, 'valuesObject');
  if (problems.length > 0) {
    throw new ConfigError({
      cluster: cluster.name,
      field: `ack.${controller.service}.valuesObject`,
      value: problems.map(formatShapeProblem),
      allowed: 'the ACK chart values listed in ACK_VALUES_SHAPE',
    });
  }
  return values;
}

/** The Git source of a controller's CRDs at the release tag of its pinned chart, selected by `include`. */
function crdSource(controller: AckController, include: string): IApplicationSource {
  return {
    repoURL: ackControllerRepository(controller.service),
    targetRevision: `v${controller.chartVersion}`,
    path: 'helm/crds',
    directory: { recurse: false, include },
  };
}

/**
 * The CRDs of the ACK controllers a cluster uses, one source per controller (`<group>_*.yaml` of its chart's
 * `crds/`), plus the ACK runtime's CRDs once, from the first controller. Wave `ACK_CRDS_WAVE`; automated
 * without prune (deleting a CRD deletes every object of its kind: a CRD dropped upstream stays until removed
 * by hand); creates `ack-system` with the restricted Pod Security label.
 */
export function ackCrdsApplication(
  cluster: Pick<ClusterSettings, 'name'>,
  usages: readonly AckUsage[],
): IApplication {
  const first = usages[0];
  if (!first) {
    throw new ConfigError({
      cluster: cluster.name,
      field: 'ack.controllers',
      value: [],
      allowed: 'at least one ACK controller (a cluster without ACK objects needs no CRDs Application)',
    });
  }
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: ackCrdsApplicationName(cluster),
      namespace: ARGOCD_NAMESPACE,
      labels: {
        ...recommendedLabels('ack-crds', 'ack-controller'),
        'app.kubernetes.io/instance': cluster.name,
      },
      annotations: syncWave(ACK_CRDS_WAVE),
    },
    spec: {
      project: PMS_PROJECT,
      sources: [
        ...usages.map(({ controller }) => crdSource(controller, `${ackGroup(controller)}_*.yaml`)),
        crdSource(first.controller, `${ACK_RUNTIME_GROUP}_*.yaml`),
      ],
      destination: { name: cluster.name, namespace: ACK_SYSTEM_NAMESPACE },
      syncPolicy: {
        ...automatedSyncPolicy({ syncOptions: ACK_CRDS_SYNC_OPTIONS, prune: false }),
        managedNamespaceMetadata: { labels: { ...ACK_SYSTEM_NAMESPACE_LABELS } },
      },
      revisionHistoryLimit: 10,
    },
  };
}
