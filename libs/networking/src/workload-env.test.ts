import { formatIssue, issuesOf, type Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { workloadsSection } from './docs.js';
import { WORKLOADS } from './catalogue.js';
import type { WorkloadEnv } from './settings.js';
import { renderNetworking, TEST_CLUSTERS } from './__fixtures__/clusters.js';

const dev = TEST_CLUSTERS[0]!;

const containerOf = (manifests: readonly Manifest[], name: string) =>
  (manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name) as any).spec.template.spec
    .containers[0];

function problems(workloadEnv: unknown): string[] {
  try {
    renderNetworking(dev, { workloadEnv: workloadEnv as WorkloadEnv });
    return [];
  } catch (error) {
    const issues = issuesOf(error);
    if (!issues) throw error;
    return issues.map(formatIssue);
  }
}

describe('workloadEnv', () => {
  it('renders no env on any container by default', () => {
    const { manifests } = renderNetworking(dev);
    for (const name of WORKLOADS) expect(containerOf(manifests, name).env, name).toBeUndefined();
  });

  it("renders the named workload's variables as env entries sorted by name, and only there", () => {
    const { manifests } = renderNetworking(dev, {
      workloadEnv: {
        apigateway: { ZONE_HINT: 'b', PMS_WEBSOCKET_HEARTBEAT_SECONDS: '25', _DEBUG: '' },
      },
    });
    expect(containerOf(manifests, 'apigateway').env).toEqual([
      { name: 'PMS_WEBSOCKET_HEARTBEAT_SECONDS', value: '25' },
      { name: 'ZONE_HINT', value: 'b' },
      { name: '_DEBUG', value: '' },
    ]);
    for (const name of WORKLOADS.filter((n) => n !== 'apigateway'))
      expect(containerOf(manifests, name).env, name).toBeUndefined();
  });

  it('lists the variables in the README workloads table', () => {
    const body = workloadsSection(dev.networking, {
      apigateway: { PMS_WEBSOCKET_HEARTBEAT_SECONDS: '25' },
    }).body;
    expect(body).toContain('| environment |');
    expect(body).toMatch(/\| apigateway \|.*\| `PMS_WEBSOCKET_HEARTBEAT_SECONDS=25` \|/);
    expect(body).toMatch(/\| auth \|.*\| - \|/);
  });

  it('refuses invalid names, unknown workloads and non-string values, all at once, naming cluster and field', () => {
    expect(
      problems({
        apigateway: { 'pms-heartbeat': '25', '9LIVES': 'x', PMS_OK: '1' },
        auth: { TIMEOUT: 25 },
        postgres: { PGDATA: '/data' },
      }),
    ).toEqual([
      '[pms-dev] networking.workloadEnv.apigateway = "9LIVES": not a valid environment variable name; allowed: an environment variable name: upper-case letters, digits and "_", not starting with a digit (^[A-Z_][A-Z0-9_]*$) (at pms-dev/networking)',
      '[pms-dev] networking.workloadEnv.apigateway = "pms-heartbeat": not a valid environment variable name; allowed: an environment variable name: upper-case letters, digits and "_", not starting with a digit (^[A-Z_][A-Z0-9_]*$) (at pms-dev/networking)',
      '[pms-dev] networking.workloadEnv.auth.TIMEOUT = 25; allowed: a string (quote numbers and booleans, e.g. "25") (at pms-dev/networking)',
      `[pms-dev] networking.workloadEnv.postgres = {"PGDATA":"/data"}: postgres is not a PMS workload; allowed: a workload: ${WORKLOADS.join(', ')} (at pms-dev/networking)`,
    ]);
  });

  it('refuses a lower-case name', () => {
    expect(problems({ frontend: { api_base: '/api' } })).toEqual([
      '[pms-dev] networking.workloadEnv.frontend = "api_base": not a valid environment variable name; allowed: an environment variable name: upper-case letters, digits and "_", not starting with a digit (^[A-Z_][A-Z0-9_]*$) (at pms-dev/networking)',
    ]);
  });
});
