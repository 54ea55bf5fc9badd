/**
 * The objects this repository renders for the backing services: the StorageClass their volumes use, and the
 * operators' custom resources (CloudNativePG `Cluster`, Strimzi `Kafka` + `KafkaNodePool`), typed by the models
 * generated from the vendored CRDs (`@pms/crd-models`).
 */
import { deletionGuardRequired, type ClusterSettings, type Manifest, type StatefulKind } from '@pms/core';
import type { IClusterSpec, IKafkaNodePoolSpec, IKafkaSpec } from '@pms/crd-models';
import type { IStorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import type { ResourceSettings } from '../settings.js';
import { OPERAND_IMAGES } from './charts.js';
import type { KafkaClusterSettings, PostgresClusterSettings } from './settings.js';
import { KAFKA_NODE_POOL } from './upstream.js';

/** The StorageClass of every backing service's volume. */
export const PMS_STORAGE_CLASS = 'pms-gp3';

/** The EBS CSI driver's provisioner name (kubernetes-sigs/aws-ebs-csi-driver docs/parameters.md). */
export const EBS_CSI_PROVISIONER = 'ebs.csi.aws.com';

/**
 * The StorageClass: encrypted gp3 volumes from the EBS CSI driver (an EKS add-on, a cluster prerequisite), bound
 * where the pod is scheduled (`WaitForFirstConsumer`: an EBS volume lives in one zone, the pod's), expandable.
 * Declared here because EKS 1.30+ marks no StorageClass as default (EKS user guide, Kubernetes versions, 1.30).
 * Where deletion protection is required (prod, or `deletionProtection` in the settings: `deletionGuardRequired`) a
 * released volume is kept (`Retain`): deleting a claim, or the CloudNativePG Cluster that owns its claims, by mistake
 * must not delete the database's disk (Kubernetes docs, "Persistent Volumes", reclaiming: Retain).
 */
export function storageClassSpec(
  cluster: Pick<ClusterSettings, 'environment' | 'deletionProtection'>,
): Omit<IStorageClass, 'apiVersion' | 'kind' | 'metadata'> {
  return {
    provisioner: EBS_CSI_PROVISIONER,
    // aws-ebs-csi-driver docs/parameters.md: type, encrypted, csi.storage.k8s.io/fstype.
    parameters: { type: 'gp3', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'ext4' },
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
    reclaimPolicy: deletionGuardRequired(cluster) ? 'Retain' : 'Delete',
  };
}

/**
 * The backing services' custom resources whose deletion the next sync cannot undo as it was: where deletion
 * protection is required they carry Argo CD's `Prune=false,Delete=false` like the Ingress and the stateful ACK
 * objects (policy rule `argocd-deletion-guard`), so neither removing them from Git nor deleting the cluster's
 * Application deletes a database or a Kafka cluster.
 */
export const STATEFUL_BACKING_KINDS: readonly StatefulKind[] = [
  {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    // CloudNativePG v1.30.0 pkg/reconciler/persistentvolumeclaim/build.go: every PVC is built
    // `WithClusterInheritance` (SetInheritedDataAndOwnership: owned by the Cluster), so the garbage collector deletes
    // the claims with the Cluster (the `cnpg destroy` plugin removes that owner reference to keep one,
    // internal/cmd/plugin/destroy/destroy.go).
    loss: 'the PostgreSQL database: the operator owns every instance and volume claim through the Cluster, so they are deleted with it (a Retain StorageClass keeps only a Released volume to recover by hand)',
  },
  {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'Kafka',
    // Strimzi 1.2.0 documentation/modules/appendix_crds.adoc: deleteClaim "whether the persistent volume claim is
    // deleted when a Kafka node is deleted", default false (the node pool sets false).
    loss: 'the Kafka cluster: every broker and controller stops (the volume claims stay, deleteClaim: false) and every producer and consumer fails until it is recreated',
  },
  {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaNodePool',
    loss: 'the Kafka nodes of the pool: the operator removes them (the volume claims stay, deleteClaim: false), and the Kafka has no broker left',
  },
];

/** The stateful backing kind of `manifest`, or undefined. */
export function statefulBackingKindOf(
  manifest: Pick<Manifest, 'apiVersion' | 'kind'>,
): StatefulKind | undefined {
  return STATEFUL_BACKING_KINDS.find((k) => k.apiVersion === manifest.apiVersion && k.kind === manifest.kind);
}

/** Kubernetes resource requirements from resource settings (no CPU limit, like the workloads). */
export function resourceRequirements(resources: ResourceSettings): {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string };
} {
  return {
    requests: { cpu: resources.cpuRequest, memory: resources.memoryRequest },
    limits: { memory: resources.memoryLimit },
  };
}

