/** The README section on the host's DNS records and the migration's traffic split. */
import { markdownTable, prerequisitesLink, type ClusterSettings, type DocSection } from '@pms/core';
import { ROUTE53_WEIGHTED_ONLY } from './prerequisite.js';
import {
  ExternalDnsAnnotation,
  AWS_WEIGHT_PROPERTY,
  legacyEndpointName,
  weightedRecords,
} from './records.js';
import { FULL_WEIGHT, type DnsSettings, type MigrationSettings } from './settings.js';

/** Title of the README section. */
export const DNS_SECTION_TITLE = 'DNS records and migration';

/** `ALB 10 % / legacy 90 %`: the split in one line (the diff and the README use it). */
export function splitText(albPercent: number): string {
  return albPercent >= FULL_WEIGHT
    ? 'ALB 100 %'
    : `ALB ${albPercent} % / legacy ${FULL_WEIGHT - albPercent} %`;
}

/** The section: the current split first, then the records and how the migration moves on. */
export function dnsSection(
  cluster: Pick<ClusterSettings, 'name' | 'host'>,
  dns: DnsSettings | undefined,
  migration: MigrationSettings | undefined,
  ingressRef: string,
  order: number,
): DocSection & { readonly title: string } {
  const records = weightedRecords(cluster, migration);
  const alb = records.find((r) => r.alb)!;
  const code = (value: string) => `\`${value}\``;
  const rows = records.map((r) => [
    r.alb
      ? `ALB (Ingress ${code(ingressRef)})`
      : `legacy ${code(r.name)} (DNSEndpoint ${code(legacyEndpointName(r.name))})`,
    code(r.setIdentifier),
    r.alb ? 'the ALB, from the Ingress status' : code(r.target),
    String(r.weight),
    `${r.weight} %`,
  ]);
  const state =
    alb.weight >= FULL_WEIGHT
      ? migration
        ? "**Migration complete**: the ALB answers alone. Remove the `migration` section; the previous deployment's load balancers can be torn down."
        : 'No migration: the ALB answers alone.'
      : alb.weight === 0
        ? '**Migration started**: the records exist, the ALB gets no traffic yet. Next step: a pull request raising `migration.albWeightPercent` (e.g. to 10).'
        : `**Migration in progress**: the next step is a pull request raising \`migration.albWeightPercent\`; \`pnpm diff\` shows the shift and flags a jump straight to 100 % or a shift back.`;
  const body = [
    `Current split of \`${cluster.host}\`: **${splitText(alb.weight)}**. ${state}`,
    '',
    `external-dns (Argo CD Application \`${cluster.name}-external-dns\`) publishes one weighted alias record per load balancer${dns ? ` in hosted zone \`${dns.hostedZoneId}\`` : ''}; Route 53 answers with each in proportion to its weight (the weights add up to 100). The ALB's from the Ingress's \`${ExternalDnsAnnotation.setIdentifier}\` and \`${ExternalDnsAnnotation.awsWeight}\` annotations, each legacy load balancer's from a DNSEndpoint (\`providerSpecific\` \`${AWS_WEIGHT_PROPERTY}\`).`,
    '',
    markdownTable(['record', 'set identifier', 'target', 'weight', 'share of answers'], rows),
    '',
    ...(dns
      ? [
          `Route 53 refuses these next to a simple (non-weighted) record of the host: a record left by the previous deployment must go right after the first sync (prerequisite ${prerequisitesLink(ROUTE53_WEIGHTED_ONLY)}).`,
          '',
        ]
      : []),
    `Resolvers cache an answer for its TTL (alias records take the load balancer's, 60 s), so a shift is complete about a minute after external-dns applies it (\`--interval\`, 1 min). Check: \`dig +short ${cluster.host}\` repeatedly, and \`aws route53 list-resource-record-sets --hosted-zone-id ${dns?.hostedZoneId ?? '<zone>'} --query "ResourceRecordSets[?Name=='${cluster.host}.']"\`.`,
  ].join('\n');
  return { title: DNS_SECTION_TITLE, body, order };
}
