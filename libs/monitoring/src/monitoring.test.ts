import {
  ACK_DELETION_POLICY_ANNOTATION,
  ACK_REGION_ANNOTATION,
  CLUSTER_CONTEXT_KEY,
  ConfigErrors,
  PMS_INGRESS_GROUP,
  TARGET_GROUPS_SECTION,
  PlainChart,
  synthesize,
  SYNC_WAVE_ANNOTATION,
  SyncWave,
  type Manifest,
} from '@pms/core';
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import type { MetricAlarmSpec } from './alarms.js';
import { MODES, TEST_CONNECTIONS, TEST_SERVICES, testCluster } from './__fixtures__/cluster.js';
import { withHealth } from '@pms/networking/testing';
import type { WorkloadService } from '@pms/networking';
import { PmsMonitoring, runbookUrl, type PmsMonitoringProps } from './monitoring.js';
import { stepHeading } from './runbook.js';

type Mode = keyof typeof MODES;

function render(name: Mode, extra: Partial<PmsMonitoringProps> = {}) {
  const app = new App({ outdir: '.' });
  app.node.setContext(CLUSTER_CONTEXT_KEY, name);
  const chart = new PlainChart(app, name);
  const monitoring = new PmsMonitoring(chart, 'monitoring', {
    cluster: testCluster(name),
    settings: MODES[name],
    services: TEST_SERVICES,
    graph: { edges: TEST_CONNECTIONS },
    webAclMetricName: `${name}-acl-metric`,
    ...extra,
  });
  const manifests = synthesize(app);
  const alarms = manifests.filter((m) => m.kind === 'MetricAlarm') as (Manifest & {
    spec: MetricAlarmSpec;
  })[];
  const dashboard = manifests.find((m) => m.kind === 'Dashboard') as Manifest & {
    spec: { dashboardName: string; dashboardBody: string };
  };
  const body = JSON.parse(dashboard.spec.dashboardBody) as {
    widgets: { type: string; properties: { metrics?: unknown[]; region?: string } }[];
  };
  const readme = monitoring.docs.map((d) => `## ${d.title}\n${d.body}`).join('\n');
  return { monitoring, manifests, alarms, dashboard, body, readme };
}

/** Every metric the dashboard graphs, as `<namespace> <metric> <stat>`, from metric arrays and SEARCH expressions. */
function graphedMetrics(body: ReturnType<typeof render>['body']): Set<string> {
  const found = new Set<string>();
  for (const widget of body.widgets) {
    for (const line of (widget.properties.metrics ?? []) as unknown[][]) {
      const first = line[0];
      if (typeof first === 'object' && first !== null && 'expression' in first) {
        const match = /^SEARCH\('\{([^,}]+)[^}]*\} MetricName="(\w+)" .*', '(\w+)', (?:60|3600)\)$/.exec(
          (first as { expression: string }).expression,
        );
        expect(match, (first as { expression: string }).expression).not.toBeNull();
        found.add(`${match![1]} ${match![2]} ${match![3]}`);
      } else {
        const options = line.at(-1) as { stat: string };
        found.add(`${line[0]} ${line[1]} ${options.stat}`);
      }
    }
  }
  return found;
}

const EXPECTED_METRICS = [
  'AWS/ApplicationELB RequestCount Sum',
  'AWS/ApplicationELB HTTPCode_Target_2XX_Count Sum',
  'AWS/ApplicationELB HTTPCode_Target_4XX_Count Sum',
  'AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum',
  'AWS/ApplicationELB TargetResponseTime Average',
  'AWS/ApplicationELB TargetResponseTime p50',
  'AWS/ApplicationELB TargetResponseTime p90',
  'AWS/ApplicationELB TargetResponseTime p99',
  'AWS/ApplicationELB HTTPCode_ELB_5XX_Count Sum',
  'AWS/ApplicationELB HealthyHostCount Minimum',
  'AWS/ApplicationELB UnHealthyHostCount Maximum',
  'AWS/ApplicationELB ActiveConnectionCount Sum',
  'AWS/ApplicationELB NewConnectionCount Sum',
  'AWS/ApplicationELB RejectedConnectionCount Sum',
  'AWS/ApplicationELB ConsumedLCUs Sum',
  'AWS/WAFV2 BlockedRequests Sum',
];

