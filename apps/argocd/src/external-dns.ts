/**
 * external-dns, installed per cluster by an Argo CD Helm Application from the pinned `external-dns` chart
 * (kubernetes-sigs/external-dns, tag `external-dns-helm-chart-1.21.1`, app 0.21.0), with typed values. It publishes
 * the host's weighted records (the migration, docs/ingress.md) into the cluster's hosted zone: the ALB's from the
 * Ingress, the legacy load balancers' from `DNSEndpoint`s. Its IAM role is rendered per cluster by the security
 * concern (ACK `Role` `<cluster>-external-dns`, record sets of `dns.hostedZoneId` only).
 *
 * The chart validates its values with its own JSON schema (`values.schema.json`), but that schema allows unknown keys
 * (`additionalProperties: true` at the top level), so a misspelt value is silently ignored. The values are therefore
 * checked here twice: against a strict shape of the values PMS sets, whose closed sets are the chart schema's enums
 * (`EXTERNAL_DNS_SCHEMA_FACTS`); and against the PMS rules (`externalDnsValueProblems`): the cluster's zone and
 * domain only, its own owner id, `sync`, the Ingress and CRD sources only.
 */
import { recommendedLabels, syncWave, SyncWave, throwIfAny, type ConfigIssue } from '@pms/core';
import type { PmsClusterSettings } from '@pms/platform';
import { EXTERNAL_DNS_NAMESPACE, EXTERNAL_DNS_SERVICE_ACCOUNT, externalDnsRoleArn } from '@pms/security';
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import type { ChartObject } from './controller-release.js';
import { ARGOCD_NAMESPACE, PMS_PROJECT } from './repository.js';
import { array, boolean, checkShape, map, object, oneOf, string, type Shape } from './strict.js';
import { automatedSyncPolicy, type SyncOption } from './sync-policy.js';
import { mergeUsage, type ResourceUsage } from './usage.js';

/** The pinned chart. */
export const EXTERNAL_DNS_CHART = {
  /** Helm repository (external-dns docs/tutorials/aws.md: `helm repo add external-dns <this>`). */
  repoURL: 'https://kubernetes-sigs.github.io/external-dns/',
  /** Chart name. */
  name: 'external-dns',
  /** Exact chart version. */
  version: '1.21.1',
  /** external-dns version the chart deploys (Chart.yaml `appVersion`). */
  appVersion: '0.21.0',
} as const;

/** Helm release name: the chart's full name is then `external-dns` (its `_helpers.tpl`: a release name containing the chart name is used as is). */
export const EXTERNAL_DNS_RELEASE_NAME = 'external-dns';

/**
 * Facts of the chart's `values.schema.json` (chart 1.21.1) PMS relies on: the schema's only closed sets among the
 * values set here. The schema has no `pattern`; `txtPrefix` and `txtSuffix` are mutually exclusive (the deployment
 * template `fail`s), which the strict shape enforces by allowing neither.
 */
export const EXTERNAL_DNS_SCHEMA_FACTS = {
  /** `policy` enum: `sync` = create, update, delete; `upsert-only` = no deletes; `create-only` (plan/policy.go). */
  policy: ['create-only', 'sync', 'upsert-only'],
  /** `registry` enum. */
  registry: ['txt', 'aws-sd', 'dynamodb', 'noop'],
  /** `logFormat` enum. */
  logFormat: ['text', 'json'],
} as const;

/**
 * What chart 1.21.1 renders with `externalDnsValues` (`templates/` and `crds/`; `rbac.create` true, `namespaced` false,
 * no ServiceMonitor, no Secret). The AppProject permits exactly these kinds, in `external-dns`; revisit on a chart bump.
 */
