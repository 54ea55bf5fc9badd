/**
 * The monitoring sections of a cluster's generated README (health values, dashboard and alarms, access logs with
 * Athena, and the on-call runbook), every name filled in from the same data the objects are built from. The
 * runbook is one function per step.
 */
import { markdownTable, TARGET_GROUPS_SECTION, type DocSection } from '@pms/core';
import type { ServiceDefinition } from '@pms/networking';
import { accessLogSection } from './access-log-section.js';
import { alarmsSection } from './alarms-section.js';
import { accessLogTable } from './athena.js';
import { connectivitySteps } from './connectivity.js';
import { bash, type MonitoringDocsInput } from './docs-input.js';
import { healthSection } from './health-section.js';

/** The tags the AWS Load Balancer Controller puts on what it creates for an Ingress. */
export const CONTROLLER_TAGS = {
  /** Every resource: the controller's `clusterName` (the EKS cluster name). */
  cluster: 'elbv2.k8s.aws/cluster',
  /** Resources of one load balancer: the IngressGroup name, or `<namespace>/<ingress>` for an Ingress outside a group. */
  stack: 'ingress.k8s.aws/stack',
  /** Which one: `LoadBalancer`, `ManagedLBSecurityGroup`, or `<namespace>/<ingress>-<service>:<port>` for a target group. */
  resource: 'ingress.k8s.aws/resource',
} as const;

/**
 * The value of the controller's `ingress.k8s.aws/stack` tag: the IngressGroup's name when the Ingress joins one
 * (`group.name` on its IngressClassParams or annotation), `<namespace>/<ingress>` otherwise.
 */
export function ingressStackTag(namespace: string, ingressName: string, ingressGroup?: string): string {
  return ingressGroup ?? `${namespace}/${ingressName}`;
}

/** The value of `ingress.k8s.aws/resource` on the target group of a Service behind the Ingress. */
export function targetGroupResourceTag(
  namespace: string,
  ingressName: string,
  service: Pick<ServiceDefinition, 'name' | 'port'>,
): string {
  return `${namespace}/${ingressName}-${service.name}:${service.port}`;
}

/** The README sections of the monitoring concern. */
export function monitoringDocs(input: MonitoringDocsInput): DocSection[] {
  return [healthSection(input), alarmsSection(input), accessLogSection(input), runbookSection(input)].map(
    (section, index) => ({ ...section, order: input.order + index }),
  );
}

/** What every step of the runbook reads: the input and the names derived from it. */
interface RunbookContext {
  readonly input: MonitoringDocsInput;
  /** `kubectl --context <cluster> -n <namespace>`. */
  readonly k: string;
  /** The Services behind the ALB. */
  readonly behind: readonly ServiceDefinition[];
}

/** The shell variable holding the ARN of a Service's target group, e.g. `TG_APIGATEWAY`. */
const tgVar = (name: string) => `TG_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** The on-call runbook: seven steps, each a function of the same context. */
export function runbookSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
  const { cluster, namespace: ns, ingressName } = input;
  const context: RunbookContext = {
    input,
    k: `kubectl --context ${cluster.name} -n ${ns}`,
    behind: input.services.filter((s) => input.albServices.includes(s.name)),
  };
  const steps = [
    contextStep,
    ingressStep,
    targetGroupsStep,
    targetHealthStep,
    stickinessStep,
    connectivityStep,
    logsStep,
  ];
  return {
    title: 'Runbook',
    body: [
      `On-call steps for **${cluster.name}** (AWS account \`${cluster.aws.accountId}\`, region \`${cluster.aws.region}\`, namespace \`${ns}\`, Ingress \`${ns}/${ingressName}\`, ALB \`${input.albName}\`, host \`${cluster.host}\`).`,
      ...steps.flatMap((step) => ['', ...step(context)]),
    ].join('\n'),
  };
}

/** 1. The kubeconfig context (the alias every later `kubectl` names) and the namespace's state. */
function contextStep({ input, k }: RunbookContext): string[] {
  const { cluster } = input;
  return [
    '### 1. Context and namespace',
    '',
    bash([
      `aws eks update-kubeconfig --region ${cluster.aws.region} --name ${cluster.eksClusterName} --alias ${cluster.name}`,
      `${k} get pods,svc,endpointslices -o wide`,
      `${k} get events --sort-by=.lastTimestamp | tail -30`,
    ]),
  ];
}

/** 2. The Ingress, the controller's logs about it, and the ALB by its pinned name. */
function ingressStep({ input, k }: RunbookContext): string[] {
  const { cluster, namespace: ns, ingressName } = input;
  return [
    '### 2. Ingress and controller',
    '',
    bash([
      `${k} describe ingress ${ingressName}`,
      `${k} get ingress ${ingressName} -o jsonpath='{.status.loadBalancer.ingress[0].hostname}{"\\n"}'`,
      `kubectl --context ${cluster.name} -n kube-system logs deploy/aws-load-balancer-controller --since=30m | grep -iE 'error|${ns}/${ingressName}'`,
      `aws elbv2 describe-load-balancers --region ${cluster.aws.region} --names ${input.albName} \\`,
      `  --query 'LoadBalancers[0].[LoadBalancerArn,DNSName,State.Code]' --output table`,
    ]),
  ];
}

