/**
 * Alarms that tell the truth: every rendered `MetricAlarm`'s description is held to its query. A description that
 * blames a target group its query does not filter on sends on-call to the wrong backend (a frontend outage paging as
 * "analytics"), so the render refuses it. Read from the rendered objects, so it holds whichever code wrote them.
 */
import { objectRef, ofKind, throwIfAny, type ConfigIssue, type Manifest } from '@pms/core';
import type { IMetricAlarm, IMetricAlarmSpec } from '@pms/crd-models';
import { ANY_TARGET_GROUP } from './alarms.js';
import { ACK_CLOUDWATCH_API_VERSION } from './api-version.js';

/** What an alarm's query filters on, read from its dimensions and Metrics Insights expressions. */
export interface QueryScope {
  /** `TargetGroup` dimension values the query selects (`=`, or a metric's dimension). */
  readonly targetGroups: readonly string[];
  /** `TargetGroup` values the query excludes (`!=` in a Metrics Insights `WHERE`). */
  readonly excludedTargetGroups: readonly string[];
  /** True when a Metrics Insights query groups by `TargetGroup`: it covers every target group it does not exclude. */
  readonly everyTargetGroup: boolean;
}

/** The scope of an alarm's query. */
export function queryScope(spec: Partial<IMetricAlarmSpec>): QueryScope {
  const dimensions = [
    ...(spec.dimensions ?? []),
    ...(spec.metrics ?? []).flatMap((q) => q.metricStat?.metric?.dimensions ?? []),
  ];
  const expressions = (spec.metrics ?? []).flatMap((q) =>
    q.expression?.startsWith('SELECT') ? [q.expression] : [],
  );
  const where = (operator: '=' | '!=') =>
    expressions.flatMap((e) =>
      [...e.matchAll(new RegExp(`\\bTargetGroup\\s*${operator}\\s*'([^']*)'`, 'g'))].map((m) => m[1]!),
    );
  return {
    targetGroups: [
      ...dimensions.flatMap((d) => (d.name === 'TargetGroup' && d.value !== undefined ? [d.value] : [])),
      ...where('='),
    ],
    excludedTargetGroups: where('!='),
    everyTargetGroup: expressions.some((e) => /\bGROUP BY\b[^)]*\bTargetGroup\b/.test(e)),
  };
}

/** What the descriptions are checked against. */
export interface AlarmScopeContext {
  /** The workloads behind the ALB (`health.targetGroup` in the catalogue): the names a description may blame. */
  readonly albBackends: readonly string[];
  /** Their known `TargetGroup` dimensions (`monitoring.alb.targetGroups`); a Service without one cannot be filtered on. */
  readonly targetGroups: Readonly<Record<string, string | undefined>>;
  /** The URL every description must end with (the cluster README's symptom index). */
  readonly runbook: string;
}

/**
 * The problems of one alarm's description against its query: a Service or target group named that the query does
 * not filter on; a query over every target group whose description does not say "any target group"; a single target
 * group the description does not name; no runbook URL.
 */
export function descriptionProblems(spec: Partial<IMetricAlarmSpec>, context: AlarmScopeContext): string[] {
  const description = spec.alarmDescription ?? '';
  const [text = ''] = description.split(' Runbook: ');
  const scope = queryScope(spec);
  const filtered = new Set([...scope.targetGroups, ...scope.excludedTargetGroups]);
  const problems: string[] = [];
  for (const service of context.albBackends) {
    if (!new RegExp(`\\b${service.replace(/[^\w-]/g, '')}\\b`).test(text)) continue;
    const dimension = context.targetGroups[service];
    if (dimension === undefined || !filtered.has(dimension)) {
      problems.push(
        `names the target group of ${service}, but the query does not filter on it (${dimension === undefined ? 'its TargetGroup dimension is not in the settings' : `it never mentions ${dimension}`})`,
      );
    }
  }
  for (const named of text.match(/targetgroup\/[\w-]+\/[0-9a-f]+/g) ?? []) {
    if (!filtered.has(named)) problems.push(`names ${named}, which the query does not filter on`);
  }
  if (scope.everyTargetGroup && !text.includes(ANY_TARGET_GROUP)) {
    problems.push(
      `its query covers every target group of the load balancer, but it does not say "${ANY_TARGET_GROUP}"`,
    );
  }
  for (const selected of scope.targetGroups) {
    if (!text.includes(selected)) problems.push(`its query selects ${selected}, which it does not name`);
  }
  if (!description.endsWith(` Runbook: ${context.runbook}`)) {
    problems.push(`does not end with the runbook's URL (Runbook: ${context.runbook})`);
  }
  return problems;
}

/**
 * Refuses every rendered MetricAlarm whose description does not match its query (`descriptionProblems`), one issue
 * per alarm naming the alarm, the description and every mismatch.
 */
export function checkAlarmScopes(
  cluster: string,
  manifests: readonly Manifest[],
  context: AlarmScopeContext,
): void {
  const issues: ConfigIssue[] = ofKind<IMetricAlarm>(
    manifests,
    ACK_CLOUDWATCH_API_VERSION,
    'MetricAlarm',
  ).flatMap((alarm): ConfigIssue[] => {
    const problems = descriptionProblems(alarm.spec ?? {}, context);
    if (problems.length === 0) return [];
    return [
      {
        cluster,
        field: `${objectRef(alarm)} spec.alarmDescription`,
        value: alarm.spec?.alarmDescription,
        problem: problems.join('; '),
        allowed: `a description that names only the target groups its query filters on (or says "${ANY_TARGET_GROUP}") and ends with the runbook's URL; buildAlarms (libs/monitoring/src/alarms.ts) writes it from the query's scope`,
        where: 'alarm description check',
      },
    ];
  });
  throwIfAny(issues);
}