export const EXTERNAL_DNS_CHART_OBJECTS: readonly ChartObject[] = [
  {
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    name: 'dnsendpoints.externaldns.k8s.io',
    namespaced: false,
  },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'external-dns', namespaced: false },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRoleBinding',
    name: 'external-dns-viewer',
    namespaced: false,
  },
  { group: '', kind: 'ServiceAccount', name: EXTERNAL_DNS_SERVICE_ACCOUNT, namespaced: true },
  { group: '', kind: 'Service', name: 'external-dns', namespaced: true },
  { group: 'apps', kind: 'Deployment', name: 'external-dns', namespaced: true },
];

/** The sources PMS lets external-dns read: the Ingress (the ALB's record) and DNSEndpoints (the legacy records). */
export const EXTERNAL_DNS_SOURCES = ['ingress', 'crd'] as const;

/** The chart values PMS sets (chart 1.21.1 `values.yaml`); everything else keeps the chart default. */
export interface ExternalDnsValues {
  /** The AWS provider (`--provider=aws`). */
  readonly provider: { readonly name: 'aws' };
  /** The region, so the AWS SDK does not depend on the instance metadata service (aws.md, "Using Helm"). */
  readonly env: readonly { readonly name: string; readonly value: string }[];
  /** `--source=` each: the Ingress and DNSEndpoints, never Services (no Service of PMS may get a record). */
  readonly sources: readonly (typeof EXTERNAL_DNS_SOURCES)[number][];
  /**
   * `sync`: create, update and delete. The migration needs deletes: at 100 % the legacy records must go, which
   * `upsert-only` (the chart's default) never does. Safe because the TXT registry lets it delete only records it owns
   * (`txtOwnerId`; maintainers in kubernetes-sigs/external-dns#864), in one zone, for one domain.
   */
  readonly policy: 'sync';
  /** TXT ownership records next to each record. */
  readonly registry: 'txt';
  /** The owner id in the TXT records: the cluster's name, so two clusters sharing a zone never touch each other's. */
  readonly txtOwnerId: string;
  /** `--domain-filter`: the cluster's host only. */
  readonly domainFilters: readonly string[];
  /** How often it reconciles (`--interval`). */
  readonly interval: string;
  /** `--log-format`. */
  readonly logFormat: (typeof EXTERNAL_DNS_SCHEMA_FACTS.logFormat)[number];
  /**
   * Flags without a value of their own (the chart has no `zoneIdFilters`): `--zone-id-filter` the cluster's zone,
   * `--aws-zone-type=public`, `--exclude-record-types=AAAA` (the ALB is IPv4-only: an AAAA alias would answer nothing,
   * external-dns docs/tutorials/aws-load-balancer-controller.md).
   */
  readonly extraArgs: {
    readonly 'zone-id-filter': readonly string[];
    readonly 'aws-zone-type': 'public';
    readonly 'exclude-record-types': readonly string[];
  };
  /** The ServiceAccount its IAM role trusts. */
  readonly serviceAccount: {
    readonly create: true;
    readonly name: string;
    /** IRSA: `eks.amazonaws.com/role-arn`; none with EKS Pod Identity (the association names the role). */
    readonly annotations: Readonly<Record<string, string>>;
  };
  /** Requests and a memory limit (the chart sets none). */
  readonly resources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly memory: string };
  };
}

/** Strict shape of `ExternalDnsValues`, its closed sets those of the chart's schema. */
export const EXTERNAL_DNS_VALUES_SHAPE: Shape = object<ExternalDnsValues>({
  provider: object<ExternalDnsValues['provider']>({ name: string }),
  env: array(object<ExternalDnsValues['env'][number]>({ name: string, value: string })),
  sources: array(string),
  policy: oneOf(EXTERNAL_DNS_SCHEMA_FACTS.policy),
  registry: oneOf(EXTERNAL_DNS_SCHEMA_FACTS.registry),
  txtOwnerId: string,
  domainFilters: array(string),
  interval: string,
  logFormat: oneOf(EXTERNAL_DNS_SCHEMA_FACTS.logFormat),
  extraArgs: object<ExternalDnsValues['extraArgs']>({
    'zone-id-filter': array(string),
    // types.go: `--aws-zone-type` is an enum of "", public, private.
    'aws-zone-type': oneOf(['public', 'private']),
    'exclude-record-types': array(string),
  }),
  serviceAccount: object<ExternalDnsValues['serviceAccount']>({
    create: boolean,
    name: string,
    annotations: map(string),
  }),
  resources: object<ExternalDnsValues['resources']>({
    requests: object<ExternalDnsValues['resources']['requests']>({ cpu: string, memory: string }),
    limits: object<ExternalDnsValues['resources']['limits']>({ memory: string }),
  }),
});

