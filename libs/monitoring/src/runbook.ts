/**
 * The monitoring sections of a cluster's generated README: health values, dashboard and alarms, access
 * logs with Athena, and the on-call runbook, every name filled in from the same data the objects are built from.
 */
import { markdownTable, TARGET_GROUPS_SECTION, type ClusterSettings, type DocSection } from '@pms/core';
import { ALB_ALARMS, type AlarmDefinition } from './alarms.js';
import {
  accessLogLocation,
  accessLogTable,
  albAccessLogTableDdl,
  failingWebSocketRequestsQuery,
  webSocketRequestsQuery,
} from './athena.js';
import {
  albToleranceSeconds,
  CATALOGUE_FILE,
  readinessDetectionSeconds,
  type GraphEdge,
  type HttpProbe,
  type ServiceDefinition,
} from '@pms/networking';

/**
 * Image of the ephemeral debug container (pinned: curl, dig, nc). It runs as root by default, so the runbook
 * runs it as `DEBUG_USER` (a non-root user) under kubectl's `restricted` debug profile.
 */
export const DEBUG_IMAGE = 'nicolaka/netshoot:v0.13';
/** UID and GID the debug container runs as (`nobody`): the restricted Pod Security Standard requires non-root. */
export const DEBUG_USER = 65534;

/** The tags the AWS Load Balancer Controller puts on what it creates for an Ingress. */
export const CONTROLLER_TAGS = {
  /** Every resource: the controller's `clusterName` (the EKS cluster name). */
  cluster: 'elbv2.k8s.aws/cluster',
  /** Resources of one load balancer: the IngressGroup name, or `<namespace>/<ingress>` for an Ingress outside a group. */
  stack: 'ingress.k8s.aws/stack',
  /** Which one: `LoadBalancer`, `ManagedLBSecurityGroup`, or `<namespace>/<ingress>-<service>:<port>` for a target group. */
  resource: 'ingress.k8s.aws/resource',
} as const;

/** Everything the monitoring README sections are written from (`PmsMonitoring` fills it from its props). */
export interface MonitoringDocsInput {
  /** The cluster's shared settings: name (kubectl context), account, region, EKS name, host, access logs. */
  readonly cluster: ClusterSettings;
  /** Namespace of the Ingress, the Services and the workloads, e.g. `pms`. */
  readonly namespace: string;
  /** Namespace of the ACK Dashboard and MetricAlarms, e.g. `pms-aws`. */
  readonly resourcesNamespace: string;
  /** Name of the Ingress the ALB is created for (in `namespace`), e.g. `pms`. */
  readonly ingressName: string;
  /** Value of the controller's `ingress.k8s.aws/stack` tag (see `ingressStackTag`), e.g. `pms`. */
  readonly ingressStack: string;
  /**
   * The Services of `namespace` (the catalogue): pod labels for the target-group tags, DNS and connectivity tests;
   * the workloads' health values for the health table and the expected target-group settings.
   */
  readonly services: readonly ServiceDefinition[];
  /** The connections the NetworkPolicies allow (the graph's edges); the runbook probes them from their callers. */
  readonly connections: readonly GraphEdge[];
  /** Names of the workloads behind the ALB (those with a target-group health check), e.g. `frontend`, `apigateway`. */
  readonly albServices: readonly string[];
  /** The ALB's pinned name (`albName(cluster)`), e.g. `pms-prod-pms`. */
  readonly albName: string;
  /**
   * The ALB's CloudWatch `LoadBalancer` dimension, `app/<albName>/<id>`, once known.
   * @default undefined (not known yet: the "Dashboard and alarms" section explains the bootstrap)
   */
  readonly loadBalancer?: string;
  /** Name of the CloudWatch dashboard, e.g. `pms-prod-pms`. */
  readonly dashboardName: string;
  /** The alarms rendered as MetricAlarms (none before `loadBalancer` is known). */
  readonly alarms: readonly AlarmDefinition[];
  /** ARN of the SNS topic every alarm notifies. */
  readonly alarmTopicArn: string;
  /** The `WebACL` dimension of the web ACL's metrics (its `visibilityConfig.metricName`). */
  readonly webAclMetricName: string;
  /** Path of the native WebSocket endpoint behind the ALB, for the upgrade test, e.g. `/ws/updates`. */
  readonly webSocketPath: string;
  /** Sort key of the first section; the four sections take consecutive keys. */
  readonly order: number;
}

