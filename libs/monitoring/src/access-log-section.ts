/** The "Access logs and Athena" README section: where the ALB writes its logs, the table and the WebSocket queries. */
import { DEFAULT_ACCESS_LOG_RETENTION_DAYS, type DocSection } from '@pms/core';
import {
  accessLogLocation,
  albAccessLogTableDdl,
  failingWebSocketRequestsQuery,
  webSocketRequestsQuery,
} from './athena.js';
import { sql, type MonitoringDocsInput } from './docs-input.js';

/** The access-log location, the Athena table DDL and the two `/ws/` queries on the cluster's host. */
export function accessLogSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
  const { cluster } = input;
  // The bucket's lifecycle (security's access-log Bucket) expires the logs; an external bucket keeps its own rules.
  const retention =
    cluster.accessLogs.external === true
      ? 'The bucket is external (`accessLogs.external`): how long logs are kept is its owner’s lifecycle configuration.'
      : `Logs expire after ${cluster.accessLogs.retentionDays ?? DEFAULT_ACCESS_LOG_RETENTION_DAYS} days (the bucket's lifecycle rule, settings \`accessLogs.retentionDays\`): queries reach back no further.`;
  return {
    title: 'Access logs and Athena',
    body: [
      `The ALB writes access logs to \`${accessLogLocation(cluster.accessLogs, cluster.aws)}\` (bucket \`${cluster.accessLogs.bucket}\`, prefix \`${cluster.accessLogs.prefix}\`), one folder per day. ${retention} Create the table once, in Athena in ${cluster.aws.region}:`,
      '',
      sql(albAccessLogTableDdl(cluster.name, cluster.accessLogs, cluster.aws)),
      '',
      `WebSocket requests to \`/ws/\` on \`${cluster.host}\` over the last day, by outcome (a successful upgrade is \`101\`; target status \`-\` means no target answered):`,
      '',
      sql(webSocketRequestsQuery(cluster.name, cluster.host)),
      '',
      'The failing ones of the last hour:',
      '',
      sql(failingWebSocketRequestsQuery(cluster.name, cluster.host)),
    ].join('\n'),
  };
}