/** The typed values for one cluster. */
export function externalDnsValues(cluster: PmsClusterSettings): ExternalDnsValues {
  return {
    provider: { name: 'aws' },
    env: [{ name: 'AWS_DEFAULT_REGION', value: cluster.aws.region }],
    sources: [...EXTERNAL_DNS_SOURCES],
    policy: 'sync',
    registry: 'txt',
    txtOwnerId: cluster.name,
    domainFilters: [cluster.host],
    interval: '1m',
    logFormat: 'json',
    extraArgs: {
      'zone-id-filter': [cluster.dns.hostedZoneId],
      'aws-zone-type': 'public',
      'exclude-record-types': ['AAAA'],
    },
    serviceAccount: {
      create: true,
      name: EXTERNAL_DNS_SERVICE_ACCOUNT,
      annotations:
        cluster.security.controllerIdentity.mode === 'irsa'
          ? { 'eks.amazonaws.com/role-arn': externalDnsRoleArn(cluster) }
          : {},
    },
    resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  };
}

/**
 * Every problem of `values` for `cluster`: against the chart's schema facts and the strict shape (a value of the
 * wrong type, outside an enum, or a key the chart does not read), then the PMS rules. Each is one issue naming the
 * value's path.
 */
export function externalDnsValueProblems(values: unknown, cluster: PmsClusterSettings): ConfigIssue[] {
  const issue = (field: string, value: unknown, problem: string, allowed: string): ConfigIssue => ({
    cluster: cluster.name,
    field: `externalDns.valuesObject.${field}`,
    value,
    problem,
    allowed,
    where: `argocd/${externalDnsApplicationName(cluster)}`,
  });
  const shape = checkShape(values, EXTERNAL_DNS_VALUES_SHAPE);
  const issues: ConfigIssue[] = shape.map((p) =>
    issue(
      p.path,
      p.value,
      `${p.problem} (chart ${EXTERNAL_DNS_CHART.version} values.schema.json and the values PMS sets)`,
      p.allowed,
    ),
  );
  if (shape.length > 0) return issues;
  const v = values as ExternalDnsValues;
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((item, i) => item === b[i]);
  if (v.policy !== 'sync')
    issues.push(
      issue(
        'policy',
        v.policy,
        'the migration removes the legacy records at 100 %, and only `sync` deletes',
        '"sync" (deletes only records this instance owns, by its TXT owner id)',
      ),
    );
  if (!same(v.sources, EXTERNAL_DNS_SOURCES))
    issues.push(
      issue(
        'sources',
        v.sources,
        'external-dns publishes the Ingress and the DNSEndpoints only; a Service source would publish any LoadBalancer Service',
        JSON.stringify(EXTERNAL_DNS_SOURCES),
      ),
    );
  if (v.txtOwnerId !== cluster.name)
    issues.push(
      issue(
        'txtOwnerId',
        v.txtOwnerId,
        'another owner id would let this instance update or delete another cluster’s records in a shared zone',
        JSON.stringify(cluster.name),
      ),
    );
  if (!same(v.domainFilters, [cluster.host]))
    issues.push(
      issue(
        'domainFilters',
        v.domainFilters,
        "not restricted to the cluster's host",
        JSON.stringify([cluster.host]),
      ),
    );
  if (!same(v.extraArgs['zone-id-filter'], [cluster.dns.hostedZoneId]))
    issues.push(
      issue(
        'extraArgs.zone-id-filter',
        v.extraArgs['zone-id-filter'],
        "not restricted to the cluster's hosted zone (its IAM role can change no other)",
        JSON.stringify([cluster.dns.hostedZoneId]),
      ),
    );
  return issues;
}