describe.each(Object.keys(MODES) as Mode[])('PmsMonitoring in %s', (name) => {
  const { manifests, body, dashboard } = render(name);

  it('renders a Dashboard whose body is valid JSON with every promised metric', () => {
    expect(dashboard.apiVersion).toBe('cloudwatch.services.k8s.aws/v1alpha1');
    expect(dashboard.spec.dashboardName).toBe(`${name}-pms`);
    const metrics = graphedMetrics(body);
    for (const metric of EXPECTED_METRICS) expect(metrics).toContain(metric);
    expect(
      body.widgets.filter((w) => w.type === 'metric').every((w) => w.properties.region === 'eu-central-1'),
    ).toBe(true);
  });

  it("graphs the blocked requests of this web ACL under its visibilityConfig.metricName, not the ARN's name", () => {
    const json = JSON.stringify(body);
    expect(json).toContain(
      `["AWS/WAFV2","BlockedRequests","WebACL","${name}-acl-metric","Rule","ALL","Region","eu-central-1",`,
    );
    expect(json).not.toContain(`"WebACL","${name}-web-acl"`);
  });

  it('puts every object in namespace pms-aws, labelled, with the ACK annotations of core: workloads wave, region, delete', () => {
    for (const manifest of manifests) {
      expect(manifest.metadata.namespace).toBe('pms-aws');
      expect(manifest.metadata.labels?.['app.kubernetes.io/part-of']).toBe('pms');
      expect(manifest.metadata.annotations).toEqual({
        [SYNC_WAVE_ANNOTATION]: String(SyncWave.workloads),
        'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
        [ACK_REGION_ANNOTATION]: 'eu-central-1',
        // Pruned alarms must not stay in AWS and keep paging (see MONITORING_DELETION_POLICY).
        [ACK_DELETION_POLICY_ANNOTATION]: 'delete',
      });
    }
  });
});

describe.each(['pms-lb', 'pms-full'] as const)('alarms of %s', (name) => {
  const { alarms } = render(name);
  const lb = MODES[name].alb.loadBalancer;

  it('sends every alarm to the topic, with the cluster thresholds and deliberate missing-data treatment', () => {
    expect(alarms.length).toBeGreaterThanOrEqual(5);
    for (const { spec } of alarms) {
      expect(spec.name).toMatch(new RegExp(`^${name}-pms-`));
      expect(spec.alarmActions).toEqual(['arn:aws:sns:eu-central-1:444444444444:pms-alarms']);
      expect(spec.oKActions).toEqual(spec.alarmActions);
      expect(spec.evaluationPeriods).toBe(4);
      expect(spec.datapointsToAlarm).toBe(2);
      expect(['breaching', 'notBreaching']).toContain(spec.treatMissingData);
      // A full URL to the symptom index of this cluster's README, on the branch Argo CD follows.
      expect(spec.alarmDescription.endsWith(` Runbook: ${runbookUrl(name)}`)).toBe(true);
      expect(runbookUrl(name)).toMatch(
        new RegExp(`^https://\\S+/blob/\\S+/clusters/${name}/README\\.md#symptom-index$`),
      );
      // Either a single metric or a metrics list, never both (PutMetricAlarm refuses that).
      expect(Boolean(spec.metricName) !== Boolean(spec.metrics)).toBe(true);
    }
    const elb = alarms.find((a) => a.metadata.name === 'elb-5xx')!.spec;
    expect(elb).toMatchObject({
      metricName: 'HTTPCode_ELB_5XX_Count',
      statistic: 'Sum',
      threshold: 7,
      treatMissingData: 'notBreaching',
      dimensions: [{ name: 'LoadBalancer', value: lb }],
    });
    expect(alarms.find((a) => a.metadata.name === 'rejected-connections')!.spec).toMatchObject({
      threshold: 3,
      dimensions: [{ name: 'LoadBalancer', value: lb }],
    });
  });

  it("scopes every alarm to this ALB's dimension: none can fire for another load balancer", () => {
    for (const { metadata, spec } of alarms) {
      const scopes = [
        ...(spec.dimensions ?? []),
        ...(spec.metrics ?? []).flatMap((q) => q.metricStat?.metric?.dimensions ?? []),
      ];
      const queries = (spec.metrics ?? []).filter((q) => q.expression?.startsWith('SELECT'));
      if (queries.length > 0) {
        for (const q of queries)
          expect(q.expression, metadata.name).toContain(`WHERE LoadBalancer = '${lb}'`);
      } else {
        expect(scopes, metadata.name).toContainEqual({ name: 'LoadBalancer', value: lb });
        expect(
          scopes.filter((d) => d.name === 'LoadBalancer').every((d) => d.value === lb),
          metadata.name,
        ).toBe(true);
      }
    }
  });
});

