/**
 * Upstream facts about the projects that run the backing services' pods: the labels their pods carry, their
 * container ports, the operator pods that reach them, the names they give their own objects and what keeps their
 * pods within the restricted Pod Security Standard. Read at the pinned tag of each project, one citation per fact
 * (repository, tag, file, symbol).
 *
 * The catalogue (`PMS_SERVICES`) repeats what it uses of these facts (pod labels, Service selector, ports); the
 * render checks it against them (`validateBackingCatalogue`), and the reachability proof and reference checks model
 * the backing pods from THESE facts, not from the catalogue: a wrong label or chart name in the catalogue can no
 * longer agree with itself.
 *
 * Label values are templates: `{instance}` is the custom resource's name (CloudNativePG `Cluster`, Strimzi
 * `Kafka`) or the Helm release name (Valkey); `{pool}` the Strimzi node pool's name (`KAFKA_NODE_POOL`).
 */

/** Where a fact was read. */
export interface UpstreamSource {
  /** GitHub repository, `owner/name`. */
  readonly repository: string;
  /** The release tag the fact was read at. */
  readonly tag: string;
  /** File in the repository. */
  readonly file: string;
  /** Function, constant or template in the file. @default the whole file */
  readonly symbol?: string;
}

/** One label the pods carry, its value as a template, and where it is set. */
export interface LabelFact {
  /** Label key, e.g. `cnpg.io/cluster`. */
  readonly key: string;
  /** Value template (`{instance}`, `{pool}`), e.g. `{instance}-kafka`. */
  readonly value: string;
  /** Where the operator or chart sets it. */
  readonly source: UpstreamSource;
}

/** One kind of pod a project runs for one instance (e.g. CloudNativePG's primary, its replicas, its jobs). */
export interface PodFact {
  /** What these pods are, for messages: `primary instance`, `replica instance`, `join job`. */
  readonly role: string;
  /** Every label these pods carry (values as templates). */
  readonly labels: readonly LabelFact[];
  /** True for the pods clients reach through the Service (the catalogue's Service must select exactly these). */
  readonly serves: boolean;
}

/** A container port of the data pods. */
export interface PortFact {
  /** Container port name, e.g. `postgresql`. */
  readonly name: string;
  /** Container port number. */
  readonly port: number;
  /** What it carries. */
  readonly purpose: string;
  /** Where the container port is declared. */
  readonly source: UpstreamSource;
}

/** The operator's own pods (another namespace), which connect to the data pods. */
export interface OperatorPodsFact {
  /** Graph node name of the operator, e.g. `cnpg-operator`. */
  readonly node: string;
  /** Namespace the operator is installed in (this project's choice, the upstream default where there is one). */
  readonly namespace: string;
  /** Labels of the operator's pods (with this project's release name). */
  readonly labels: Readonly<Record<string, string>>;
  /** Where they are set. */
  readonly source: UpstreamSource;
}

/** Names the project gives its own objects in the instance's namespace (none of ours may take them). */
export interface OwnedNamesFact {
  /** Name templates of objects named exactly so, or followed by `-…` (`{instance}` → `postgres-cnpg`, `postgres-cnpg-rw`). */
  readonly prefixes: readonly string[];
  /** Names taken exactly (not templates). */
  readonly exact: readonly string[];
  /** Where the names come from. */
  readonly sources: readonly UpstreamSource[];
}

/** How the project's pods meet the restricted Pod Security Standard. */
export interface PodSecurityFact {
  /** True when its pods are restricted-compliant with the defaults; false when a value must be set (see `requiredValue`). */
  readonly compliantByDefault: boolean;
  /** What the defaults set, or what must be set, in one sentence. */
  readonly how: string;
  /** Where it is documented or implemented. */
  readonly source: UpstreamSource;
}

/** A Service the project creates for an instance, which pods of the namespace may dial by its ClusterIP. */
export interface ServiceFact {
  /** Name template, e.g. `{instance}-rw`. */
  readonly name: string;
  /** Its selector (value templates). */
  readonly selector: Readonly<Record<string, string>>;
  /** Its ports: port and target port (a number, or a container port name). */
  readonly ports: readonly { readonly port: number; readonly targetPort: number | string }[];
  /** Where it is built. */
  readonly source: UpstreamSource;
}

