/**
 * Athena over the ALB's access logs: the table definition (RegexSerDe over AWS's documented access-log
 * entry format, with partition projection by day) and the queries the runbook uses, filled in for one cluster.
 */
import type { AccessLogSettings, AwsLocation } from '@pms/core';

/** One field of an ALB access-log entry: the column it becomes and the regular expression that captures it. */
interface LogField {
  /** Column name(s), one per capturing group of `pattern`. */
  readonly columns: readonly (readonly [name: string, type: 'string' | 'int' | 'bigint' | 'double'])[];
  /** Java regular expression; its capturing groups match `columns`. Fields are separated by one space. */
  readonly pattern: string;
}

const quoted = (name: string): LogField => ({ columns: [[name, 'string']], pattern: '"([^"]*)"' });
const token = (
  name: string,
  type: 'string' | 'int' | 'bigint' | 'double' = 'string',
  pattern = '([^ ]*)',
): LogField => ({
  columns: [[name, type]],
  pattern,
});

/**
 * The fields of an ALB access-log entry, in order (Elastic Load Balancing, "Access log entries" for application
 * load balancers). Newer fields the ALB may append later are kept, unparsed, in `trailing_fields`.
 */
export const ALB_LOG_FIELDS: readonly LogField[] = [
  token('type'),
  token('time'),
  token('elb'),
  {
    columns: [
      ['client_ip', 'string'],
      ['client_port', 'int'],
    ],
    pattern: '([^ ]*):([0-9]*)',
  },
  // "-" (no target) or ip:port
  {
    columns: [
      ['target_ip', 'string'],
      ['target_port', 'int'],
    ],
    pattern: '([^ ]*)[:-]([0-9]*)',
  },
  token('request_processing_time', 'double', '([-.0-9]*)'),
  token('target_processing_time', 'double', '([-.0-9]*)'),
  token('response_processing_time', 'double', '([-.0-9]*)'),
  token('elb_status_code', 'int', '(|[-0-9]*)'),
  token('target_status_code', 'string', '(-|[-0-9]*)'),
  token('received_bytes', 'bigint', '([-0-9]*)'),
  token('sent_bytes', 'bigint', '([-0-9]*)'),
  {
    columns: [
      ['request_verb', 'string'],
      ['request_url', 'string'],
      ['request_proto', 'string'],
    ],
    pattern: '"([^ ]*) (.*) (- |[^ ]*)"',
  },
  quoted('user_agent'),
  token('ssl_cipher'),
  token('ssl_protocol'),
  token('target_group_arn'),
  quoted('trace_id'),
  quoted('domain_name'),
  quoted('chosen_cert_arn'),
  token('matched_rule_priority', 'string', '([-.0-9]*)'),
  token('request_creation_time'),
  quoted('actions_executed'),
  quoted('redirect_url'),
  quoted('error_reason'),
  quoted('target_port_list'),
  quoted('target_status_code_list'),
  quoted('classification'),
  quoted('classification_reason'),
];

/** Optional last fields: `conn_trace_id` (absent in older entries) and anything the ALB adds later. */
const TAIL: LogField = {
  columns: [
    ['conn_trace_id', 'string'],
    ['trailing_fields', 'string'],
  ],
  pattern: '(?: ([^ ]*))?(.*)',
};

/** The RegexSerDe `input.regex` for ALB access logs (no single quotes or backslashes, so it embeds in SQL as is). */
export function albLogRegex(): string {
  return ALB_LOG_FIELDS.map((field) => field.pattern).join(' ') + TAIL.pattern;
}

/** Every column of the table, in order. */
export function albLogColumns(): readonly (readonly [string, string])[] {
  return [...ALB_LOG_FIELDS, TAIL].flatMap((field) => field.columns);
}

/** Where the ALB writes its logs: `s3://<bucket>/<prefix>/AWSLogs/<account>/elasticloadbalancing/<region>/`. */
export function accessLogLocation(logs: AccessLogSettings, aws: AwsLocation): string {
  return `s3://${logs.bucket}/${logs.prefix}/AWSLogs/${aws.accountId}/elasticloadbalancing/${aws.region}/`;
}

/** Athena database holding the PMS log tables. */
export const ATHENA_DATABASE = 'pms_logs';

/** Table of one cluster's ALB access logs, e.g. `pms_logs.alb_access_logs_pms_prod`. */
export function accessLogTable(cluster: string): string {
  return `${ATHENA_DATABASE}.alb_access_logs_${cluster.replace(/[^a-z0-9]/g, '_')}`;
}

/** First day partition projection enumerates (logs before it are not queried). */
export const PROJECTION_START_DAY = '2025/01/01';

