/** The "Dashboard and alarms" README section: the dashboard's link, the alarms, or the bootstrap while the ALB is awaited. */
import { markdownTable, type DocSection } from '@pms/core';
import { ALB_ALARMS } from './alarms.js';
import { bash, type MonitoringDocsInput } from './docs-input.js';

/** The dashboard and every alarm, or, without the ALB's dimension, why there are none and how to get it. */
export function alarmsSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
  const { region } = input.cluster.aws;
  const rows = input.alarms.map((a) => [
    `\`${a.spec.name}\``,
    a.watches,
    `${a.spec.datapointsToAlarm} of ${a.spec.evaluationPeriods} ${(a.spec.period ?? 60) >= 3600 ? 'h' : 'min'}`,
    `\`${a.spec.treatMissingData}\`: ${a.missingDataReason}`,
  ]);
  const mode = input.loadBalancer
    ? `The ALB's dimension is known (\`${input.loadBalancer}\`): graphs and alarms address it exactly.`
    : [
        `**No alarms yet.** The ALB's dimension (\`app/${input.albName}/<id>\`) is not in the settings. Alarms cannot search by name, and a Metrics Insights query cannot be scoped to a dimension it does not know, so any alarm rendered now would watch every ALB of account ${input.cluster.aws.accountId} in ${region}: none is rendered. The dashboard finds the ALB by a metric SEARCH on its pinned name (a partial match; every series is labelled with its full dimension).`,
        '',
        `Bootstrap: once the first sync has created the ALB, replace \`monitoring.alb: { state: 'awaiting' }\` in \`apps/${input.cluster.name}/src/settings.ts\` with \`{ state: 'known', loadBalancer: '<the output of the command below>' }\` and merge; that renders ${ALB_ALARMS.map((w) => `\`${w}\``).join(', ')} and \`unhealthy-hosts\`.`,
        '',
        bash([
          `aws elbv2 describe-load-balancers --region ${region} --names ${input.albName} \\`,
          `  --query 'LoadBalancers[0].LoadBalancerArn' --output text | sed 's|.*:loadbalancer/||'`,
        ]),
      ].join('\n');
  return {
    title: 'Dashboard and alarms',
    body: [
      `Dashboard \`${input.dashboardName}\`: https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards/dashboard/${input.dashboardName}`,
      '',
      mode,
      ...(input.alarms.length > 0
        ? [
            '',
            `Every alarm notifies \`${input.alarmTopicArn}\`.`,
            '',
            markdownTable(['Alarm', 'Fires when', 'Datapoints', 'Missing data'], rows),
          ]
        : []),
    ].join('\n'),
  };
}
