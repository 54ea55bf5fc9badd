/** The "Access logs and Athena" README section: where the ALB writes its logs, the table and the WebSocket queries. */
import type { DocSection } from '@pms/core';
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
  return {
    title: 'Access logs and Athena',
    body: [
      `The ALB writes access logs to \`${accessLogLocation(cluster.accessLogs, cluster.aws)}\` (bucket \`${cluster.accessLogs.bucket}\`, prefix \`${cluster.accessLogs.prefix}\`), one folder per day. Create the table once, in Athena in ${cluster.aws.region}:`,
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
