/**
 * The ingress's DNS side as the construct uses it: its `dns` and `migration` props validated together (reported
 * under their own names, `dns.…` and `migration.…`), the legacy load balancers' DNSEndpoints with their construct
 * ids, and the prerequisite outside Git the host's weighted records need.
 */
import {
  throwIfAny,
  type Checks,
  type ClusterPrerequisite,
  type ClusterSettings,
  type Manifest,
} from '@pms/core';
import { weightedRecordsOnlyPrerequisite } from './dns/prerequisite.js';
import { legacyDnsEndpoints } from './dns/records.js';
import type { DnsSettings, MigrationSettings } from './dns/settings.js';
import { validateDnsSettings, validateMigrationSettings } from './dns/validate.js';

/** Validates the host's DNS and the migration (`checks` is `dns`'s; the migration reports under `migration`), throwing every issue at once. */
export function validateIngressDns(
  dns: DnsSettings | undefined,
  migration: MigrationSettings | undefined,
  cluster: ClusterSettings,
  checks: Checks,
): void {
  if (dns !== undefined) validateDnsSettings(dns, checks);
  validateMigrationSettings(migration, cluster, checks.withPrefix('migration'));
  throwIfAny(checks.issues);
}

/** One DNSEndpoint per legacy load balancer of the migration, with its construct id `dns-<name>`. */
export function dnsEndpointObjects(
  cluster: ClusterSettings,
  migration: MigrationSettings | undefined,
): (readonly [id: string, object: Manifest])[] {
  return legacyDnsEndpoints(cluster, migration).map(
    (endpoint) => [`dns-${endpoint.metadata.name}`, endpoint] as const,
  );
}

/** What must hold outside Git for the host's records: no simple record next to the weighted ones; none without `dns`. */
export function dnsPrerequisites(
  cluster: ClusterSettings,
  dns: DnsSettings | undefined,
): ClusterPrerequisite[] {
  return dns ? [weightedRecordsOnlyPrerequisite(cluster, dns)] : [];
}