describe('with the exact ALB dimension', () => {
  const { alarms, body } = render('pms-lb');
  const lb = 'app/pms-lb-pms/0123456789abcdef';

  it('graphs the exact dimension and searches only for the unknown target groups', () => {
    const json = JSON.stringify(body);
    expect(json).toContain(`"LoadBalancer","${lb}"`);
    expect(json).not.toContain('LoadBalancer=pms-lb-pms');
    expect(json).toContain(
      `SEARCH('{AWS/ApplicationELB,LoadBalancer,TargetGroup} MetricName=\\"HealthyHostCount\\" LoadBalancer=\\"${lb}\\"', 'Minimum', 60)`,
    );
  });

  it('alarms on the 5XX rate by metric math over RequestCount', () => {
    const spec = alarms.find((a) => a.metadata.name === 'target-5xx-rate')!.spec;
    expect(spec.threshold).toBe(2.5);
    expect(spec.treatMissingData).toBe('notBreaching');
    const [errors, requests, rate] = spec.metrics!;
    expect(errors!.metricStat!.metric).toEqual({
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions: [{ name: 'LoadBalancer', value: lb }],
    });
    expect(requests!.metricStat!.metric!.metricName).toBe('RequestCount');
    expect(rate).toMatchObject({ expression: '100 * FILL(errors, 0) / requests', returnData: true });
    expect(spec.metrics!.filter((q) => q.returnData)).toHaveLength(1);
  });

  it('alarms on p99 TargetResponseTime, ignoring too few samples', () => {
    const spec = alarms.find((a) => a.metadata.name === 'target-p99-latency')!.spec;
    expect(spec).toMatchObject({
      metricName: 'TargetResponseTime',
      extendedStatistic: 'p99',
      threshold: 1.25,
      dimensions: [{ name: 'LoadBalancer', value: lb }],
      evaluateLowSampleCountPercentile: 'ignore',
      period: 60,
    });
    expect(spec.statistic).toBeUndefined();
  });

  it('watches unhealthy hosts of every target group of this ALB with Metrics Insights', () => {
    const spec = alarms.find((a) => a.metadata.name === 'unhealthy-hosts')!.spec;
    expect(spec.metrics).toEqual([
      expect.objectContaining({
        expression: `SELECT MAX(UnHealthyHostCount) FROM SCHEMA("AWS/ApplicationELB", LoadBalancer, TargetGroup) WHERE LoadBalancer = '${lb}' GROUP BY TargetGroup ORDER BY MAX() DESC`,
        period: 60,
        returnData: true,
      }),
    ]);
  });
});

describe('with the target groups known', () => {
  const { alarms, body } = render('pms-full');

  it('has one UnHealthyHostCount > 0 alarm per target group on the exact dimensions, breaching when data stops', () => {
    const names = alarms.map((a) => a.metadata.name);
    expect(names).toEqual([
      'target-5xx-rate',
      'target-p99-latency',
      'elb-5xx',
      'rejected-connections',
      'unhealthy-hosts-frontend',
      'unhealthy-hosts-apigateway',
    ]);
    const spec = alarms.find((a) => a.metadata.name === 'unhealthy-hosts-apigateway')!.spec;
    expect(spec).toMatchObject({
      metricName: 'UnHealthyHostCount',
      statistic: 'Maximum',
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0,
      treatMissingData: 'breaching',
      dimensions: [
        { name: 'TargetGroup', value: 'targetgroup/k8s-pms-apigatew-6f7a8b9c0d/fedcba9876543210' },
        { name: 'LoadBalancer', value: 'app/pms-full-pms/fedcba9876543210' },
      ],
    });
  });

  it('graphs without any SEARCH expression', () => {
    expect(JSON.stringify(body)).not.toContain('SEARCH(');
  });
});