/** `CREATE DATABASE` and `CREATE EXTERNAL TABLE` for the cluster's ALB access logs, partitioned by day (projection). */
export function albAccessLogTableDdl(cluster: string, logs: AccessLogSettings, aws: AwsLocation): string {
  const location = accessLogLocation(logs, aws);
  const columns = albLogColumns()
    .map(([name, type]) => `  ${name} ${type}`)
    .join(',\n');
  return [
    `CREATE DATABASE IF NOT EXISTS ${ATHENA_DATABASE};`,
    '',
    `CREATE EXTERNAL TABLE IF NOT EXISTS ${accessLogTable(cluster)} (`,
    columns,
    ')',
    'PARTITIONED BY (day string)',
    "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe'",
    'WITH SERDEPROPERTIES (',
    "  'serialization.format' = '1',",
    `  'input.regex' = '${albLogRegex()}'`,
    ')',
    `LOCATION '${location}'`,
    'TBLPROPERTIES (',
    "  'projection.enabled' = 'true',",
    "  'projection.day.type' = 'date',",
    `  'projection.day.range' = '${PROJECTION_START_DAY},NOW',`,
    "  'projection.day.format' = 'yyyy/MM/dd',",
    "  'projection.day.interval' = '1',",
    "  'projection.day.interval.unit' = 'DAYS',",
    `  'storage.location.template' = '${location}\${day}'`,
    ');',
  ].join('\n');
}

/**
 * The seed's question, filled in: how did WebSocket requests to `/ws/` on this host fare over the last day?
 * A successful upgrade is logged with status 101; `target_status_code` `-` means the target never answered.
 */
export function webSocketRequestsQuery(cluster: string, host: string): string {
  return [
    `SELECT type, elb_status_code, target_status_code, error_reason, count(*) AS requests,`,
    `       approx_percentile(request_processing_time + target_processing_time + response_processing_time, 0.99) AS p99_seconds`,
    `FROM ${accessLogTable(cluster)}`,
    `WHERE day >= date_format(current_date - interval '1' day, '%Y/%m/%d')`,
    `  AND domain_name = '${host}'`,
    `  AND url_extract_path(request_url) LIKE '/ws/%'`,
    `GROUP BY 1, 2, 3, 4`,
    `ORDER BY requests DESC;`,
  ].join('\n');
}

/** The failing `/ws/` requests of the last hour (4XX/5XX, or no answer from a target), newest first, with where they went. */
export function failingWebSocketRequestsQuery(cluster: string, host: string): string {
  return [
    `SELECT time, client_ip, target_ip, target_port, elb_status_code, target_status_code, error_reason,`,
    `       classification, actions_executed, target_group_arn, request_url, user_agent`,
    `FROM ${accessLogTable(cluster)}`,
    `WHERE day >= date_format(current_date - interval '1' day, '%Y/%m/%d')`,
    `  AND from_iso8601_timestamp(time) > current_timestamp - interval '1' hour`,
    `  AND domain_name = '${host}'`,
    `  AND url_extract_path(request_url) LIKE '/ws/%'`,
    `  AND (elb_status_code >= 400 OR target_status_code = '-')`,
    `ORDER BY time DESC`,
    `LIMIT 100;`,
  ].join('\n');
}

/**
 * The 5XX answers of the last hour by who answered: `elb_status_code` 5XX with `target_status_code` `-` is the load
 * balancer's own (no healthy target, a target that closed the connection, a timeout; `error_reason` says which), a
 * target 5XX is the application's. `target_ip` shows whether a few pods (a rollout, a drain) or all of them fail.
 */
export function serverErrorsQuery(cluster: string, host: string): string {
  return [
    `SELECT elb_status_code, target_status_code, error_reason, target_ip, count(*) AS requests`,
    `FROM ${accessLogTable(cluster)}`,
    `WHERE day >= date_format(current_date - interval '1' day, '%Y/%m/%d')`,
    `  AND from_iso8601_timestamp(time) > current_timestamp - interval '1' hour`,
    `  AND domain_name = '${host}'`,
    `  AND elb_status_code >= 500`,
    `GROUP BY 1, 2, 3, 4`,
    `ORDER BY requests DESC`,
    `LIMIT 50;`,
  ].join('\n');
}

/**
 * The requests the web ACL rejected in the last hour: status 403 with `waf` as the last action executed ("If this is
 * the final action, AWS WAF determined that the request should be rejected", ALB access log entries,
 * `actions_executed`), by path and client.
 */
export function wafBlockedRequestsQuery(cluster: string, host: string): string {
  return [
    `SELECT url_extract_path(request_url) AS path, client_ip, user_agent, count(*) AS requests`,
    `FROM ${accessLogTable(cluster)}`,
    `WHERE day >= date_format(current_date - interval '1' day, '%Y/%m/%d')`,
    `  AND from_iso8601_timestamp(time) > current_timestamp - interval '1' hour`,
    `  AND domain_name = '${host}'`,
    `  AND elb_status_code = 403`,
    `  AND element_at(split(actions_executed, ','), -1) = 'waf'`,
    `GROUP BY 1, 2, 3`,
    `ORDER BY requests DESC`,
    `LIMIT 50;`,
  ].join('\n');
}
