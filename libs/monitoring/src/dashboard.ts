/**
 * The CloudWatch dashboard body of one cluster (CloudWatch "Dashboard Body Structure"): graphs of the ALB's
 * traffic, errors, latency (average and percentiles), target health, connections (WebSocket load), consumed LCUs
 * against the expected maximum, and the web ACL's blocked requests. Pure data; `PmsMonitoring` renders it as the `dashboardBody` JSON string of an ACK `Dashboard`.
 */
import {
  ALB_NAMESPACE,
  albSearchExpression,
  LCU_PERIOD_SECONDS,
  PERIOD_SECONDS,
  WAF_NAMESPACE,
  type AlbLocator,
  type AlbMetricName,
} from './alb-metrics.js';

/** Rendering options of a metric line (CloudWatch's metric-array options object). */
interface MetricOptions {
  readonly stat?: string;
  readonly label?: string;
  readonly id?: string;
  readonly color?: string;
}

/** One entry of a metric widget's `metrics`: a metric array, or an expression object. */
export type DashboardMetric =
  | readonly (string | MetricOptions)[]
  | readonly [{ readonly expression: string; readonly id: string; readonly label?: string }];

/** A dashboard widget (metric graph or Markdown text). */
export interface DashboardWidget {
  readonly type: 'metric' | 'text';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** The dashboard body (serialized with `JSON.stringify` into `dashboardBody`). */
export interface DashboardBody {
  readonly start: string;
  readonly periodOverride: 'auto' | 'inherit';
  readonly widgets: readonly DashboardWidget[];
}

/** What the dashboard shows. */
export interface DashboardInput {
  /** Cluster name, shown in the title. */
  readonly cluster: string;
  /** AWS region of the metrics. */
  readonly region: string;
  /** How to find the ALB's metrics. */
  readonly alb: AlbLocator;
  /** Known `TargetGroup` dimensions by Service (used only with the exact ALB dimension). */
  readonly targetGroups: Readonly<Record<string, string | undefined>>;
  /** Services behind the ALB (their target groups are graphed). */
  readonly albServices: readonly string[];
  /**
   * The `WebACL` dimension of the web ACL's WAFv2 metrics: its `visibilityConfig.metricName` (the security
   * concern's `PmsWebAcl.metricName`), which need not equal the ACL's name.
   */
  readonly webAclMetricName: string;
  /** Host served by the ALB, for the header. */
  readonly host: string;
  /**
   * The expected maximum LCUs in one hour (the ingress's cost estimate): drawn as a line on the LCU graph.
   * @default none
   */
  readonly expectedMaxLcu?: number;
}

const WIDTH = 12;
const HEIGHT = 6;

/** Builds the dashboard body; every metric the monitoring concern promises appears in it. */
export function buildDashboardBody(input: DashboardInput): DashboardBody {
  const { alb, region } = input;
  let n = 0;
  const nextId = () => `m${++n}`;

  // A search on the name may match another ALB whose name starts with it: every series it returns is labelled
  // with its full LoadBalancer dimension, so such a stranger shows up in the legend.
  const searchLabel = (label: string) => `${label} \${PROP('Dim.LoadBalancer')}`;

  /** One ALB-level metric: exact metric array, or a SEARCH expression on the pinned name. */
  const albMetric = (
    metric: AlbMetricName,
    stat: string,
    label: string,
    period: number = PERIOD_SECONDS,
  ): DashboardMetric =>
    alb.mode === 'exact'
      ? [ALB_NAMESPACE, metric, 'LoadBalancer', alb.loadBalancer, { stat, label, id: nextId() }]
      : [
          {
            expression: albSearchExpression(alb, metric, stat, false, period),
            id: nextId().replace('m', 'e'),
            label: searchLabel(label),
          },
        ];

  /** Per-target-group metric lines: exact where the target group is known, a search otherwise. */
  const targetGroupMetrics = (metric: AlbMetricName, stat: string): DashboardMetric[] => {
    const known = input.albServices.map((svc) => [svc, input.targetGroups[svc]] as const);
    if (alb.mode === 'exact' && known.every(([, tg]) => tg !== undefined)) {
      return known.map(([svc, tg]) => [
        ALB_NAMESPACE,
        metric,
        'TargetGroup',
        tg!,
        'LoadBalancer',
        alb.loadBalancer,
        { stat, label: `${metric} ${svc}`, id: nextId() },
      ]);
    }
    return [
      [
        {
          expression: albSearchExpression(alb, metric, stat, true),
          id: nextId().replace('m', 'e'),
          label:
            alb.mode === 'exact'
              ? `${metric} \${PROP('Dim.TargetGroup')}`
              : searchLabel(`${metric} \${PROP('Dim.TargetGroup')}`),
        },
      ],
    ];
  };

  const graph = (title: string, metrics: DashboardMetric[], extra: Record<string, unknown> = {}) => ({
    title,
    region,
    view: 'timeSeries',
    stacked: false,
    period: PERIOD_SECONDS,
    metrics,
    ...extra,
  });

  const how =
    alb.mode === 'exact'
      ? `ALB dimension \`${alb.loadBalancer}\` (from \`monitoring.alb.loadBalancer\`).`
      : `ALB found by a metric SEARCH on its pinned name (\`LoadBalancer=app/${alb.name}\`, a partial match: check that every series is \`app/${alb.name}/…\`). No alarms until \`monitoring.alb\` is \`known\`.`;

  const panels: { title: string; props: Record<string, unknown> }[] = [
    {
      title: 'Requests and target responses (count per minute)',
      props: graph('Requests and target responses (count per minute)', [
        albMetric('RequestCount', 'Sum', 'RequestCount'),
        albMetric('HTTPCode_Target_2XX_Count', 'Sum', 'Target 2XX'),
        albMetric('HTTPCode_Target_4XX_Count', 'Sum', 'Target 4XX'),
        albMetric('HTTPCode_Target_5XX_Count', 'Sum', 'Target 5XX'),
      ]),
    },
    {
      title: 'TargetResponseTime (seconds)',
      props: graph('TargetResponseTime (seconds)', [
        // The design's figure is the average; the percentiles show what the average hides (the slow tail).
        albMetric('TargetResponseTime', 'Average', 'Average'),
        albMetric('TargetResponseTime', 'p50', 'p50'),
        albMetric('TargetResponseTime', 'p90', 'p90'),
        albMetric('TargetResponseTime', 'p99', 'p99'),
      ]),
    },
    {
      title: 'Load balancer errors (count per minute)',
      props: graph('Load balancer errors (count per minute)', [
        albMetric('HTTPCode_ELB_5XX_Count', 'Sum', 'ELB 5XX'),
        albMetric('RejectedConnectionCount', 'Sum', 'Rejected connections'),
      ]),
    },
    {
      title: 'Target health per target group',
      props: graph('Target health per target group', [
        ...targetGroupMetrics('HealthyHostCount', 'Minimum'),
        ...targetGroupMetrics('UnHealthyHostCount', 'Maximum'),
      ]),
    },
    {
      title: 'Connections (WebSocket load)',
      props: graph('Connections (WebSocket load)', [
        albMetric('ActiveConnectionCount', 'Sum', 'Active connections'),
        albMetric('NewConnectionCount', 'Sum', 'New connections'),
      ]),
    },
    {
      title: 'ConsumedLCUs (LCUs per hour, what AWS bills)',
      props: graph(
        'ConsumedLCUs (LCUs per hour, what AWS bills)',
        [albMetric('ConsumedLCUs', 'Sum', 'ConsumedLCUs', LCU_PERIOD_SECONDS)],
        {
          period: LCU_PERIOD_SECONDS,
          ...(input.expectedMaxLcu !== undefined
            ? {
                annotations: {
                  horizontal: [{ label: 'expected maximum (peak hour)', value: input.expectedMaxLcu }],
                },
              }
            : {}),
        },
      ),
    },
    {
      title: `Web ACL ${input.webAclMetricName}: blocked and allowed requests`,
      props: graph(`Web ACL ${input.webAclMetricName}: blocked and allowed requests`, [
        [
          WAF_NAMESPACE,
          'BlockedRequests',
          'WebACL',
          input.webAclMetricName,
          'Rule',
          'ALL',
          'Region',
          region,
          { stat: 'Sum', label: 'Blocked', id: nextId() },
        ],
        [
          WAF_NAMESPACE,
          'AllowedRequests',
          'WebACL',
          input.webAclMetricName,
          'Rule',
          'ALL',
          'Region',
          region,
          { stat: 'Sum', label: 'Allowed', id: nextId() },
        ],
      ]),
    },
  ];

  const header: DashboardWidget = {
    type: 'text',
    x: 0,
    y: 0,
    width: 24,
    height: 2,
    properties: {
      markdown: `# PMS ${input.cluster}: https://${input.host}\n${how} Runbook: \`clusters/${input.cluster}/README.md\`.`,
    },
  };
  const widgets = panels.map((panel, index): DashboardWidget => ({
    type: 'metric',
    x: (index % 2) * WIDTH,
    y: 2 + Math.floor(index / 2) * HEIGHT,
    width: WIDTH,
    height: HEIGHT,
    properties: panel.props,
  }));
  return { start: '-PT3H', periodOverride: 'auto', widgets: [header, ...widgets] };
}

/** CloudWatch dashboard names: 1-255 characters, letters, digits, `-` and `_`. */
export function dashboardName(cluster: string): string {
  return `${cluster}-pms`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 255);
}
