/**
 * The host's DNS records as external-dns publishes them into Route 53: weighted alias records, one per load balancer
 * (external-dns docs/tutorials/aws.md, "Routing policies"; `provider/aws/aws.go`):
 *
 * - the ALB's, from the Ingress itself: external-dns reads its host (`spec.rules[].host`) and its target
 *   (`status.loadBalancer.ingress[].hostname`, the ALB's DNS name, which the AWS provider turns into an alias `A`
 *   record), and the routing policy from the annotations `external-dns.alpha.kubernetes.io/set-identifier` (required
 *   for any routing policy) and `external-dns.alpha.kubernetes.io/aws-weight`;
 * - each legacy load balancer's, from a `DNSEndpoint` (external-dns's CRD source; `spec.endpoints[]` with
 *   `setIdentifier` and `providerSpecific` `aws/weight`: a DNSEndpoint reads no annotations).
 *
 * Route 53 answers each query with one record of the set, chosen with probability weight / sum of weights
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html). The weights always add up
 * to 100, so a weight is a percentage. The ALB's record stays weighted after the migration (weight 100, the only
 * record): turning a weighted record back into a simple one is a delete and a create that Route 53 refuses while the
 * other exists (external-dns issue #1411), and a changed set identifier orphans its ownership record (#6181).
 */
import {
  customResourceAnnotations,
  recommendedLabels,
  SyncWave,
  type ClusterSettings,
  type Manifest,
} from '@pms/core';
import type { IDNSEndpointSpec } from '@pms/crd-models';
import { PMS_NAMESPACE } from '@pms/networking';
import { FULL_WEIGHT, type LegacyLoadBalancer, type MigrationSettings } from './settings.js';

/** The external-dns annotations PMS sets on the Ingress (external-dns `source/annotations`). */
export const ExternalDnsAnnotation = {
  /** Names the record in a set of records with a routing policy; required for a weight to apply. */
  setIdentifier: 'external-dns.alpha.kubernetes.io/set-identifier',
  /** The record's Route 53 weight (any `aws-<x>` annotation becomes the provider-specific property `aws/<x>`). */
  awsWeight: 'external-dns.alpha.kubernetes.io/aws-weight',
} as const;

/** The provider-specific property of a DNSEndpoint endpoint carrying its Route 53 weight. */
export const AWS_WEIGHT_PROPERTY = 'aws/weight';

/** API version of external-dns's DNSEndpoint (its CRD's storage version). */
export const DNS_ENDPOINT_API_VERSION = 'externaldns.k8s.io/v1alpha1';

/** One weighted record of the host. */
export interface WeightedRecord {
  /** `alb`, or the legacy load balancer's name. */
  readonly name: string;
  /** True for the ALB's record (published from the Ingress). */
  readonly alb: boolean;
  /** The record's set identifier. */
  readonly setIdentifier: string;
  /** The target: the ALB (from the Ingress's status) or the legacy load balancer's DNS name. */
  readonly target: string;
  /** Route 53 weight; the weights of the host add up to 100. */
  readonly weight: number;
}

/** Set identifier of the ALB's record: `<cluster>-alb`. */
export function albSetIdentifier(cluster: Pick<ClusterSettings, 'name'>): string {
  return `${cluster.name}-alb`;
}

/** Set identifier of a legacy load balancer's record: `<cluster>-legacy-<name>`. */
export function legacySetIdentifier(cluster: Pick<ClusterSettings, 'name'>, name: string): string {
  return `${cluster.name}-legacy-${name}`;
}

/** Name of the DNSEndpoint of a legacy load balancer: `pms-legacy-<name>`. */
export function legacyEndpointName(name: string): string {
  return `pms-legacy-${name}`;
}

/** The ALB's weight: the migration's, or 100 without one. */
export function albWeightOf(migration: MigrationSettings | undefined): number {
  return migration?.albWeightPercent ?? FULL_WEIGHT;
}

/**
 * The host's weighted records: the ALB's with `albWeightPercent`, then each legacy load balancer's with an equal
 * part of the rest (the first ones get one more while it does not divide evenly), so the weights add up to 100. At
 * 100 % there is no legacy record.
 */