describe('before the ALB exists (dev)', () => {
  const { alarms, body, readme, dashboard } = render('pms-boot');

  it('renders no alarm at all rather than one that watches every ALB of the account', () => {
    expect(alarms).toEqual([]);
    expect(readme).toContain('**No alarms yet.**');
    expect(readme).toContain(
      'renders `target-5xx-rate`, `target-p99-latency`, `elb-5xx`, `rejected-connections`, `lcu-above-expected` and `unhealthy-hosts`',
    );
    expect(readme).toContain('aws elbv2 describe-load-balancers --region eu-central-1 --names pms-boot-pms');
  });

  it('renders no alarm in prod either while the ALB is awaited', () => {
    const { alarms: none, readme: text } = render('pms-boot', {
      cluster: { ...testCluster('pms-boot'), environment: 'prod' },
    });
    expect(none).toEqual([]);
    expect(text).toContain('**No alarms yet.**');
    expect(text).toContain(
      "replace `monitoring.alb: { state: 'awaiting' }` in `apps/pms-boot/src/settings.ts` with `{ state: 'known', loadBalancer: '<the output of the command below>' }`",
    );
  });

  it('finds the ALB on the dashboard by the anchored name term, labelling each series with its full dimension', () => {
    const json = JSON.stringify(body);
    expect(json).toContain(
      `SEARCH('{AWS/ApplicationELB,LoadBalancer} MetricName=\\"RequestCount\\" LoadBalancer=app/pms-boot-pms', 'Sum', 60)`,
    );
    expect(json).toContain("RequestCount ${PROP('Dim.LoadBalancer')}");
    // A quoted name would be an exact match on the whole value `app/pms-boot-pms/<id>` and match nothing.
    expect(dashboard.spec.dashboardBody).not.toMatch(/LoadBalancer=\\?"(app\/)?pms-boot-pms\\?"/);
    expect(dashboard.spec.dashboardBody).not.toMatch(/LoadBalancer=pms-boot-pms/);
  });
});

