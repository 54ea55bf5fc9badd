/**
 * `PmsBackingServices`: what one cluster renders and releases for the backing services its settings install — the
 * StorageClass, the operators' custom resources (in `pms`, sync wave `data`, after the operators' CRDs) and the
 * Helm releases the Argo CD app turns into Applications (the operators, the Valkey chart).
 */
import {
  Checks,
  customResourceAnnotations,
  deletionGuardRequired,
  recommendedLabels,
  syncWave,
  SyncWave,
  throwIfAny,
  type ClusterSettings,
} from '@pms/core';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  backingServicesOf,
  PMS_SERVICES,
  type BackingService,
  type ServiceDefinition,
} from '../catalogue.js';
import { PMS_NAMESPACE } from '../namespace.js';
import { missingRequiredValues, type HelmRelease } from '../releases.js';
import { cnpgOperatorRelease, strimziOperatorRelease, valkeyRelease } from './charts.js';
import {
  KAFKA_NODE_POOL,
  kafkaNodePoolSpec,
  kafkaSpec,
  PMS_STORAGE_CLASS,
  postgresClusterSpec,
  storageClassSpec,
} from './resources.js';
import {
  BACKING_RESOURCES,
  type BackingSettings,
  type KafkaClusterSettings,
  type PostgresClusterSettings,
  type ValkeySettings,
} from './settings.js';
import { validateBackingSettings } from './settings-check.js';

/** Props of `PmsBackingServices`. */
export interface PmsBackingServicesProps {
  /**
   * The cluster: its environment sets the prod rules; where deletion protection is required (prod, or
   * `deletionProtection`) the StorageClass retains released volumes and the custom resources carry Argo CD's
   * `Prune=false,Delete=false`.
   */
  readonly cluster: Pick<ClusterSettings, 'name' | 'environment' | 'deletionProtection'>;
  /** The backing services to install and their sizes (`networking.backing`). */
  readonly settings: BackingSettings;
  /**
   * The catalogue whose backing services are installed.
   * @default PMS_SERVICES
   */
  readonly services?: readonly ServiceDefinition[];
}

/** The backing services of one cluster: rendered objects plus the Helm releases Argo CD installs. */
export class PmsBackingServices extends Construct {
  /** The Helm releases the installed services need (each operator once, each chart release), in a stable order. */
  readonly releases: readonly HelmRelease[];
  /** The custom resources rendered, by backing service name. */
  readonly resources: ReadonlyMap<string, readonly ApiObject[]>;

  constructor(scope: Construct, id: string, props: PmsBackingServicesProps) {
    super(scope, id);
    const services = backingServicesOf(props.services ?? PMS_SERVICES);
    const checks = Checks.for(this, 'networking');
    validateBackingSettings(
      props.settings,
      props.services ?? PMS_SERVICES,
      checks,
      props.cluster.environment,
    );
    checks.throwIfAny();

    const installed = services.filter(
      (s) => (props.settings as Record<string, unknown>)[s.name] !== undefined,
    );
    const settingsOf = <T>(service: BackingService) => (props.settings as Record<string, T>)[service.name]!;
    const releases: HelmRelease[] = [];
    const resources = new Map<string, ApiObject[]>();

    if (installed.length > 0) {
      new ApiObject(this, 'storage-class', {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: {
          name: PMS_STORAGE_CLASS,
          labels: recommendedLabels(PMS_STORAGE_CLASS, 'storage'),
          annotations: syncWave(SyncWave.foundation),
        },
        ...storageClassSpec(props.cluster),
      });
    }

    const projects = new Set(installed.map((s) => s.installer.project));
    if (projects.has('cloudnative-pg')) releases.push(cnpgOperatorRelease());
    if (projects.has('strimzi')) releases.push(strimziOperatorRelease());

    for (const service of installed) {
      const { installer } = service;
      // The Cluster, Kafka and KafkaNodePool hold the data (STATEFUL_BACKING_KINDS): guarded like the other
      // stateful objects where deletion protection is required.
      const annotations = customResourceAnnotations(SyncWave.data, {
        deletionGuard: deletionGuardRequired(props.cluster),
      });
      switch (installer.project) {
        case 'cloudnative-pg': {
          const settings = settingsOf<PostgresClusterSettings>(service);
          resources.set(service.name, [
            new ApiObject(this, `${service.name}-cluster`, {
              apiVersion: 'postgresql.cnpg.io/v1',
              kind: 'Cluster',
              metadata: {
                name: installer.instance,
                namespace: PMS_NAMESPACE,
                labels: recommendedLabels(service.name, 'database'),
                annotations,
              },
              spec: postgresClusterSpec(
                settings,
                settings.resources ?? BACKING_RESOURCES['cloudnative-pg'],
                PMS_STORAGE_CLASS,
              ),
            }),
          ]);
          break;
        }
        case 'strimzi': {
          const settings = settingsOf<KafkaClusterSettings>(service);
          const labels = recommendedLabels(service.name, 'event-streaming');
          resources.set(service.name, [
            new ApiObject(this, `${service.name}-kafka`, {
              apiVersion: 'kafka.strimzi.io/v1',
              kind: 'Kafka',
              metadata: { name: installer.instance, namespace: PMS_NAMESPACE, labels, annotations },
              spec: kafkaSpec(settings, service.port),
            }),
            new ApiObject(this, `${service.name}-node-pool`, {
              apiVersion: 'kafka.strimzi.io/v1',
              kind: 'KafkaNodePool',
              metadata: {
                name: KAFKA_NODE_POOL,
                namespace: PMS_NAMESPACE,
                // Ties the pool to its Kafka (Strimzi matches pools by this label).
                labels: { ...labels, 'strimzi.io/cluster': installer.instance },
                annotations,
              },
              spec: kafkaNodePoolSpec(
                settings,
                settings.resources ?? BACKING_RESOURCES.strimzi,
                PMS_STORAGE_CLASS,
              ),
            }),
          ]);
          break;
        }
        case 'valkey': {
          const settings = settingsOf<ValkeySettings>(service);
          releases.push(
            valkeyRelease({
              releaseName: installer.instance,
              fullnameOverride: installer.fullnameOverride,
              port: service.port,
              storageSize: settings.storage.size,
              storageClass: PMS_STORAGE_CLASS,
              resources: settings.resources ?? BACKING_RESOURCES.valkey,
            }),
          );
          break;
        }
      }
    }
    throwIfAny(releaseValueIssues(props.cluster.name, releases));
    this.releases = releases;
    this.resources = resources;
  }
}

/**
 * Every value a release must keep and does not (the restricted Pod Security provider, no generated policies, the
 * catalogue port, …), naming the release, the value and why. Pure.
 */
export function releaseValueIssues(
  cluster: string,
  releases: readonly Pick<HelmRelease, 'id' | 'values' | 'requiredValues'>[],
): { cluster: string; field: string; value: unknown; allowed: string; problem: string }[] {
  return releases.flatMap((release) =>
    missingRequiredValues(release).map((missing) => ({
      cluster,
      field: `releases.${release.id}.values.${missing.path}`,
      value: missing.found,
      allowed: JSON.stringify(missing.expected),
      problem: missing.why,
    })),
  );
}
