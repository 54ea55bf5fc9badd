/**
 * The host's DNS prerequisite: external-dns writes only weighted records for the host (the ALB's, and the legacy
 * load balancers' during the migration), and Route 53 refuses a weighted record next to a simple (non-weighted) one
 * of the same name and type ("cannot be created as a non-weighted set exists with the same name and type",
 * kubernetes-sigs/external-dns#1411). A simple record left by hand or by the previous deployment therefore keeps
 * answering while external-dns logs the refusal on every run: the migration's weights never take effect.
 */
import type { ClusterPrerequisite, ClusterSettings } from '@pms/core';
import type { DnsSettings } from './settings.js';

/** Id of the prerequisite. */
export const ROUTE53_WEIGHTED_ONLY = 'route53-weighted-records-only';

/** The record types external-dns writes for the host's alias records (IPv4; `exclude-record-types: AAAA` aside). */
const HOST_RECORD_TYPES = ['A', 'AAAA', 'CNAME'] as const;

/** That the host has no simple A, AAAA or CNAME record in its zone, only the weighted ones external-dns owns. */
export function weightedRecordsOnlyPrerequisite(
  cluster: Pick<ClusterSettings, 'name' | 'host'>,
  dns: DnsSettings,
): ClusterPrerequisite {
  const zone = dns.hostedZoneId;
  // Route 53 ListResourceRecordSets: names are fully qualified (trailing dot); weighted sets carry SetIdentifier.
  // JMESPath literals in backticks, the query in single quotes: no `!` or `$` for an interactive shell to expand.
  const literal = (value: string | null) => `\`${JSON.stringify(value)}\``;
  const simple =
    `ResourceRecordSets[?Name==${literal(`${cluster.host}.`)} && SetIdentifier==${literal(null)} && ` +
    `(${HOST_RECORD_TYPES.map((t) => `Type==${literal(t)}`).join(' || ')})]`;
  const inspect = `aws route53 list-resource-record-sets --hosted-zone-id ${zone} --query '${simple}.[Type, AliasTarget.DNSName || ResourceRecords[0].Value]' --output text`;
  return {
    id: ROUTE53_WEIGHTED_ONLY,
    title: `${cluster.host} has no simple (non-weighted) A, AAAA or CNAME record in hosted zone ${zone}: only the weighted records external-dns writes`,
    why:
      `external-dns publishes the host as weighted records (the ALB's from the Ingress, the legacy load balancers' from DNSEndpoints), ` +
      `and Route 53 refuses a weighted record next to a simple one of the same name and type: the simple record keeps answering, ` +
      `external-dns logs the refusal every minute, and no weight in the settings takes effect. A simple record pointing at the ` +
      `previous deployment must go once the first sync has applied the Ingress and the DNSEndpoints (not before: the host would ` +
      `have no answer until then; external-dns then creates the weighted ones within its 1-minute interval); lower its TTL to 60 s a day before, so resolvers drop it quickly (docs/ingress.md, "Migration", "Before the first step").`,
    when: 'during-first-sync',
    requiredBy: `the Ingress's weighted record and every DNSEndpoint, which external-dns (Application ${cluster.name}-external-dns) publishes`,
    inspect,
    expect: 'no output',
    check: `test -z "$(${inspect})"`,
    fix:
      `aws route53 list-resource-record-sets --hosted-zone-id ${zone} --query '${simple}' --output json ` +
      `| jq '{Changes: [.[] | {Action: "DELETE", ResourceRecordSet: .}]}' > /tmp/${ROUTE53_WEIGHTED_ONLY}.json ` +
      `&& aws route53 change-resource-record-sets --hosted-zone-id ${zone} --change-batch file:///tmp/${ROUTE53_WEIGHTED_ONLY}.json` +
      '   # deletes the simple records inspect printed, exactly as listed (Route 53 DELETE needs the whole record set)',
    source:
      'Route 53 API ListResourceRecordSets / ChangeResourceRecordSets (DELETE needs the exact record set); ' +
      'kubernetes-sigs/external-dns#1411 (a weighted record next to a non-weighted one of the same name and type is refused)',
  };
}
