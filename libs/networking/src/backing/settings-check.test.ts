import { Checks, formatIssue, type Environment } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { backingServicesOf, PMS_SERVICES } from '../catalogue.js';
import { testBackingSettings } from '../testing/index.js';
import type { BackingSettings } from './settings.js';
import { validateBackingSettings } from './settings-check.js';

const byProject = (project: string) =>
  backingServicesOf(PMS_SERVICES).find((s) => s.installer.project === project)!;
const postgres = byProject('cloudnative-pg');
const kafka = byProject('strimzi');
const valkey = byProject('valkey');

function problems(settings: unknown, environment: Environment = 'staging'): string[] {
  const checks = new Checks('pms-dev', 'networking');
  validateBackingSettings(settings as BackingSettings, PMS_SERVICES, checks, environment);
  return checks.issues.map(formatIssue);
}

const valid = (environment: Environment = 'staging') =>
  structuredClone(testBackingSettings(environment)) as any;

describe('validateBackingSettings', () => {
  it('accepts the test settings of every environment, and a service left out (not installed)', () => {
    for (const env of ['dev', 'staging', 'prod'] as const) expect(problems(valid(env), env)).toEqual([]);
    const without = valid();
    delete without[kafka.name];
    expect(problems(without)).toEqual([]);
  });

  it.each([
    [
      'a missing storage size',
      (s: any): void => {
        delete s[postgres.name].storage.size;
      },
      `[pms-dev] networking.backing.${postgres.name}.storage.size = (missing); allowed: a size in Gi from 1Gi to 16384Gi (an EBS gp3 volume), e.g. 20Gi`,
    ],
    [
      'a size beyond an EBS volume',
      (s: any): void => {
        s[valkey.name].storage.size = '20000Gi';
      },
      `[pms-dev] networking.backing.${valkey.name}.storage.size = "20000Gi"; allowed: a size in Gi from 1Gi to 16384Gi (an EBS gp3 volume), e.g. 20Gi`,
    ],
    [
      'an even number of KRaft nodes',
      (s: any): void => {
        s[kafka.name].replicas = 2;
      },
      `[pms-dev] networking.backing.${kafka.name}.replicas = 2: a quorum of 2 controllers tolerates 0 failure(s), no more than one of 1 would; allowed: an odd number (the nodes are KRaft controllers: a quorum needs a majority)`,
    ],
    [
      'a misspelt service',
      (s: any): void => {
        s[`${postgres.name}q`] = s[postgres.name];
      },
      `"${postgres.name}q" is no backing service; did you mean "${postgres.name}"?`,
    ],
    [
      'resources with a limit below the request',
      (s: any) =>
        (s[postgres.name].resources = { cpuRequest: '1', memoryRequest: '2Gi', memoryLimit: '1Gi' }),
      `networking.backing.${postgres.name}.resources.memoryLimit = "1Gi"; allowed: at least resources.memoryRequest (2Gi)`,
    ],
  ] as const)('refuses %s', (_, change, expected) => {
    const settings = valid();
    change(settings);
    const found = problems(settings);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(expected);
  });

  it('refuses fewer than three PostgreSQL instances or Kafka nodes in prod', () => {
    const settings = valid('prod');
    settings[postgres.name].instances = 2;
    settings[kafka.name].replicas = 1;
    expect(problems(settings, 'prod')).toEqual([
      `[pms-dev] networking.backing.${postgres.name}.instances = 2: CloudNativePG fails over to a replica; with fewer than 3 instances a failover leaves the new primary without a replica; allowed: at least 3 in prod`,
      `[pms-dev] networking.backing.${kafka.name}.replicas = 1: one node is one broker and one controller: any restart stops Kafka; allowed: at least 3 in prod`,
    ]);
  });
});