export function weightedRecords(
  cluster: Pick<ClusterSettings, 'name'>,
  migration: MigrationSettings | undefined,
): WeightedRecord[] {
  const alb = albWeightOf(migration);
  const legacy: readonly LegacyLoadBalancer[] =
    alb < FULL_WEIGHT ? (migration?.legacyLoadBalancers ?? []) : [];
  const rest = FULL_WEIGHT - alb;
  const base = legacy.length > 0 ? Math.floor(rest / legacy.length) : 0;
  const extra = legacy.length > 0 ? rest % legacy.length : 0;
  return [
    {
      name: 'alb',
      alb: true,
      setIdentifier: albSetIdentifier(cluster),
      target: 'the ALB (status.loadBalancer of the Ingress)',
      weight: alb,
    },
    ...legacy.map((lb, index) => ({
      name: lb.name,
      alb: false,
      setIdentifier: legacySetIdentifier(cluster, lb.name),
      target: lb.hostname,
      weight: base + (index < extra ? 1 : 0),
    })),
  ];
}

/** The Ingress's external-dns annotations: its set identifier and weight. */
export function ingressDnsAnnotations(
  cluster: Pick<ClusterSettings, 'name'>,
  migration: MigrationSettings | undefined,
): Record<string, string> {
  return {
    [ExternalDnsAnnotation.setIdentifier]: albSetIdentifier(cluster),
    [ExternalDnsAnnotation.awsWeight]: String(albWeightOf(migration)),
  };
}

/**
 * One DNSEndpoint per legacy load balancer (namespace `pms`, the Ingress's sync wave; external-dns's chart installs
 * the CRD): a `CNAME` to its DNS name, which the AWS provider turns into an alias record, weighted. None at 100 %.
 */
export function legacyDnsEndpoints(
  cluster: Pick<ClusterSettings, 'name' | 'host'>,
  migration: MigrationSettings | undefined,
): Manifest[] {
  return weightedRecords(cluster, migration)
    .filter((record) => !record.alb)
    .map((record) => {
      const spec: IDNSEndpointSpec = {
        endpoints: [
          {
            dnsName: cluster.host,
            recordType: 'CNAME',
            targets: [record.target],
            setIdentifier: record.setIdentifier,
            providerSpecific: [{ name: AWS_WEIGHT_PROPERTY, value: String(record.weight) }],
          },
        ],
      };
      const name = legacyEndpointName(record.name);
      return {
        apiVersion: DNS_ENDPOINT_API_VERSION,
        kind: 'DNSEndpoint',
        metadata: {
          name,
          namespace: PMS_NAMESPACE,
          labels: recommendedLabels(name, 'dns-record'),
          annotations: customResourceAnnotations(SyncWave.ingress),
        },
        spec,
      };
    });
}

/** The host's weight split as rendered objects say it: the ALB's weight and each legacy record's, by set identifier. */
export interface RenderedSplit {
  /** The ALB's weight (the Ingress's `aws-weight`), or undefined when the Ingress publishes no weighted record. */
  readonly alb: number | undefined;
  /** Each legacy record: set identifier → weight. */
  readonly legacy: ReadonlyMap<string, number>;
}

/**
 * Reads the split from rendered objects (for `pnpm diff`): the weight annotation of the Ingresses with a set
 * identifier, and the `aws/weight` of every DNSEndpoint endpoint. A weight that does not parse counts as 0, as
 * external-dns's AWS provider does ("using weight of 0").
 */
export function renderedSplit(manifests: readonly Manifest[]): RenderedSplit {
  let alb: number | undefined;
  const legacy = new Map<string, number>();
  const weight = (text: string | undefined) => {
    const parsed = Number.parseInt(text ?? '', 10);
    return Number.isFinite(parsed) ? parsed : 0;
  };
  for (const m of manifests) {
    if (m.kind === 'Ingress') {
      const annotations = m.metadata.annotations ?? {};
      if (annotations[ExternalDnsAnnotation.setIdentifier] === undefined) continue;
      alb = (alb ?? 0) + weight(annotations[ExternalDnsAnnotation.awsWeight]);
    } else if (m.kind === 'DNSEndpoint' && m.apiVersion === DNS_ENDPOINT_API_VERSION) {
      for (const endpoint of (m.spec as IDNSEndpointSpec | undefined)?.endpoints ?? []) {
        const value = endpoint.providerSpecific?.find((p) => p.name === AWS_WEIGHT_PROPERTY)?.value;
        legacy.set(endpoint.setIdentifier ?? m.metadata.name, weight(value));
      }
    }
  }
  return { alb, legacy };
}

/** The ALB's percentage of a rendered split (weights relative to their sum), or undefined without weighted records. */
export function albPercentOf(split: RenderedSplit): number | undefined {
  if (split.alb === undefined) return undefined;
  const legacy = [...split.legacy.values()].reduce((sum, w) => sum + w, 0);
  const total = split.alb + legacy;
  // All weights 0: Route 53 answers with every record alike (API reference, ResourceRecordSet.Weight).
  if (total === 0) return Math.round(100 / (1 + split.legacy.size));
  return Math.round((100 * split.alb) / total);
}