describe('README sections', () => {
  const { readme, monitoring } = render('pms-full');

  it('are the on-call page first (symptom index, runbook, rollback), then health, dashboard and alarms, Athena', () => {
    expect(monitoring.docs.map((d) => [d.title, d.order])).toEqual([
      ['Symptom index', 1],
      ['Runbook', 2],
      ['Rollback and emergency changes', 3],
      ['Health checks and probes', 60],
      ['Dashboard and alarms', 61],
      ['Access logs and Athena', 62],
    ]);
  });

  it('fill in the context, namespace, Ingress, tags and service DNS names', () => {
    expect(readme).toContain(
      'aws eks update-kubeconfig --region eu-central-1 --name pms-full-eks --alias pms-full',
    );
    expect(readme).toContain('kubectl --context pms-full -n pms describe ingress pms');
    expect(readme).toContain('Key=ingress.k8s.aws/resource,Values=pms/pms-apigateway:8080');
    expect(readme).toContain(
      "--query \"Attributes[?starts_with(Key, 'stickiness') || starts_with(Key, 'deregistration_delay')]\"",
    );
    expect(readme).toContain(
      'kubectl --context pms-full -n pms-aws get metricalarms.cloudwatch.services.k8s.aws,dashboards.cloudwatch.services.k8s.aws,',
    );
    expect(readme).toContain('Name=WebACL,Value=pms-full-acl-metric Name=Rule,Value=ALL');
    expect(readme).not.toMatch(/<cluster>|<region>|<account>|undefined/);
  });

  it("find the target groups by the IngressGroup's name (by default PMS_INGRESS_GROUP), the controller's stack tag", () => {
    expect(readme).toContain(
      `Key=elbv2.k8s.aws/cluster,Values=pms-full-eks Key=ingress.k8s.aws/stack,Values=${PMS_INGRESS_GROUP} \\`,
    );
    expect(readme).not.toContain('Values=pms/pms ');
    const named = render('pms-full', { ingressGroup: 'other' }).readme;
    expect(named).toContain('Key=ingress.k8s.aws/stack,Values=other \\');
    const ungrouped = render('pms-full', { ingressGroup: null }).readme;
    expect(ungrouped).toContain('Key=ingress.k8s.aws/stack,Values=pms/pms \\');
  });

  it('give every kubectl command the cluster context, including the prose and the last steps', () => {
    const kubectl = readme.split('\n').filter((line) => /\bkubectl /.test(line));
    expect(kubectl.length).toBeGreaterThan(10);
    for (const line of kubectl) {
      // A command is `kubectl <word>`; prose such as "kubectl 1.27 or later" is not one.
      const commands = line.match(/\bkubectl (?=[a-z-])[^`'"|;]*/g) ?? [];
      for (const command of commands) expect(command, line).toMatch(/^kubectl --context pms-full /);
    }
  });

  it('compute times portably (no GNU-only date -d), as Unix seconds the AWS CLI accepts', () => {
    expect(readme).not.toMatch(/date [^\n]*-d /);
    expect(readme).toContain('--start-time "$(( $(date +%s) - 3600 ))" --end-time "$(date +%s)"');
  });

  it('refer to the ingress section by its title', () => {
    expect(readme).toContain(`Compare with the "${TARGET_GROUPS_SECTION}" section of this README`);
    expect(TARGET_GROUPS_SECTION).toBe('Target groups');
  });

  it('test the native WebSocket route through the ALB, not the SockJS prefix', () => {
    expect(readme).toContain(
      "-H 'Sec-WebSocket-Key: cG1zLXJ1bmJvb2stcHJvYmU=' https://pms-full.example.com/ws/updates | head -1",
    );
    expect(readme).not.toContain('https://pms-full.example.com/ws/ ');
  });
  it('list every alarm with its missing-data reason', () => {
    for (const alarm of monitoring.alarms) {
      expect(readme).toContain(`| \`${alarm.spec.name}\` |`);
      expect(readme).toContain(`\`${alarm.spec.treatMissingData}\`: ${alarm.missingDataReason}`);
    }
  });
});

describe('runbook connectivity tests', () => {
  const { readme } = render('pms-full');
  const step6 = readme.slice(
    readme.indexOf(`### ${stepHeading('connectivity')}`),
    readme.indexOf(`### ${stepHeading('tls')}`),
  );
  const k = 'kubectl --context pms-full -n pms';

  it("use no separate debug pod, only a restricted, non-root ephemeral container in the caller's pod", () => {
    expect(step6).not.toContain('kubectl run');
    expect(step6).not.toContain(`${k} run`);
    expect(step6).toContain(
      `${k} debug "$target" --profile=restricted --custom=/tmp/pms-full-debug-nonroot.json --image=nicolaka/netshoot:v0.13`,
    );
    expect(step6).toContain('{"securityContext":{"runAsUser":65534,"runAsGroup":65534,"runAsNonRoot":true}}');
    expect(step6).toContain(
      `pod=$(${k} get pods -l app.kubernetes.io/name=frontend -o jsonpath='{.items[0].metadata.name}')`,
    );
  });

  it('probe every declared connection from its real caller, and nothing from the ALB or to kube-dns', () => {
    const callers = [...step6.matchAll(/^pod=\$\(\S+ --context pms-full -n pms get pods -l (\S+) /gm)].map(
      (m) => m[1],
    );
    expect(step6.match(/^debug_as "\$pod" '$/gm)).toHaveLength(callers.length);
    expect(callers).toEqual([
      'app.kubernetes.io/name=frontend',
      'app.kubernetes.io/name=apigateway',
      'app.kubernetes.io/name=analytics',
      'app.kubernetes.io/name=kafka,app.kubernetes.io/instance=kafka',
    ]);
    expect(step6).toContain(
      '  echo "must answer: apigateway → auth 8081/TCP (authentication)"; curl -sS -m 5 -o /dev/null -w "%{http_code} %{time_total}s\\n" http://auth.pms.svc.cluster.local:8081/actuator/health/readiness',
    );
    expect(step6).toContain(
      '  echo "must answer: apigateway → redis 6379/TCP (sessions)"; nc -z -v -w 3 redis.pms.svc.cluster.local 6379',
    );
    expect(step6).toContain(
      '  echo "dns: auth.pms.svc.cluster.local"; dig +short auth.pms.svc.cluster.local',
    );
    expect(step6).not.toMatch(/alb →|kube-dns/);
  });

  it('list every undeclared Service port of a caller as "should time out"', () => {
    const denied = [...step6.matchAll(/should time out: (apigateway → \S+ \d+)\/TCP/g)].map((m) => m[1]);
    expect(denied).toEqual(['apigateway → frontend 80', 'apigateway → kafka 9092']);
    expect(step6).toContain(
      '  echo "should time out: frontend → auth 8081/TCP"; nc -z -v -w 3 auth.pms.svc.cluster.local 8081',
    );
    // A caller's own Service is not listed as a denial.
    expect(step6).not.toContain('should time out: apigateway → apigateway');
  });

  it("reach a port only the pods listen on by another pod's IP, passed into the container, and skip it with one broker", () => {
    expect(step6).toContain(
      `PEER_KAFKA=$(${k} get pods -l app.kubernetes.io/name=kafka,app.kubernetes.io/instance=kafka -o jsonpath='{range .items[*]}{.metadata.name} {.status.podIP}{"\\n"}{end}' | awk -v me="$pod" '$1 != me {print $2; exit}')`,
    );
    // No items[1]: with one broker that is empty, and nc would probe nothing.
    expect(step6).not.toContain('items[1]');
    expect(step6).toContain(
      '  if [ -n "$PEER_KAFKA" ]; then echo "must answer: kafka → kafka 9093/TCP (KRaft quorum)"; nc -z -v -w 3 $PEER_KAFKA 9093; else echo "skipped: kafka → kafka 9093/TCP (KRaft quorum): no other kafka pod (one replica)"; fi',
    );
    expect(step6).toContain(`' PEER_KAFKA="$PEER_KAFKA"`);
    expect(step6).toContain('"${@/#/--env=}"');
  });
});

describe('health values reach what is rendered unchanged', () => {
  const services = TEST_SERVICES.map((service) =>
    service.name === 'apigateway'
      ? withHealth(service as WorkloadService, {
          targetGroup: {
            path: '/actuator/health/custom',
            intervalSeconds: 45,
            timeoutSeconds: 7,
            healthyThresholdCount: 3,
            unhealthyThresholdCount: 4,
            successCodes: '200,204',
          },
        })
      : service,
  );
  const { readme } = render('pms-full', { services });

  it('shows the target-group values in the runbook expectations and the health table', () => {
    expect(readme).toContain(
      '| apigateway | `pms/pms-apigateway:8080` | `/actuator/health/custom`, 45 s, 7 s, 3, 4, `200,204` |',
    );
    expect(readme).toContain(
      'HTTP `/actuator/health/custom` on traffic-port, codes 200,204, every 45 s, timeout 7 s, healthy 3, unhealthy 4',
    );
    expect(readme).toContain('35 s ≤ 180 s');
  });
});

describe('the ALB backends come from the catalogue (workloads with a health.targetGroup)', () => {
  const withoutTargetGroup = (name: string) =>
    TEST_SERVICES.map((service) =>
      service.name === name ? withHealth(service as WorkloadService, { targetGroup: null }) : service,
    );

  it('graphs and alarms only the target groups of workloads with a target-group check', () => {
    const { monitoring } = render('pms-lb', { services: withoutTargetGroup('frontend') });
    const unhealthy = monitoring.alarms.filter((a) => a.objectName.startsWith('unhealthy-hosts'));
    expect(unhealthy.map((a) => a.watches)).toEqual([
      expect.stringMatching(/; today that covers apigateway, /),
    ]);
  });

  it('refuses a target-group dimension for a Service that is not behind the ALB', () => {
    expect(() => render('pms-full', { services: withoutTargetGroup('frontend') })).toThrow(
      '[pms-full] monitoring.alb.targetGroups.frontend = "targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef": not a Service behind the ALB; allowed: one of apigateway (the workloads with a health.targetGroup in PMS_SERVICES (libs/networking/src/catalogue.ts)) (at pms-full/monitoring)',
    );
  });
});
