/**
 * The catalogue check against the upstream facts, as a table of one malformation each and the message it produces
 * (issue 14: a wrong chart or label in the catalogue must not agree with itself).
 */
import { Checks, formatIssue } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { PMS_SERVICES, type BackingService, type ServiceDefinition } from '../catalogue.js';
import { validateBackingCatalogue } from './catalogue-check.js';
import { UPSTREAM_PROJECTS } from './upstream.js';

const FIELD = 'PMS_SERVICES (libs/networking/src/catalogue.ts)';

/** The catalogue with the backing entry of `project` changed. */
function withBacking(project: string, change: (s: BackingService) => object): ServiceDefinition[] {
  return PMS_SERVICES.map((s) =>
    s.kind === 'backing' && s.installer.project === project
      ? ({ ...s, ...change(s) } as ServiceDefinition)
      : s,
  );
}

function problems(services: readonly ServiceDefinition[]): string[] {
  const checks = new Checks('pms-dev', 'networking');
  validateBackingCatalogue(services, checks);
  return checks.issues.map(formatIssue);
}

const cnpg = PMS_SERVICES.find((s) => s.kind === 'backing' && s.installer.project === 'cloudnative-pg')!;
const cluster = cnpg.kind === 'backing' ? cnpg.installer.instance : '';

describe('validateBackingCatalogue', () => {
  it.each([
    [
      'a misspelt project (the chart-name bug: `postgres` for `postgresql`)',
      withBacking('cloudnative-pg', (s) => ({ installer: { ...s.installer, project: 'cloudnativepg' } })),
      `[pms-dev] ${FIELD} ${cnpg.name}.installer.project = "cloudnativepg": no upstream facts for "cloudnativepg"; did you mean "cloudnative-pg"?; allowed: a project with pinned upstream facts (UPSTREAM_PROJECTS in libs/networking/src/backing/upstream.ts): ${Object.keys(UPSTREAM_PROJECTS).join(', ')}`,
    ],
    [
      'a label key the pods do not carry',
      withBacking('cloudnative-pg', () => ({
        podLabels: { 'cnpg.io/clusterName': cluster },
        serviceSelector: { 'cnpg.io/clusterName': cluster, 'cnpg.io/instanceRole': 'primary' },
      })),
      `no pod of CloudNativePG ${cluster} carries label cnpg.io/clusterName; did you mean "cnpg.io/cluster"?`,
    ],
    [
      'a label value the pods do not carry (the Cluster is named otherwise)',
      withBacking('cloudnative-pg', () => ({
        podLabels: { 'cnpg.io/cluster': cnpg.name },
        serviceSelector: { 'cnpg.io/cluster': cnpg.name, 'cnpg.io/instanceRole': 'primary' },
      })),
      `${cnpg.name}.podLabels["cnpg.io/cluster"] = "${cnpg.name}": the CloudNativePG pods of ${cluster} carry cnpg.io/cluster=${cluster}; allowed: "${cluster}"`,
    ],
    [
      'pod labels that leave out the jobs',
      withBacking('cloudnative-pg', () => ({
        podLabels: { 'cnpg.io/cluster': cluster, 'cnpg.io/podRole': 'instance' },
        serviceSelector: {
          'cnpg.io/cluster': cluster,
          'cnpg.io/podRole': 'instance',
          'cnpg.io/instanceRole': 'primary',
        },
      })),
      'do not select the join job pods',
    ],
    [
      'a Service selector that also selects the replicas',
      withBacking('cloudnative-pg', (s) => ({ serviceSelector: s.podLabels })),
      'selects the replica instance pods',
    ],
    [
      'a Service selector that lacks a pod label (the VPC CNI would drop the ClusterIP)',
      withBacking('strimzi', (s) => ({
        podLabels: { ...s.podLabels, 'strimzi.io/kind': 'Kafka' },
      })),
      "the VPC CNI admits a Service's ClusterIP to an egress rule only when the rule's pod selector matches the Service's selector",
    ],
    [
      'a misspelt port name',
      withBacking('cloudnative-pg', () => ({ portName: 'postgresq' })),
      `${cnpg.name}.portName = "postgresq": no container port named postgresq; did you mean "postgresql"?`,
    ],
    [
      'a port that is not the container port',
      withBacking('cloudnative-pg', () => ({ port: 5433 })),
      `${cnpg.name}.port = 5433: the CloudNativePG container port postgresql is 5432`,
    ],
    [
      'a chart fullnameOverride that takes our Service’s name',
      withBacking('valkey', (s) => ({ installer: { ...s.installer, fullnameOverride: s.name } })),
      'installer.fullnameOverride',
    ],
  ] as const)('refuses %s, naming PMS_SERVICES and its file', (_, services, expected) => {
    const found = problems(services);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(expected);
    expect(found[0]).toContain(FIELD);
  });
});
