import { CLUSTER_CONTEXT_KEY, formatIssue, issuesOf, PlainChart, synthesize, type Manifest } from '@pms/core';
import { withHealth } from '@pms/networking/testing';
import type { WorkloadService } from '@pms/networking';
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { checkAlarmScopes, descriptionProblems, queryScope, type AlarmScopeContext } from './alarm-scope.js';
import { ANY_TARGET_GROUP, type MetricAlarmSpec } from './alarms.js';
import { PmsMonitoring, runbookUrl } from './monitoring.js';
import type { MonitoringSettings } from './settings.js';
import { MODES, TEST_CONNECTIONS, TEST_SERVICES, testCluster } from './__fixtures__/cluster.js';

type Alarm = Manifest & { spec: MetricAlarmSpec };

/** Renders the alarms of `name` with `services` and `settings`, and the context the platform checks them with. */
function alarmsOf(name: string, settings: MonitoringSettings, services = TEST_SERVICES) {
  const app = new App({ outdir: '.' });
  app.node.setContext(CLUSTER_CONTEXT_KEY, name);
  const chart = new PlainChart(app, name);
  new PmsMonitoring(chart, 'monitoring', {
    cluster: testCluster(name),
    settings,
    services,
    graph: { edges: TEST_CONNECTIONS },
    webAclMetricName: `${name}-acl`,
  });
  const manifests = synthesize(app);
  const alarms = manifests.filter((m): m is Alarm => m.kind === 'MetricAlarm');
  const context: AlarmScopeContext = {
    albBackends: services.filter((s) => s.kind === 'workload' && s.health.targetGroup).map((s) => s.name),
    targetGroups: settings.alb.state === 'known' ? { ...settings.alb.targetGroups } : {},
    runbook: runbookUrl(name),
  };
  return { manifests, alarms, context };
}

/** What `checkAlarmScopes` says about `manifests`. */
function refusals(name: string, manifests: readonly Manifest[], context: AlarmScopeContext): string[] {
  try {
    checkAlarmScopes(name, manifests, context);
    return [];
  } catch (error) {
    return issuesOf(error)!.map(formatIssue);
  }
}

// A third backend behind the ALB whose target group is not in the settings yet: the issue's case.
const THIRD = 'analytics';
const WITH_THIRD_BACKEND = TEST_SERVICES.map((s) =>
  s.name === THIRD
    ? withHealth(s as WorkloadService, { targetGroup: { path: '/actuator/health/readiness' } })
    : s,
);

describe.each([
  ...Object.entries(MODES).map(([name, settings]) => [name, settings, TEST_SERVICES] as const),
  ['pms-full', MODES['pms-full'], WITH_THIRD_BACKEND] as const,
])('the alarms of %s', (name, settings, services) => {
  const { manifests, alarms, context } = alarmsOf(name, settings, services);

  it('describe exactly what their queries filter on, and link to the runbook by URL', () => {
    for (const alarm of alarms)
      expect(descriptionProblems(alarm.spec, context), alarm.metadata.name).toEqual([]);
    expect(refusals(name, manifests, context)).toEqual([]);
  });

  it('blame a Service only when the query filters on its target group', () => {
    for (const alarm of alarms) {
      const scope = queryScope(alarm.spec);
      const filtered = [...scope.targetGroups, ...scope.excludedTargetGroups];
      for (const service of context.albBackends) {
        const named = new RegExp(`\\b${service}\\b`).test(
          alarm.spec.alarmDescription.split(' Runbook: ')[0]!,
        );
        if (named)
          expect(filtered, `${alarm.metadata.name} names ${service}`).toContain(
            context.targetGroups[service],
          );
      }
    }
  });
});

describe('a backend without a known target group (the third backend of the issue)', () => {
  const { alarms, context } = alarmsOf('pms-full', MODES['pms-full'], WITH_THIRD_BACKEND);
  const combined = alarms.find((a) => a.metadata.name === 'unhealthy-hosts')!;
  const known = Object.entries(context.targetGroups);

  it('is watched by one alarm over every target group except those with alarms of their own', () => {
    expect(known.length).toBeGreaterThan(0);
    const scope = queryScope(combined.spec);
    expect(scope.everyTargetGroup).toBe(true);
    expect(scope.excludedTargetGroups).toEqual(known.map(([, tg]) => tg));
    // A frontend outage pages once: its own alarm, not the combined one too.
    for (const [service] of known)
      expect(alarms.map((a) => a.metadata.name)).toContain(`unhealthy-hosts-${service}`);
  });

  it('says "any target group" and never names the backend its query cannot filter on', () => {
    const text = combined.spec.alarmDescription;
    expect(text).toContain(ANY_TARGET_GROUP);
    expect(text).not.toMatch(new RegExp(`\\b${THIRD}\\b`));
  });
});

describe('refusals', () => {
  const { manifests, context } = alarmsOf('pms-full', MODES['pms-full'], WITH_THIRD_BACKEND);
  const replaced = (name: string, change: (spec: any) => void): Manifest[] =>
    manifests.map((m) => {
      if (m.kind !== 'MetricAlarm' || m.metadata.name !== name) return m;
      const copy = structuredClone(m) as Alarm;
      change(copy.spec);
      return copy;
    });

  it('refuses the lie of the issue: a description naming a target group the query groups with all others', () => {
    const lie = `[pms-full] A target group (${THIRD}) has unhealthy targets. Runbook: ${runbookUrl('pms-full')}`;
    expect(
      refusals(
        'pms-full',
        replaced('unhealthy-hosts', (spec) => (spec.alarmDescription = lie)),
        context,
      ),
    ).toEqual([
      `[pms-full] MetricAlarm pms-aws/unhealthy-hosts spec.alarmDescription = ${JSON.stringify(lie)}: names the target group of ${THIRD}, but the query does not filter on it (its TargetGroup dimension is not in the settings); its query covers every target group of the load balancer, but it does not say "${ANY_TARGET_GROUP}"; allowed: a description that names only the target groups its query filters on (or says "${ANY_TARGET_GROUP}") and ends with the runbook's URL; buildAlarms (libs/monitoring/src/alarms.ts) writes it from the query's scope (at alarm description check)`,
    ]);
  });

  it("refuses a target-group alarm whose description names another Service's target group", () => {
    const entries = Object.entries(context.targetGroups) as [string, string][];
    const [first, firstTg] = entries[0]!;
    const [second] = entries[1]!;
    const found = refusals(
      'pms-full',
      replaced(`unhealthy-hosts-${first}`, (spec) => {
        spec.alarmDescription = spec.alarmDescription
          .replaceAll(first, second!)
          .replace(firstTg, 'the target group');
      }),
      context,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`its query selects ${firstTg}, which it does not name`);
  });

  it('refuses a description without the runbook URL (a repository path is not a link)', () => {
    const found = refusals(
      'pms-full',
      replaced('elb-5xx', (spec) => {
        spec.alarmDescription = spec.alarmDescription.replace(
          / Runbook: .*$/,
          ' Runbook: clusters/pms-full/README.md#runbook',
        );
      }),
      context,
    );
    expect(found).toEqual([
      expect.stringContaining(`does not end with the runbook's URL (Runbook: ${runbookUrl('pms-full')})`),
    ]);
  });
});