/** The database and its owner the Cluster bootstraps (CloudNativePG writes the owner's credentials to `<cluster>-app`). */
export const PMS_DATABASE = 'pms';

/**
 * A CloudNativePG `Cluster`: `instances` PostgreSQL pods (one primary, streaming replicas), the pinned image, a
 * volume each, a new database `pms`. Failover is automatic (`primaryUpdateStrategy: unsupervised` lets the operator
 * switch over during upgrades); the operator's pod anti-affinity (preferred, by default) spreads the instances.
 * No `spec.postgresql`: the operator's webhook fills pg_hba/pg_ident defaults there, which would show as drift.
 */
export function postgresClusterSpec(
  settings: PostgresClusterSettings,
  resources: ResourceSettings,
  storageClass: string,
): IClusterSpec {
  return {
    instances: settings.instances,
    imageName: OPERAND_IMAGES.postgresql,
    primaryUpdateStrategy: 'unsupervised',
    storage: { size: settings.storage.size, storageClass },
    resources: resourceRequirements(resources),
    bootstrap: { initdb: { database: PMS_DATABASE, owner: PMS_DATABASE } },
    // The primary's PodDisruptionBudget (minAvailable 1) would block every node drain of a one-instance cluster
    // (CloudNativePG docs/src/kubernetes_upgrade.md: disable it for single-instance clusters).
    enablePDB: settings.instances > 1,
  };
}

/** Replication factor and minimum in-sync replicas for `replicas` brokers. */
export function kafkaReplication(replicas: number): { readonly factor: number; readonly minInSync: number } {
  const factor = Math.min(3, replicas);
  return { factor, minInSync: factor >= 3 ? 2 : 1 };
}

/**
 * A Strimzi `Kafka` (KRaft, node pools only in Strimzi 1.x): the pinned Kafka version, one internal plain listener
 * on the catalogue port, replication sized by the pool, no entity operator (no KafkaTopic/KafkaUser resources are
 * managed here, and it would need its own graph edges).
 */
export function kafkaSpec(settings: KafkaClusterSettings, listenerPort: number): IKafkaSpec {
  const { factor, minInSync } = kafkaReplication(settings.replicas);
  return {
    kafka: {
      version: OPERAND_IMAGES.kafka.version,
      metadataVersion: OPERAND_IMAGES.kafka.metadataVersion,
      listeners: [{ name: 'plain', port: listenerPort, type: 'internal', tls: false }],
      config: {
        'offsets.topic.replication.factor': factor,
        'transaction.state.log.replication.factor': factor,
        'transaction.state.log.min.isr': minInSync,
        'default.replication.factor': factor,
        'min.insync.replicas': minInSync,
      },
    },
  };
}

/** The node pool of a Kafka: `replicas` nodes, each a KRaft controller and a broker, one persistent volume each. */
export function kafkaNodePoolSpec(
  settings: KafkaClusterSettings,
  resources: ResourceSettings,
  storageClass: string,
): IKafkaNodePoolSpec {
  return {
    replicas: settings.replicas,
    roles: ['controller', 'broker'],
    storage: {
      type: 'jbod',
      volumes: [
        {
          id: 0,
          type: 'persistent-claim',
          size: settings.storage.size,
          class: storageClass,
          deleteClaim: false,
          kraftMetadata: 'shared',
        },
      ],
    },
    resources: resourceRequirements(resources),
  };
}

/** Name of the node pool of every Kafka. */
export { KAFKA_NODE_POOL };