/** The projects this repository installs backing services with. */
export type UpstreamProjectId = 'cloudnative-pg' | 'strimzi' | 'valkey';

/** Everything this repository relies on about one upstream project. */
export interface UpstreamProject {
  /** Identifier, used by the catalogue's `installer.project`. */
  readonly id: UpstreamProjectId;
  /** Name for docs, e.g. `CloudNativePG`. */
  readonly title: string;
  /** `operator`: this repository renders a custom resource the operator turns into pods; `chart`: a Helm chart runs the pods. */
  readonly kind: 'operator' | 'chart';
  /** The Helm chart that installs the operator (operators) or runs the pods (charts), by its name. */
  readonly chart: string;
  /** The custom resource kinds this repository renders for an instance (operators), `group/version Kind`. */
  readonly resources: readonly string[];
  /** The pods of one instance, by role. */
  readonly pods: readonly PodFact[];
  /** Container ports of the data pods. */
  readonly ports: readonly PortFact[];
  /** The operator's pods, which need to reach the data pods (operators only). */
  readonly operator?: OperatorPodsFact;
  /** Names the project gives its objects in the instance's namespace. */
  readonly ownedNames: OwnedNamesFact;
  /** Its own non-headless Services that pods of the namespace dial (the VPC CNI pre-DNAT rule applies to them too). */
  readonly services: readonly ServiceFact[];
  /** Pod Security. */
  readonly podSecurity: PodSecurityFact;
}

const cnpg = (file: string, symbol?: string): UpstreamSource => ({
  repository: 'cloudnative-pg/cloudnative-pg',
  tag: 'v1.30.0',
  file,
  ...(symbol ? { symbol } : {}),
});
const cnpgChart = (file: string, symbol?: string): UpstreamSource => ({
  repository: 'cloudnative-pg/charts',
  tag: 'cloudnative-pg-v0.29.0',
  file,
  ...(symbol ? { symbol } : {}),
});
const strimzi = (file: string, symbol?: string): UpstreamSource => ({
  repository: 'strimzi/strimzi-kafka-operator',
  tag: '1.2.0',
  file,
  ...(symbol ? { symbol } : {}),
});
const valkey = (file: string, symbol?: string): UpstreamSource => ({
  repository: 'valkey-io/valkey-helm',
  tag: 'valkey-0.11.0',
  file,
  ...(symbol ? { symbol } : {}),
});

// CloudNativePG: pkg/specs/pods.go `buildInstance` sets these on every instance pod; pkg/utils/labels_annotations.go
// names them (ClusterLabelName, InstanceNameLabelName, PodRoleLabelName, ClusterInstanceRoleLabelName, AppName, …).
const CNPG_PODS_GO = cnpg('pkg/specs/pods.go', 'buildInstance');
const CNPG_ROLE = cnpg('pkg/utils/labels_annotations.go', 'SetInstanceRole');
const CNPG_JOBS_GO = cnpg('pkg/specs/jobs.go', 'CreatePrimaryJob');
const cnpgCommon = (source: UpstreamSource): LabelFact[] => [
  { key: 'cnpg.io/cluster', value: '{instance}', source },
  { key: 'cnpg.io/instanceName', value: '{instance}-1', source },
  { key: 'app.kubernetes.io/name', value: 'postgresql', source },
  { key: 'app.kubernetes.io/instance', value: '{instance}', source },
  { key: 'app.kubernetes.io/component', value: 'database', source },
  { key: 'app.kubernetes.io/managed-by', value: 'cloudnative-pg', source },
];
const cnpgInstance = (role: 'primary' | 'replica'): PodFact => ({
  role: `${role} instance`,
  labels: [
    ...cnpgCommon(CNPG_PODS_GO),
    { key: 'cnpg.io/podRole', value: 'instance', source: CNPG_PODS_GO },
    // Set by the operator once the instance's role is known (pkg/reconciler/instance/metadata.go); `role` is the
    // deprecated twin of `cnpg.io/instanceRole` (labels_annotations.go ClusterRoleLabelName).
    { key: 'cnpg.io/instanceRole', value: role, source: CNPG_ROLE },
    { key: 'role', value: role, source: CNPG_ROLE },
  ],
  // The `-rw` Service selects `cnpg.io/cluster` + `cnpg.io/instanceRole: primary` (pkg/specs/services.go
  // CreateClusterReadWriteService): clients write to the primary only.
  serves: role === 'primary',
});