/** Sync options of the external-dns Application: it creates its namespace, with restricted Pod Security. */
export const EXTERNAL_DNS_SYNC_OPTIONS: readonly SyncOption[] = [
  'ServerSideApply=true',
  'PruneLast=true',
  'FailOnSharedResource=true',
  'CreateNamespace=true',
];

/** Labels of the `external-dns` namespace: the chart's pod runs non-root, read-only, all capabilities dropped. */
export const EXTERNAL_DNS_NAMESPACE_LABELS: Readonly<Record<string, string>> = {
  ...recommendedLabels(EXTERNAL_DNS_NAMESPACE, 'namespace'),
  'pod-security.kubernetes.io/enforce': 'restricted',
};

/** Name of the Application: `<cluster>-external-dns`. */
export function externalDnsApplicationName(cluster: Pick<PmsClusterSettings, 'name'>): string {
  return `${cluster.name}-external-dns`;
}

/** The chart's objects, as a usage (its namespaced objects live in `external-dns`). */
export function externalDnsChartUsage(): ResourceUsage {
  const kinds = (namespaced: boolean) =>
    EXTERNAL_DNS_CHART_OBJECTS.filter((o) => o.namespaced === namespaced).map(({ group, kind }) => ({
      group,
      kind,
    }));
  return mergeUsage({
    clusterScoped: kinds(false),
    namespaced: kinds(true),
    namespaces: [EXTERNAL_DNS_NAMESPACE],
  });
}

/** Props of `externalDnsApplication`. */
export interface ExternalDnsApplicationProps {
  /** The cluster. */
  readonly cluster: PmsClusterSettings;
  /**
   * The values, when a test checks other ones.
   * @default externalDnsValues(cluster)
   */
  readonly values?: unknown;
}

/**
 * The external-dns Helm Application of one cluster, in project `pms`, wave `platform` (with the controllers: its
 * chart installs the DNSEndpoint CRD before the cluster Application's DNSEndpoints). Refuses values that break the
 * chart's schema facts or the PMS rules, every problem at once.
 */
export function externalDnsApplication(props: ExternalDnsApplicationProps): IApplication {
  const { cluster } = props;
  const values = props.values ?? externalDnsValues(cluster);
  throwIfAny(externalDnsValueProblems(values, cluster));
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: externalDnsApplicationName(cluster),
      namespace: ARGOCD_NAMESPACE,
      labels: {
        ...recommendedLabels(EXTERNAL_DNS_RELEASE_NAME, 'external-dns'),
        'app.kubernetes.io/instance': cluster.name,
      },
      annotations: syncWave(SyncWave.platform),
    },
    spec: {
      project: PMS_PROJECT,
      source: {
        repoURL: EXTERNAL_DNS_CHART.repoURL,
        chart: EXTERNAL_DNS_CHART.name,
        targetRevision: EXTERNAL_DNS_CHART.version,
        helm: { releaseName: EXTERNAL_DNS_RELEASE_NAME, skipCrds: false, valuesObject: values as never },
      },
      destination: { name: cluster.name, namespace: EXTERNAL_DNS_NAMESPACE },
      syncPolicy: {
        ...automatedSyncPolicy({ syncOptions: EXTERNAL_DNS_SYNC_OPTIONS }),
        managedNamespaceMetadata: { labels: { ...EXTERNAL_DNS_NAMESPACE_LABELS } },
      },
      revisionHistoryLimit: 10,
    },
  };
}

/** The values of a rendered external-dns Application (for the README). */
export function externalDnsValuesOf(app: IApplication): ExternalDnsValues {
  return app.spec.source!.helm!.valuesObject as unknown as ExternalDnsValues;
}
