/**
 * Per-cluster settings of the backing services: how big each installation is. Which project installs a service
 * and how its pods are labelled is the catalogue's (fleet-wide); only sizes differ between clusters.
 */
import type { BackingDefinition } from '../catalogue.js';
import type { ResourceSettings } from '../settings.js';
import type { UpstreamProjectId } from './upstream.js';

/** A persistent volume of a backing service (EBS through the repository's StorageClass). */
export interface StorageSettings {
  /** Size as a Kubernetes quantity in Gi, e.g. `20Gi` (1 to 16384: an EBS gp3 volume's range). */
  readonly size: string;
}

/** PostgreSQL on CloudNativePG: one `Cluster`. */
export interface PostgresClusterSettings {
  /** PostgreSQL instances: one primary and `instances - 1` streaming replicas; at least 3 in prod (failover with a spare). */
  readonly instances: number;
  /** Each instance's data volume (PGDATA and WAL). */
  readonly storage: StorageSettings;
  /** CPU and memory of each instance. @default BACKING_RESOURCES['cloudnative-pg'] */
  readonly resources?: ResourceSettings;
}

/** Kafka on Strimzi: one `Kafka` with one node pool whose nodes are KRaft controllers and brokers. */
export interface KafkaClusterSettings {
  /** Nodes of the pool (controllers and brokers): odd, for a KRaft majority; at least 3 in prod. */
  readonly replicas: number;
  /** Each node's log volume (also holding the KRaft metadata). */
  readonly storage: StorageSettings;
  /** CPU and memory of each node. @default BACKING_RESOURCES.strimzi */
  readonly resources?: ResourceSettings;
}

/** Valkey from its chart: one standalone server (sessions). */
export interface ValkeySettings {
  /** Its data volume (RDB snapshots survive a restart). */
  readonly storage: StorageSettings;
  /** CPU and memory of the server. @default BACKING_RESOURCES.valkey */
  readonly resources?: ResourceSettings;
}

/** The settings type of each upstream project. */
export interface BackingSettingsByProject {
  readonly 'cloudnative-pg': PostgresClusterSettings;
  readonly strimzi: KafkaClusterSettings;
  readonly valkey: ValkeySettings;
}

/**
 * The backing services installed on a cluster, by catalogue name, each with the settings of its project. A
 * service left out is not installed: the render refuses the cluster while a workload depends on it.
 */
export type BackingSettings = {
  readonly [S in BackingDefinition as S['name']]?: BackingSettingsByProject[S['installer']['project']];
};

/** Resources of a backing service's pods unless its settings say otherwise (requests sized for a small cluster). */
export const BACKING_RESOURCES: Readonly<Record<UpstreamProjectId, ResourceSettings>> = {
  'cloudnative-pg': { cpuRequest: '250m', memoryRequest: '512Mi', memoryLimit: '1Gi' },
  strimzi: { cpuRequest: '500m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
  valkey: { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
};