// Strimzi: cluster-operator/.../model/KafkaPool.java (constructor) and KafkaCluster.java (`generatePodSets`, which adds
// the broker and controller roles per node); WorkloadUtils.createStatefulPod adds pod-name and the controller labels.
const STRIMZI_POOL = strimzi(
  'cluster-operator/src/main/java/io/strimzi/operator/cluster/model/KafkaPool.java',
  'KafkaPool',
);
const STRIMZI_PODSETS = strimzi(
  'cluster-operator/src/main/java/io/strimzi/operator/cluster/model/KafkaCluster.java',
  'generatePodSets',
);
const STRIMZI_POD = strimzi(
  'cluster-operator/src/main/java/io/strimzi/operator/cluster/model/WorkloadUtils.java',
  'createStatefulPod',
);
const STRIMZI_KAFKA = strimzi(
  'cluster-operator/src/main/java/io/strimzi/operator/cluster/model/KafkaCluster.java',
);
const VALKEY_HELPERS = valkey('valkey/templates/_helpers.tpl', 'valkey.selectorLabels');

/** The Strimzi node pool this repository renders for every Kafka cluster: its nodes are controllers and brokers. */
export const KAFKA_NODE_POOL = 'dual-role';

/** The pinned facts, one entry per project. */
export const UPSTREAM_PROJECTS: Readonly<Record<UpstreamProjectId, UpstreamProject>> = {
  'cloudnative-pg': {
    id: 'cloudnative-pg',
    title: 'CloudNativePG',
    kind: 'operator',
    chart: 'cloudnative-pg',
    resources: ['postgresql.cnpg.io/v1 Cluster'],
    pods: [
      cnpgInstance('primary'),
      cnpgInstance('replica'),
      {
        // initdb, join, pgbasebackup …: the same labels as the instances but no cnpg.io/podRole (jobs.go).
        role: 'join job',
        labels: [
          ...cnpgCommon(CNPG_JOBS_GO),
          { key: 'cnpg.io/jobRole', value: 'join', source: CNPG_JOBS_GO },
        ],
        serves: false,
      },
    ],
    ports: [
      {
        name: 'postgresql',
        port: 5432,
        purpose: 'PostgreSQL: clients, and replicas streaming from the primary',
        source: cnpg('pkg/specs/pods.go', 'createPostgresContainers'),
      },
      {
        name: 'status',
        port: 8000,
        purpose: "the instance manager's status API: the operator, and peers' primary-isolation checks",
        source: cnpg('pkg/management/url/url.go', 'StatusPort'),
      },
      {
        name: 'metrics',
        port: 9187,
        purpose: 'Prometheus metrics (not scraped here)',
        source: cnpg('pkg/management/url/url.go', 'PostgresMetricsPort'),
      },
    ],
    operator: {
      node: 'cnpg-operator',
      namespace: 'cnpg-system',
      // The chart's selector labels with release name `cloudnative-pg` (this repository's choice).
      labels: { 'app.kubernetes.io/name': 'cloudnative-pg', 'app.kubernetes.io/instance': 'cloudnative-pg' },
      source: cnpgChart('charts/cloudnative-pg/templates/_helpers.tpl', 'cloudnative-pg.selectorLabels'),
    },
    ownedNames: {
      // Services <c>-rw/-ro/-r/-any, ServiceAccount/Role/RoleBinding/PDB <c>, PDB <c>-primary, Secrets <c>-app,
      // <c>-ca, <c>-server, <c>-replication, PVCs and Pods <c>-<n>, Jobs <c>-<n>-<role>.
      prefixes: ['{instance}'],
      // The default monitoring queries the operator copies into every namespace with a Cluster.
      exact: ['cnpg-default-monitoring'],
      sources: [
        cnpg('api/v1/cluster_funcs.go', 'GetServiceReadWriteName'),
        cnpg('pkg/specs/poddisruptionbudget.go'),
        cnpg('api/v1/cluster_defaults.go', 'DefaultMonitoringConfigMapName'),
      ],
    },
    services: [
      {
        // Replicas and the join job dial the primary through it (pkg/specs/jobs.go `--parent-node <c>-rw`).
        name: '{instance}-rw',
        selector: { 'cnpg.io/cluster': '{instance}', 'cnpg.io/instanceRole': 'primary' },
        ports: [{ port: 5432, targetPort: 5432 }],
        source: cnpg('pkg/specs/services.go', 'CreateClusterReadWriteService'),
      },
    ],
    podSecurity: {
      compliantByDefault: true,
      how: 'instance and job pods run as non-root (UID 26) with RuntimeDefault seccomp, no privilege escalation, all capabilities dropped and a read-only root filesystem',
      source: cnpg('pkg/specs/containers.go', 'GetSecurityContext'),
    },
  },
  strimzi: {
    id: 'strimzi',
    title: 'Strimzi',
    kind: 'operator',
    chart: 'strimzi-kafka-operator',
    resources: ['kafka.strimzi.io/v1 Kafka', 'kafka.strimzi.io/v1 KafkaNodePool'],
    pods: [
      {
        role: 'controller and broker node',
        labels: [
          { key: 'strimzi.io/cluster', value: '{instance}', source: STRIMZI_POOL },
          { key: 'strimzi.io/kind', value: 'Kafka', source: STRIMZI_POOL },
          // "intentionally use the <clusterName>-kafka as the strimzi.io/name" (KafkaPool.java).
          { key: 'strimzi.io/name', value: '{instance}-kafka', source: STRIMZI_POOL },
          { key: 'strimzi.io/component-type', value: 'kafka', source: STRIMZI_POOL },
          { key: 'strimzi.io/pool-name', value: '{pool}', source: STRIMZI_POOL },
          { key: 'strimzi.io/broker-role', value: 'true', source: STRIMZI_PODSETS },
          { key: 'strimzi.io/controller-role', value: 'true', source: STRIMZI_PODSETS },
          { key: 'strimzi.io/pod-name', value: '{instance}-{pool}-0', source: STRIMZI_POD },
          { key: 'strimzi.io/controller', value: 'strimzipodset', source: STRIMZI_POD },
          { key: 'strimzi.io/controller-name', value: '{instance}-{pool}', source: STRIMZI_POD },
          { key: 'app.kubernetes.io/name', value: 'kafka', source: STRIMZI_POOL },
          { key: 'app.kubernetes.io/instance', value: '{instance}', source: STRIMZI_POOL },
          { key: 'app.kubernetes.io/part-of', value: 'strimzi-{instance}', source: STRIMZI_POOL },
          { key: 'app.kubernetes.io/managed-by', value: 'strimzi-cluster-operator', source: STRIMZI_POOL },
        ],
        // The bootstrap Service selects the brokers: strimzi selector labels + strimzi.io/broker-role=true
        // (KafkaCluster.java brokersSelector).
        serves: true,
      },
    ],
    ports: [
      {
        name: 'tcp-clients',
        port: 9092,
        purpose: 'the internal `plain` listener: clients',
        // ListenersUtils.backwardsCompatiblePortName: listener plain/9092/internal → "tcp-clients".
        source: strimzi(
          'cluster-operator/src/main/java/io/strimzi/operator/cluster/model/ListenersUtils.java',
          'backwardsCompatiblePortName',
        ),
      },
      {
        name: 'tcp-ctrlplane',
        port: 9090,
        purpose: 'KRaft controller quorum (nodes, and the operator during rolling updates)',
        source: { ...STRIMZI_KAFKA, symbol: 'CONTROLPLANE_PORT' },
      },
      {
        name: 'tcp-replication',
        port: 9091,
        purpose: 'replication between brokers, and the operator',
        source: { ...STRIMZI_KAFKA, symbol: 'REPLICATION_PORT' },
      },
      {
        name: 'tcp-kafkaagent',
        port: 8443,
        purpose: 'the Kafka agent, read by the operator',
        source: { ...STRIMZI_KAFKA, symbol: 'KAFKA_AGENT_PORT' },
      },
    ],
    operator: {
      node: 'strimzi-operator',
      namespace: 'strimzi',
      labels: { name: 'strimzi-cluster-operator', 'strimzi.io/kind': 'cluster-operator' },
      source: strimzi(
        'packaging/helm-charts/helm3/strimzi-kafka-operator/templates/060-Deployment-strimzi-cluster-operator.yaml',
      ),
    },
    ownedNames: {
      // <c>-kafka-bootstrap, <c>-kafka-brokers, <c>-cluster-ca(-cert), <c>-clients-ca(-cert), <c>-kafka-config,
      // <c>-<pool>, <c>-<pool>-<n>, <c>-network-policy-kafka … (KafkaResources.java).
      prefixes: ['{instance}', 'strimzi-cluster-operator'],
      exact: [],
      sources: [
        strimzi('api/src/main/java/io/strimzi/api/kafka/model/kafka/KafkaResources.java'),
        // The chart's RoleBindings in every watched namespace (020-, 023-, 031-RoleBinding-*.yaml).
        strimzi(
          'packaging/helm-charts/helm3/strimzi-kafka-operator/templates/023-RoleBinding-strimzi-cluster-operator.yaml',
        ),
      ],
    },
    services: [
      {
        name: '{instance}-kafka-bootstrap',
        selector: {
          'strimzi.io/cluster': '{instance}',
          'strimzi.io/name': '{instance}-kafka',
          'strimzi.io/kind': 'Kafka',
          'strimzi.io/broker-role': 'true',
        },
        ports: [
          { port: 9091, targetPort: 'tcp-replication' },
          { port: 9092, targetPort: 'tcp-clients' },
        ],
        source: { ...STRIMZI_KAFKA, symbol: 'generateService, getServicePorts, brokersSelector' },
      },
    ],
    podSecurity: {
      compliantByDefault: false,
      how: 'the operator must run with STRIMZI_POD_SECURITY_PROVIDER_CLASS=restricted; the default (baseline) provider leaves the Kafka containers short of restricted and the namespace would reject them',
      source: strimzi('documentation/modules/configuring/proc-config-restricted-security-provider.adoc'),
    },
  },
  valkey: {
    id: 'valkey',
    title: 'Valkey',
    kind: 'chart',
    chart: 'valkey',
    resources: [],
    pods: [
      {
        role: 'server',
        labels: [
          { key: 'app.kubernetes.io/name', value: 'valkey', source: VALKEY_HELPERS },
          { key: 'app.kubernetes.io/instance', value: '{instance}', source: VALKEY_HELPERS },
        ],
        serves: true,
      },
    ],
    ports: [
      {
        name: 'tcp',
        port: 6379,
        purpose: 'Valkey (Redis protocol)',
        source: valkey('valkey/templates/deploy_valkey.yaml', 'containerPort: {{ .Values.service.port }}'),
      },
    ],
    ownedNames: {
      // Every object is named `valkey.fullname` or `<fullname>-…` (`fullnameOverride`).
      prefixes: ['{fullname}'],
      exact: [],
      sources: [valkey('valkey/templates/_helpers.tpl', 'valkey.fullname')],
    },
    services: [
      {
        name: '{fullname}',
        selector: { 'app.kubernetes.io/name': 'valkey', 'app.kubernetes.io/instance': '{instance}' },
        ports: [{ port: 6379, targetPort: 'tcp' }],
        source: valkey('valkey/templates/service.yaml'),
      },
    ],
    podSecurity: {
      compliantByDefault: true,
      how: 'the chart defaults run as UID 1000, non-root, RuntimeDefault seccomp, no privilege escalation, all capabilities dropped, read-only root filesystem (the metrics exporter, off, would need its own securityContext)',
      source: valkey('valkey/values.yaml', 'podSecurityContext, securityContext'),
    },
  },
};

/** Fills a value template. */
export function fillTemplate(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** The labels of one pod fact for one instance, as a label map. */
export function podLabelsOf(pod: PodFact, vars: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(pod.labels.map((l) => [l.key, fillTemplate(l.value, vars)]));
}

/** How a source reads in docs and messages: `cloudnative-pg/cloudnative-pg@v1.30.0 pkg/specs/pods.go (buildInstance)`. */
export function formatSource(source: UpstreamSource): string {
  return `${source.repository}@${source.tag} ${source.file}${source.symbol ? ` (${source.symbol})` : ''}`;
}