/**
 * The value of the controller's `ingress.k8s.aws/stack` tag: the IngressGroup's name when the Ingress joins one
 * (`group.name` on its IngressClassParams or annotation), `<namespace>/<ingress>` otherwise.
 */
export function ingressStackTag(namespace: string, ingressName: string, ingressGroup?: string): string {
  return ingressGroup ?? `${namespace}/${ingressName}`;
}

/** The label selector (`k=v,k=v`) of a Service's pods. */
export function podSelector(service: Pick<ServiceDefinition, 'podLabels'>): string {
  return Object.entries(service.podLabels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** One probe of the connectivity test: a connection from a caller that must answer, or one that must time out. */
export interface ConnectionProbe {
  readonly to: ServiceDefinition;
  readonly port: number;
  /** `allowed`: declared, must answer; `denied`: not declared, must time out (NetworkPolicies drop it). */
  readonly expect: 'allowed' | 'denied';
  /** The port is not the Service's: probe a pod of `to` by IP. */
  readonly byPodIp: boolean;
  readonly purpose?: string;
}

/**
 * The connectivity probes per caller, derived from the declared connections: every declared TCP connection
 * between Services (must answer), and every other Service port the caller has no connection to (must time out).
 * A caller's own Service is not probed for denial (traffic to a pod's own Service may hairpin back to itself).
 */
export function connectionProbes(
  services: readonly ServiceDefinition[],
  connections: readonly GraphEdge[],
): { readonly caller: ServiceDefinition; readonly probes: readonly ConnectionProbe[] }[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const declared = connections.filter((c) => c.protocol === 'TCP' && byName.has(c.from) && byName.has(c.to));
  const callers = services.filter((s) => declared.some((c) => c.from === s.name));
  return callers.map((caller) => {
    const allowed: ConnectionProbe[] = declared
      .filter((c) => c.from === caller.name)
      .map((c) => {
        const to = byName.get(c.to)!;
        return {
          to,
          port: c.port,
          expect: 'allowed',
          byPodIp: c.port !== to.port,
          ...(c.purpose ? { purpose: c.purpose } : {}),
        };
      });
    const denied: ConnectionProbe[] = services
      .filter((s) => s.name !== caller.name)
      .filter((s) => !allowed.some((a) => a.to.name === s.name && a.port === s.port))
      .map((to) => ({ to, port: to.port, expect: 'denied', byPodIp: false }));
    return { caller, probes: [...allowed, ...denied] };
  });
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

function healthSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
  const rows = input.services.flatMap((service) => {
    if (service.kind !== 'workload') return [];
    const h = service.health;
    const tg = h.targetGroup;
    return [
      [
        service.name,
        tg
          ? `${tg.protocol} \`${tg.path}\` on ${tg.port}, codes ${tg.successCodes}, every ${tg.intervalSeconds} s, timeout ${tg.timeoutSeconds} s, healthy ${tg.healthyThresholdCount}, unhealthy ${tg.unhealthyThresholdCount}`
          : '(not behind the ALB)',
        probeCell(h.readiness),
        probeCell(h.liveness),
        tg ? `${readinessDetectionSeconds(h.readiness)} s ≤ ${albToleranceSeconds(tg)} s` : '-',
      ],
    ];
  });
  return {
    title: 'Health checks and probes',
    body: [
      `One source (the \`health\` of each workload in \`PMS_SERVICES\`, \`${CATALOGUE_FILE}\`): the ingress helper writes the target-group values as Service annotations, the networking helper the probes.`,
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
  const targetGroupOf = (s: ServiceDefinition) => (s.kind === 'workload' ? s.health.targetGroup : undefined);
  const tgVar = (name: string) => `TG_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const expected = behind.map((s) => {
    const tg = targetGroupOf(s);
    return [
      s.name,
      `\`${targetGroupResourceTag(ns, ingressName, s)}\``,
      tg
        ? `\`${tg.path}\`, ${tg.intervalSeconds} s, ${tg.timeoutSeconds} s, ${tg.healthyThresholdCount}, ${tg.unhealthyThresholdCount}, \`${tg.successCodes}\``
        : '-',
    ];
  });
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
      `The controller tags what it creates with \`${CONTROLLER_TAGS.cluster}=${cluster.eksClusterName}\`, \`${CONTROLLER_TAGS.stack}=${input.ingressStack}\` (${input.ingressStack === `${ns}/${ingressName}` ? 'the Ingress is in no IngressGroup' : `the IngressGroup's name; the Ingress joins group \`${input.ingressStack}\``}) and, on each target group, \`${CONTROLLER_TAGS.resource}=<namespace>/<ingress>-<service>:<port>\`. Target-group names are \`k8s-<namespace>-<service>-<hash>\` (8 characters each), so look them up by tag:`,
      '',
      bash([
        `aws resourcegroupstaggingapi get-resources --region ${region} --resource-type-filters elasticloadbalancing:targetgroup \\`,
        `  --tag-filters Key=${CONTROLLER_TAGS.cluster},Values=${cluster.eksClusterName} Key=${CONTROLLER_TAGS.stack},Values=${input.ingressStack} \\`,
        `  --query 'ResourceTagMappingList[].[ResourceARN, Tags[?Key==\`${CONTROLLER_TAGS.resource}\`].Value | [0]]' --output table`,
        ...behind.flatMap((s) => [
          `${tgVar(s.name)}=$(aws resourcegroupstaggingapi get-resources --region ${region} --resource-type-filters elasticloadbalancing:targetgroup \\`,
          `  --tag-filters Key=${CONTROLLER_TAGS.cluster},Values=${cluster.eksClusterName} Key=${CONTROLLER_TAGS.stack},Values=${input.ingressStack} Key=${CONTROLLER_TAGS.resource},Values=${targetGroupResourceTag(ns, ingressName, s)} \\`,
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
      `Compare with the "${TARGET_GROUPS_SECTION}" section of this README (stickiness is set there per target group).`,
      '',
      '### 6. DNS and connectivity from inside the cluster',
      '',
      ...connectivitySteps(input, k),
      '',
      `From outside, through the ALB (the WebSocket upgrade at \`${input.webSocketPath}\` must answer \`101 Switching Protocols\`):`,
      '',
      bash([
        `dig +short ${cluster.host}`,
        `curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' https://${cluster.host}/`,
        `curl -sS -i -N --http1.1 --max-time 5 -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \\`,
        `  -H 'Sec-WebSocket-Key: cG1zLXJ1bmJvb2stcHJvYmU=' https://${cluster.host}${input.webSocketPath} | head -1`,
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
        `kubectl --context ${ctx} -n ${input.resourcesNamespace} get metricalarms,dashboards -o custom-columns='NAME:.metadata.name,SYNCED:.status.conditions[?(@.type=="ACK.ResourceSynced")].status'`,
        `aws cloudwatch get-metric-statistics --region ${region} --namespace AWS/WAFV2 --metric-name BlockedRequests \\`,
        `  --dimensions Name=WebACL,Value=${input.webAclMetricName} Name=Rule,Value=ALL Name=Region,Value=${region} \\`,
        // Unix seconds (the AWS CLI accepts them): `date +%s` and shell arithmetic work with GNU and BSD/macOS date alike.
        `  --start-time "$(( $(date +%s) - 3600 ))" --end-time "$(date +%s)" --period 300 --statistics Sum`,
      ]),
      '',
      `ALB access logs: query \`${accessLogTable(cluster.name)}\` in Athena (see "Access logs and Athena").`,
    ].join('\n'),
  };
}

/** Environment variable holding the IP of a pod of `service` (for ports only its pods listen on). */
const peerVar = (service: string) => `PEER_${service.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/**
 * Step 6: DNS and every declared connection tested from a pod of its real caller, with the connections that must
 * be refused listed as "should time out". An ephemeral container shares its pod's network namespace, so it has the
 * pod's NetworkPolicy identity (and its DNS egress); a separate debug pod would have neither.
 */
function connectivitySteps(input: MonitoringDocsInput, k: string): string[] {
  const ns = input.namespace;
  const profile = `/tmp/${input.cluster.name}-debug-nonroot.json`;
  const callers = connectionProbes(input.services, input.connections);
  const probeLine = (caller: ServiceDefinition, p: ConnectionProbe): string => {
    const host = p.byPodIp ? `$${peerVar(p.to.name)}` : serviceHost(p.to.name, ns);
    const what = `${caller.name} → ${p.to.name} ${p.port}/TCP${p.purpose ? ` (${p.purpose})` : ''}`;
    if (p.expect === 'denied') {
      return `echo "should time out: ${what}"; nc -z -v -w 3 ${host} ${p.port}`;
    }
    const readiness = p.to.kind === 'workload' ? p.to.health.readiness.path : undefined;
    const check =
      readiness && !p.byPodIp && p.port === p.to.port
        ? `curl -sS -m 5 -o /dev/null -w "%{http_code} %{time_total}s\\n" http://${host}:${p.port}${readiness}`
        : `nc -z -v -w 3 ${host} ${p.port}`;
    return `echo "must answer: ${what}"; ${check}`;
  };
  const blocks = callers.flatMap(({ caller, probes }) => {
    const peers = [...new Set(probes.filter((p) => p.byPodIp).map((p) => p.to))];
    const dnsNames = [
      ...new Set(probes.filter((p) => p.expect === 'allowed' && !p.byPodIp).map((p) => p.to.name)),
    ];
    return [
      `# as ${caller.name}: ${probes.filter((p) => p.expect === 'allowed').length} declared connection(s) must answer, ${probes.filter((p) => p.expect === 'denied').length} must time out`,
      ...peers.map(
        (peer) =>
          `${peerVar(peer.name)}=$(${k} get pods -l ${podSelector(peer)} -o jsonpath='{.items[1].status.podIP}')   # a peer pod (the caller is items[0])`,
      ),
      `debug_as ${podSelector(caller)} '`,
      ...dnsNames.map(
        (name) => `  echo "dns: ${serviceHost(name, ns)}"; dig +short ${serviceHost(name, ns)}`,
      ),
      ...probes.map((p) => `  ${probeLine(caller, p)}`),
      `'${peers.map((peer) => ` ${peerVar(peer.name)}="$${peerVar(peer.name)}"`).join('')}`,
    ];
  });
  return [
    `Test from the real callers. Namespace \`${ns}\` enforces the restricted Pod Security Standard and its NetworkPolicies deny by default, so a separate debug pod is both refused and cut off (it would not even reach the cluster DNS). Instead, attach an ephemeral container to a running pod of the caller: it shares that pod's network namespace, so it has the caller's NetworkPolicy identity and DNS egress. \`kubectl --context ${input.cluster.name} debug --profile=restricted\` (kubectl 1.27 or later) makes the container restricted-compliant (non-root required, all capabilities dropped, no privilege escalation, seccomp \`RuntimeDefault\`); the \`--custom\` profile (kubectl 1.31 or later) sets the non-root user ${DEBUG_USER}, because \`${DEBUG_IMAGE}\` runs as root by default. Each call leaves a terminated ephemeral container in the pod (removed when the pod is replaced).`,
    '',
    `The probes are derived from the declared connections (the networking section's graph): every declared connection must answer, every other Service port must **time out** (a NetworkPolicy drop is silent). A refused connection or an answer where a time-out is expected is a finding.`,
    '',
    bash([
      `cat > ${profile} <<'EOF'`,
      JSON.stringify({
        securityContext: { runAsUser: DEBUG_USER, runAsGroup: DEBUG_USER, runAsNonRoot: true },
      }),
      'EOF',
      '# debug_as <pod selector> <script> [NAME=value ...]: runs <script> in an ephemeral container of the first matching pod',
      'debug_as() {',
      `  local selector=$1 script=$2 pod; shift 2`,
      `  pod=$(${k} get pods -l "$selector" -o jsonpath='{.items[0].metadata.name}')`,
      `  ${k} debug "$pod" --profile=restricted --custom=${profile} --image=${DEBUG_IMAGE} \\`,
      `    --attach --quiet "\${@/#/--env=}" -- sh -c "$script"`,
      '}',
      ...blocks,
    ]),
  ];
}
