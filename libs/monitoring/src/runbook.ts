/**
 * The monitoring sections of a cluster's generated README: health values, dashboard and alarms, access
 * logs with Athena, and the on-call runbook, every name filled in from the same data the objects are built from.
 */
import { markdownTable, type ClusterSettings, type DocSection } from '@pms/core';
import { ALARMS_NEEDING_DIMENSION, type AlarmDefinition } from './alarms.js';
import { webAclName } from './alb-metrics.js';
import {
  accessLogLocation,
  accessLogTable,
  albAccessLogTableDdl,
  failingWebSocketRequestsQuery,
  webSocketRequestsQuery,
} from './athena.js';
import {
  albToleranceSeconds,
  readinessDetectionSeconds,
  type HealthCatalogue,
  type HttpProbe,
} from './health.js';

/** A Service the runbook refers to. */
export interface MonitoredService {
  /** Service name in the namespace (DNS label `<name>.<namespace>.svc.cluster.local`). */
  readonly name: string;
  /** Service port (equal to the container port). */
  readonly port: number;
}

/** Image of the debug pod the runbook starts (pinned: network tools, curl, dig). */
export const DEBUG_IMAGE = 'nicolaka/netshoot:v0.13';

/** The tags the AWS Load Balancer Controller puts on what it creates for an Ingress. */
export const CONTROLLER_TAGS = {
  /** Every resource: the controller's `clusterName` (the EKS cluster name). */
  cluster: 'elbv2.k8s.aws/cluster',
  /** Resources of one Ingress: `<namespace>/<ingress>` (or the IngressGroup name). */
  stack: 'ingress.k8s.aws/stack',
  /** Which one: `LoadBalancer`, `ManagedLBSecurityGroup`, or `<namespace>/<ingress>-<service>:<port>` for a target group. */
  resource: 'ingress.k8s.aws/resource',
} as const;

/** Everything the monitoring README sections are written from. */
export interface MonitoringDocsInput {
  readonly cluster: ClusterSettings;
  readonly namespace: string;
  readonly ingressName: string;
  readonly ingressStack: string;
  readonly services: readonly MonitoredService[];
  readonly albServices: readonly string[];
  readonly health: HealthCatalogue;
  readonly albName: string;
  readonly loadBalancer?: string;
  readonly dashboardName: string;
  readonly alarms: readonly AlarmDefinition[];
  readonly alarmTopicArn: string;
  readonly debugFrom: string;
  readonly order: number;
}

const bash = (lines: readonly string[]) => ['```bash', ...lines, '```'].join('\n');
const sql = (text: string) => ['```sql', text, '```'].join('\n');
const probeCell = (p: HttpProbe) =>
  `\`${p.path}\` delay ${p.initialDelaySeconds} s, every ${p.periodSeconds} s, timeout ${p.timeoutSeconds} s, success ${p.successThreshold}, failure ${p.failureThreshold}`;

/** `<service>.<namespace>.svc.cluster.local` */
export function serviceHost(service: string, namespace: string): string {
  return `${service}.${namespace}.svc.cluster.local`;
}

/** The value of `ingress.k8s.aws/resource` on the target group of a Service behind the Ingress. */
export function targetGroupResourceTag(
  namespace: string,
  ingressName: string,
  service: MonitoredService,
): string {
  return `${namespace}/${ingressName}-${service.name}:${service.port}`;
}

/** The README sections of the monitoring concern. */
export function monitoringDocs(input: MonitoringDocsInput): DocSection[] {
  return [healthSection(input), alarmsSection(input), accessLogSection(input), runbookSection(input)].map(
    (section, index) => ({ ...section, order: input.order + index }),
  );
}

function healthSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
  const rows = Object.entries(input.health).map(([name, h]) => {
    const tg = h.targetGroup;
    return [
      name,
      tg
        ? `${tg.protocol} \`${tg.path}\` on ${tg.port}, codes ${tg.successCodes}, every ${tg.intervalSeconds} s, timeout ${tg.timeoutSeconds} s, healthy ${tg.healthyThresholdCount}, unhealthy ${tg.unhealthyThresholdCount}`
        : '(not behind the ALB)',
      probeCell(h.readiness),
      probeCell(h.liveness),
      tg ? `${readinessDetectionSeconds(h.readiness)} s ≤ ${albToleranceSeconds(tg)} s` : '-',
    ];
  });
  return {
    title: 'Health checks and probes',
    body: [
      'One source (`PMS_HEALTH` in `libs/monitoring/src/health.ts`): the ingress helper writes the target-group values as Service annotations, the networking helper the probes.',
      '',
      markdownTable(
        [
          'Workload',
          'ALB target-group health check',
          'Readiness probe',
          'Liveness probe',
          'Readiness detection ≤ ALB tolerance',
        ],
        rows,
      ),
      '',
      'Rule checked at render time: readiness must take a failing pod out of the Service (and so out of the IP target group) no later than the ALB gives up on it: `failureThreshold × periodSeconds + timeoutSeconds` (readiness, worst case) ≤ `unhealthyThresholdCount × intervalSeconds` (ALB).',
    ].join('\n'),
  };
}

function alarmsSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
  const { region } = input.cluster.aws;
  const rows = input.alarms.map((a) => [
    `\`${a.spec.name}\``,
    a.watches,
    `${a.spec.datapointsToAlarm} of ${a.spec.evaluationPeriods} min`,
    `\`${a.spec.treatMissingData}\`: ${a.missingDataReason}`,
  ]);
  const present = new Set(input.alarms.map((a) => a.objectName));
  const waiting = ALARMS_NEEDING_DIMENSION.filter((name) => !present.has(name));
  const mode = input.loadBalancer
    ? `The ALB's dimension is known (\`${input.loadBalancer}\`): graphs and alarms address it exactly.`
    : [
        `The ALB's dimension (\`app/${input.albName}/<id>\`) is not in the settings yet. The dashboard finds the ALB by a metric SEARCH on its pinned name \`${input.albName}\`; alarms cannot search, so the count alarms run as Metrics Insights queries over every ALB of account ${input.cluster.aws.accountId} in ${region} (each ALB its own contributor).`,
        `Once the ALB exists, set \`monitoring.loadBalancer\` in \`apps/${input.cluster.name}/src/settings.ts\` to the output of:`,
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
      '',
      `Every alarm notifies \`${input.alarmTopicArn}\`.`,
      '',
      markdownTable(['Alarm', 'Fires when', 'Datapoints', 'Missing data'], rows),
      ...(waiting.length > 0
        ? [
            '',
            `Waiting for \`monitoring.loadBalancer\`: ${waiting.map((w) => `\`${w}\``).join(', ')} (Metrics Insights has no percentiles, and an alarm query cannot divide two metrics).`,
          ]
        : []),
    ].join('\n'),
  };
}

function accessLogSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
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

function runbookSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
  const { cluster, namespace: ns, ingressName } = input;
  const { region } = cluster.aws;
  const ctx = cluster.name;
  const k = `kubectl --context ${ctx} -n ${ns}`;
  const behind = input.services.filter((s) => input.albServices.includes(s.name));
  const tgVar = (name: string) => `TG_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const expected = behind.map((s) => {
    const tg = input.health[s.name]?.targetGroup;
    return [
      s.name,
      `\`${targetGroupResourceTag(ns, ingressName, s)}\``,
      tg
        ? `\`${tg.path}\`, ${tg.intervalSeconds} s, ${tg.timeoutSeconds} s, ${tg.healthyThresholdCount}, ${tg.unhealthyThresholdCount}, \`${tg.successCodes}\``
        : '-',
    ];
  });
  const first = input.services.find((s) => s.name === input.debugFrom);
  return {
    title: 'Runbook',
    body: [
      `On-call steps for **${cluster.name}** (AWS account \`${cluster.aws.accountId}\`, region \`${region}\`, namespace \`${ns}\`, Ingress \`${ns}/${ingressName}\`, ALB \`${input.albName}\`, host \`${cluster.host}\`).`,
      '',
      '### 1. Context and namespace',
      '',
      bash([
        `aws eks update-kubeconfig --region ${region} --name ${cluster.eksClusterName} --alias ${ctx}`,
        `${k} get pods,svc,endpointslices -o wide`,
        `${k} get events --sort-by=.lastTimestamp | tail -30`,
      ]),
      '',
      '### 2. Ingress and controller',
      '',
      bash([
        `${k} describe ingress ${ingressName}`,
        `${k} get ingress ${ingressName} -o jsonpath='{.status.loadBalancer.ingress[0].hostname}{"\\n"}'`,
        `kubectl --context ${ctx} -n kube-system logs deploy/aws-load-balancer-controller --since=30m | grep -iE 'error|${ns}/${ingressName}'`,
        `aws elbv2 describe-load-balancers --region ${region} --names ${input.albName} \\`,
        `  --query 'LoadBalancers[0].[LoadBalancerArn,DNSName,State.Code]' --output table`,
      ]),
      '',
      "### 3. Find the target groups by the controller's tags",
      '',
      `The controller tags what it creates with \`${CONTROLLER_TAGS.cluster}=${cluster.eksClusterName}\`, \`${CONTROLLER_TAGS.stack}=${input.ingressStack}\` and, on each target group, \`${CONTROLLER_TAGS.resource}=<namespace>/<ingress>-<service>:<port>\`. Target-group names are \`k8s-<namespace>-<service>-<hash>\` (8 characters each), so look them up by tag:`,
      '',
      bash([
        `aws resourcegroupstaggingapi get-resources --region ${region} --resource-type-filters elasticloadbalancing:targetgroup \\`,
        `  --tag-filters Key=${CONTROLLER_TAGS.cluster},Values=${cluster.eksClusterName} Key=${CONTROLLER_TAGS.stack},Values=${input.ingressStack} \\`,
        `  --query 'ResourceTagMappingList[].[ResourceARN, Tags[?Key==\`${CONTROLLER_TAGS.resource}\`].Value | [0]]' --output table`,
        ...behind.flatMap((s) => [
          `${tgVar(s.name)}=$(aws resourcegroupstaggingapi get-resources --region ${region} --resource-type-filters elasticloadbalancing:targetgroup \\`,
          `  --tag-filters Key=${CONTROLLER_TAGS.cluster},Values=${cluster.eksClusterName} Key=${CONTROLLER_TAGS.resource},Values=${targetGroupResourceTag(ns, ingressName, s)} \\`,
          `  --query 'ResourceTagMappingList[0].ResourceARN' --output text)`,
        ]),
      ]),
      '',
      '### 4. Target health and health-check settings',
      '',
      bash(
        behind.flatMap((s) => [
          `aws elbv2 describe-target-health --region ${region} --target-group-arn "$${tgVar(s.name)}" \\`,
          `  --query 'TargetHealthDescriptions[].[Target.Id,Target.Port,TargetHealth.State,TargetHealth.Reason,TargetHealth.Description]' --output table`,
          `aws elbv2 describe-target-groups --region ${region} --target-group-arns "$${tgVar(s.name)}" \\`,
          `  --query 'TargetGroups[0].[HealthCheckPath,HealthCheckIntervalSeconds,HealthCheckTimeoutSeconds,HealthyThresholdCount,UnhealthyThresholdCount,Matcher.HttpCode]' --output text`,
          `${k} get endpointslices -l kubernetes.io/service-name=${s.name} -o wide   # target IPs must be these pod IPs`,
        ]),
      ),
      '',
      'Expected (from the health values rendered above):',
      '',
      markdownTable(
        ['Service', `Tag ${CONTROLLER_TAGS.resource}`, 'Path, interval, timeout, healthy, unhealthy, codes'],
        expected,
      ),
      '',
      'A target `unhealthy` with reason `Target.ResponseCodeMismatch` answers the path with a code outside the matcher; `Target.Timeout` means no answer in time (NetworkPolicy, security group or a busy pod); targets `draining` while pods are replaced are normal.',
      '',
      '### 5. Stickiness',
      '',
      bash(
        behind.map(
          (s) =>
            `aws elbv2 describe-target-group-attributes --region ${region} --target-group-arn "$${tgVar(s.name)}" --query "Attributes[?starts_with(Key, 'stickiness')]" --output table`,
        ),
      ),
      '',
      'Compare with the ingress section of this README (stickiness is set there per target group).',
      '',
      '### 6. DNS and connectivity from inside the cluster',
      '',
      `A throw-away debug pod resolves names but, carrying no workload labels, is refused by the NetworkPolicies (default deny); to test a path as a real caller, attach an ephemeral container to a pod of \`${input.debugFrom}\` (container \`${input.debugFrom}\`), which shares its network identity and so its NetworkPolicies:`,
      '',
      bash([
        `${k} run debug-$USER --rm -it --restart=Never --image=${DEBUG_IMAGE} -- bash -c '${input.services
          .map((s) => `dig +short ${serviceHost(s.name, ns)}`)
          .join('; ')}'`,
        ...(first
          ? [
              `POD=$(${k} get pods -l app.kubernetes.io/name=${first.name} -o jsonpath='{.items[0].metadata.name}')`,
              `${k} debug -it "$POD" --image=${DEBUG_IMAGE} --target=${first.name} -- bash`,
            ]
          : []),
        '# inside the ephemeral container:',
        ...input.services
          .filter((s) => input.health[s.name])
          .map(
            (s) =>
              `curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' http://${serviceHost(s.name, ns)}:${s.port}${input.health[s.name]!.readiness.path}`,
          ),
        ...input.services
          .filter((s) => !input.health[s.name])
          .map((s) => `nc -zv -w 3 ${serviceHost(s.name, ns)} ${s.port}`),
      ]),
      '',
      'From outside, through the ALB (WebSocket upgrade must answer `101 Switching Protocols`):',
      '',
      bash([
        `dig +short ${cluster.host}`,
        `curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' https://${cluster.host}/`,
        `curl -sS -i -N --http1.1 --max-time 5 -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \\`,
        `  -H 'Sec-WebSocket-Key: cG1zLXJ1bmJvb2stcHJvYmU=' https://${cluster.host}/ws/ | head -1`,
      ]),
      '',
      '### 7. Logs, alarms and the web ACL',
      '',
      bash([
        ...input.albServices.map(
          (name) =>
            `${k} logs -l app.kubernetes.io/name=${name} --since=15m --prefix --max-log-requests=20 | grep -iE 'error|exception'`,
        ),
        `aws cloudwatch describe-alarms --region ${region} --alarm-name-prefix ${cluster.name}-pms- \\`,
        `  --query 'MetricAlarms[].[AlarmName,StateValue,StateReason]' --output table`,
        `${k} get metricalarms,dashboards -o custom-columns='NAME:.metadata.name,SYNCED:.status.conditions[?(@.type=="ACK.ResourceSynced")].status'`,
        `aws cloudwatch get-metric-statistics --region ${region} --namespace AWS/WAFV2 --metric-name BlockedRequests \\`,
        `  --dimensions Name=WebACL,Value=${webAclName(cluster.webAclArn)} Name=Rule,Value=ALL Name=Region,Value=${region} \\`,
        `  --start-time "$(date -u -d '-1 hour' +%FT%TZ)" --end-time "$(date -u +%FT%TZ)" --period 300 --statistics Sum`,
      ]),
      '',
      `ALB access logs: query \`${accessLogTable(cluster.name)}\` in Athena (see "Access logs and Athena").`,
    ].join('\n'),
  };
}
