import { formatIssue, issuesOf, type Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { workloadsSection } from './docs.js';
import { WORKLOADS, workloadOf } from './catalogue.js';
import { springShutdownEnv } from './shutdown.js';
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

/** The env networking renders by itself: Spring Boot's graceful shutdown for the catalogue's drain. */
const ownEnv = (name: (typeof WORKLOADS)[number]) => {
  const { runtime, drainSeconds } = workloadOf(name).shutdown;
  return runtime === 'spring-boot'
    ? Object.entries(springShutdownEnv(drainSeconds)).map(([variable, value]) => ({ name: variable, value }))
    : undefined;
};

describe('workloadEnv', () => {
  it('renders only the graceful-shutdown environment of each server by default', () => {
    const { manifests } = renderNetworking(dev);
    for (const name of WORKLOADS) expect(containerOf(manifests, name).env, name).toEqual(ownEnv(name));
  });

  it("renders the named workload's variables as env entries sorted by name, and only there", () => {
    const { manifests } = renderNetworking(dev, {
      workloadEnv: {
        apigateway: { ZONE_HINT: 'b', PMS_WEBSOCKET_HEARTBEAT_SECONDS: '25', _DEBUG: '' },
      },
    });
    const published = [
      { name: 'PMS_WEBSOCKET_HEARTBEAT_SECONDS', value: '25' },
      { name: 'ZONE_HINT', value: 'b' },
      { name: '_DEBUG', value: '' },
    ];
    const sorted = (entries: readonly { name: string; value: string }[]) =>
      [...entries].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(containerOf(manifests, 'apigateway').env).toEqual(
      sorted([...published, ...(ownEnv('apigateway') ?? [])]),
    );
    for (const name of WORKLOADS.filter((n) => n !== 'apigateway'))
      expect(containerOf(manifests, name).env, name).toEqual(ownEnv(name));
  });

  it('lists the variables in the README workloads table', () => {
    const body = workloadsSection(dev.networking, {
      apigateway: { PMS_WEBSOCKET_HEARTBEAT_SECONDS: '25' },
    }).body;
    expect(body).toContain('| environment (published) |');
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

  it("refuses a published variable that would replace a server's graceful shutdown", () => {
    expect(problems({ apigateway: { SERVER_SHUTDOWN: 'immediate' } })).toEqual([
      '[pms-dev] networking.workloadEnv.apigateway.SERVER_SHUTDOWN = "immediate": would replace the graceful shutdown networking derives from the workload\'s drain; allowed: a variable networking does not set itself (not SERVER_SHUTDOWN, SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE) (at pms-dev/networking)',
    ]);
  });

  it('refuses a lower-case name', () => {
    expect(problems({ frontend: { api_base: '/api' } })).toEqual([
      '[pms-dev] networking.workloadEnv.frontend = "api_base": not a valid environment variable name; allowed: an environment variable name: upper-case letters, digits and "_", not starting with a digit (^[A-Z_][A-Z0-9_]*$) (at pms-dev/networking)',
    ]);
  });
});
