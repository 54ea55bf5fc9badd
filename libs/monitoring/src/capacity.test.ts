/** The LCU alarm and graph, and the runbook checks the design lists: redirect, listener rules, capacity, WebSockets. */
import { CLUSTER_CONTEXT_KEY, PlainChart, synthesize, type Manifest } from '@pms/core';
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { checkAlarmScopes } from './alarm-scope.js';
import { LCU_PERIOD_SECONDS, MIN_LCU_ALARM_THRESHOLD } from './alb-metrics.js';
import { lcuAlarmThreshold, type MetricAlarmSpec } from './alarms.js';
import { PmsMonitoring, runbookUrl, type PmsMonitoringProps } from './monitoring.js';
import { stepHeading } from './runbook.js';
import { MODES, TEST_CONNECTIONS, TEST_SERVICES, testCluster } from './__fixtures__/cluster.js';

type Mode = keyof typeof MODES;

function render(name: Mode, extra: Partial<PmsMonitoringProps> = {}) {
  const app = new App({ outdir: '.' });
  app.node.setContext(CLUSTER_CONTEXT_KEY, name);
  const monitoring = new PmsMonitoring(new PlainChart(app, name), 'monitoring', {
    cluster: testCluster(name),
    settings: MODES[name],
    services: TEST_SERVICES,
    graph: { edges: TEST_CONNECTIONS },
    webAclMetricName: `${name}-acl`,
    ...extra,
  });
  const manifests = synthesize(app);
  const lcu = manifests.find((m) => m.kind === 'MetricAlarm' && m.metadata.name === 'lcu-above-expected') as
    (Manifest & { spec: MetricAlarmSpec }) | undefined;
  const section = (title: string) => monitoring.docs.find((d) => d.title === title)!.body;
  return { monitoring, manifests, lcu, section };
}

describe('the ConsumedLCUs alarm', () => {
  it('fires above the expected maximum, per billed hour, once', () => {
    const { lcu } = render('pms-lb', { expectedMaxLcu: 12.3456 });
    expect(lcu!.spec).toMatchObject({
      metricName: 'ConsumedLCUs',
      statistic: 'Sum',
      period: LCU_PERIOD_SECONDS,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 12.35,
    });
  });

  it('never pages below one LCU (an idle or 0 % cluster would page for its health checks)', () => {
    expect(lcuAlarmThreshold(0)).toBe(MIN_LCU_ALARM_THRESHOLD);
    expect(lcuAlarmThreshold(0.2)).toBe(MIN_LCU_ALARM_THRESHOLD);
    expect(lcuAlarmThreshold(3.001)).toBe(3.01);
  });

  it('is absent without an estimate, and before the ALB is known', () => {
    expect(render('pms-lb').lcu).toBeUndefined();
    expect(render('pms-boot', { expectedMaxLcu: 5 }).lcu).toBeUndefined();
  });

  it('has a description the scope check accepts: the load balancer, no target group', () => {
    const { manifests } = render('pms-lb', { expectedMaxLcu: 5 });
    expect(() =>
      checkAlarmScopes('pms-lb', manifests, {
        albBackends: TEST_SERVICES.map((s) => s.name),
        targetGroups: {},
        runbook: runbookUrl('pms-lb'),
      }),
    ).not.toThrow();
  });

  it('draws the expected maximum on the hourly LCU graph', () => {
    const { manifests } = render('pms-lb', { expectedMaxLcu: 4 });
    const dashboard = manifests.find((m) => m.kind === 'Dashboard') as Manifest & {
      spec: { dashboardBody: string };
    };
    const widgets = (JSON.parse(dashboard.spec.dashboardBody) as { widgets: { properties: any }[] }).widgets;
    const graph = widgets.find((w) => JSON.stringify(w.properties.metrics ?? []).includes('ConsumedLCUs'))!;
    expect(graph.properties.period).toBe(LCU_PERIOD_SECONDS);
    expect(graph.properties.annotations.horizontal).toEqual([
      { label: 'expected maximum (peak hour)', value: 4 },
    ]);
  });
});

describe('the runbook checks of the design', () => {
  const { section } = render('pms-full', { expectedMaxLcu: 5, webSocketBackends: [TEST_SERVICES[1]!.name] });
  const runbook = section('Runbook');
  const host = testCluster('pms-full').host;
  const stepBody = (id: Parameters<typeof stepHeading>[0]) => {
    const start = runbook.indexOf(`### ${stepHeading(id)}`);
    const next = runbook.indexOf('\n### ', start + 1);
    return runbook.slice(start, next === -1 ? undefined : next);
  };

  it('checks that http:// answers a 301 to HTTPS with curl -I', () => {
    expect(stepBody('redirect')).toContain(`curl -sSI http://${host}/ | grep -iE '^(HTTP/|location:)'`);
  });

  it("diffs the HTTPS listener's rules in AWS against pnpm route --rules --rendered", () => {
    const step = stepBody('listener-rules');
    expect(step).toContain('aws elbv2 describe-rules');
    expect(step).toContain("Rules[?Priority!='default']");
    expect(step).toContain('pnpm --silent route pms-full --rules --rendered');
  });

  it('reads the certificate through ACM and through ACK', () => {
    const step = stepBody('tls');
    expect(step).toContain('aws acm describe-certificate');
    expect(step).toContain('certificate.acm.services.k8s.aws');
  });

  it('reads every LCU dimension per hour and names the expected maximum', () => {
    const step = stepBody('capacity');
    for (const metric of [
      'ConsumedLCUs',
      'NewConnectionCount',
      'ActiveConnectionCount',
      'ProcessedBytes',
      'RuleEvaluations',
    ])
      expect(step).toContain(metric);
    expect(step).toContain('the estimate expects at most 5 LCU');
  });

  it("greps the WebSocket backends' logs for WebSocket errors, and only theirs", () => {
    const step = stepBody('logs');
    expect(step.match(/# WebSocket errors of /g)).toHaveLength(1);
    expect(step).toMatch(
      /grep -iE 'websocket\|stomp\|sockjs\|handshake\|CloseStatus\|1006\|1011' +# WebSocket errors of apigateway/,
    );
  });
});