/** 3. The target groups, found by the controller's tags (their names carry a hash). */
function targetGroupsStep({ input, behind }: RunbookContext): string[] {
  const { cluster, namespace: ns, ingressName } = input;
  const region = cluster.aws.region;
  const filters = `Key=${CONTROLLER_TAGS.cluster},Values=${cluster.eksClusterName} Key=${CONTROLLER_TAGS.stack},Values=${input.ingressStack}`;
  return [
    "### 3. Find the target groups by the controller's tags",
    '',
    `The controller tags what it creates with \`${CONTROLLER_TAGS.cluster}=${cluster.eksClusterName}\`, \`${CONTROLLER_TAGS.stack}=${input.ingressStack}\` (${input.ingressStack === `${ns}/${ingressName}` ? 'the Ingress is in no IngressGroup' : `the IngressGroup's name; the Ingress joins group \`${input.ingressStack}\``}) and, on each target group, \`${CONTROLLER_TAGS.resource}=<namespace>/<ingress>-<service>:<port>\`. Target-group names are \`k8s-<namespace>-<service>-<hash>\` (8 characters each), so look them up by tag:`,
    '',
    bash([
      `aws resourcegroupstaggingapi get-resources --region ${region} --resource-type-filters elasticloadbalancing:targetgroup \\`,
      `  --tag-filters ${filters} \\`,
      `  --query 'ResourceTagMappingList[].[ResourceARN, Tags[?Key==\`${CONTROLLER_TAGS.resource}\`].Value | [0]]' --output table`,
      ...behind.flatMap((s) => [
        `${tgVar(s.name)}=$(aws resourcegroupstaggingapi get-resources --region ${region} --resource-type-filters elasticloadbalancing:targetgroup \\`,
        `  --tag-filters ${filters} Key=${CONTROLLER_TAGS.resource},Values=${targetGroupResourceTag(ns, ingressName, s)} \\`,
        `  --query 'ResourceTagMappingList[0].ResourceARN' --output text)`,
      ]),
    ]),
  ];
}

/** 4. Target health and the target groups' health-check settings, against the catalogue's values. */
function targetHealthStep({ input, k, behind }: RunbookContext): string[] {
  const region = input.cluster.aws.region;
  const expected = behind.map((s) => {
    const tg = s.kind === 'workload' ? s.health.targetGroup : undefined;
    return [
      s.name,
      `\`${targetGroupResourceTag(input.namespace, input.ingressName, s)}\``,
      tg
        ? `\`${tg.path}\`, ${tg.intervalSeconds} s, ${tg.timeoutSeconds} s, ${tg.healthyThresholdCount}, ${tg.unhealthyThresholdCount}, \`${tg.successCodes}\``
        : '-',
    ];
  });
  return [
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
  ];
}

/** 5. The target groups' stickiness attributes, against the ingress section. */
function stickinessStep({ input, behind }: RunbookContext): string[] {
  return [
    '### 5. Stickiness',
    '',
    bash(
      behind.map(
        (s) =>
          `aws elbv2 describe-target-group-attributes --region ${input.cluster.aws.region} --target-group-arn "$${tgVar(s.name)}" --query "Attributes[?starts_with(Key, 'stickiness')]" --output table`,
      ),
    ),
    '',
    `Compare with the "${TARGET_GROUPS_SECTION}" section of this README (stickiness is set there per target group).`,
  ];
}

/** 6. DNS and connectivity from the real callers, then through the ALB (the WebSocket upgrade). */
function connectivityStep({ input, k }: RunbookContext): string[] {
  const { host } = input.cluster;
  return [
    '### 6. DNS and connectivity from inside the cluster',
    '',
    ...connectivitySteps(input, k),
    '',
    `From outside, through the ALB (the WebSocket upgrade at \`${input.webSocketPath}\` must answer \`101 Switching Protocols\`):`,
    '',
    bash([
      `dig +short ${host}`,
      `curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' https://${host}/`,
      `curl -sS -i -N --http1.1 --max-time 5 -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \\`,
      `  -H 'Sec-WebSocket-Key: cG1zLXJ1bmJvb2stcHJvYmU=' https://${host}${input.webSocketPath} | head -1`,
    ]),
  ];
}

/** 7. The ALB backends' logs, the alarms' states, ACK's sync status and the web ACL's blocked requests. */
function logsStep({ input, k }: RunbookContext): string[] {
  const { cluster } = input;
  const region = cluster.aws.region;
  return [
    '### 7. Logs, alarms and the web ACL',
    '',
    bash([
      ...input.albServices.map(
        (name) =>
          `${k} logs -l app.kubernetes.io/name=${name} --since=15m --prefix --max-log-requests=20 | grep -iE 'error|exception'`,
      ),
      `aws cloudwatch describe-alarms --region ${region} --alarm-name-prefix ${cluster.name}-pms- \\`,
      `  --query 'MetricAlarms[].[AlarmName,StateValue,StateReason]' --output table`,
      `kubectl --context ${cluster.name} -n ${input.resourcesNamespace} get metricalarms,dashboards -o custom-columns='NAME:.metadata.name,SYNCED:.status.conditions[?(@.type=="ACK.ResourceSynced")].status'`,
      `aws cloudwatch get-metric-statistics --region ${region} --namespace AWS/WAFV2 --metric-name BlockedRequests \\`,
      `  --dimensions Name=WebACL,Value=${input.webAclMetricName} Name=Rule,Value=ALL Name=Region,Value=${region} \\`,
      // Unix seconds (the AWS CLI accepts them): `date +%s` and shell arithmetic work with GNU and BSD/macOS date alike.
      `  --start-time "$(( $(date +%s) - 3600 ))" --end-time "$(date +%s)" --period 300 --statistics Sum`,
    ]),
    '',
    `ALB access logs: query \`${accessLogTable(cluster.name)}\` in Athena (see "Access logs and Athena").`,
  ];
}
