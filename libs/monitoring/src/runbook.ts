/**
 * The monitoring sections of a cluster's generated README. The on-call page comes first (`ONCALL_DOC_ORDER`): the
 * symptom index, the runbook and the rollback / emergency procedure; the reference sections (health values,
 * dashboard and alarms, access logs with Athena) follow the other concerns'. Every name is filled in from the same
 * data the objects are built from.
 *
 * The runbook is a list of steps (`RUNBOOK_STEPS`), each a function of one context, referred to by id: the symptom
 * index links to steps by id, so a step added anywhere renumbers the page without breaking a link.
 */
import { anchor, markdownTable, TARGET_GROUPS_SECTION, type DocSection } from '@pms/core';
import { COST_SECTION_TITLE, DRAINING_SECTION, LCU_CAPACITY } from '@pms/ingress';
import type { ServiceDefinition } from '@pms/networking';
import { accessLogSection } from './access-log-section.js';
import { alarmsSection } from './alarms-section.js';
import { accessLogTable, serverErrorsQuery, wafBlockedRequestsQuery } from './athena.js';
import { connectivitySteps, podSelector } from './connectivity.js';
import { bash, sql, type MonitoringDocsInput } from './docs-input.js';
import { healthSection } from './health-section.js';
import { argocd, ROLLBACK_TITLE, rollbackSection } from './rollback.js';

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

/** Title of the README section every alarm description links to. */
export const SYMPTOM_INDEX_TITLE = 'Symptom index';
/** Title of the runbook section. */
export const RUNBOOK_TITLE = 'Runbook';

/**
 * Sort keys of the on-call sections: before every other section of the README (ingress's start at 20), so the page
 * opens with the symptom index.
 */
export const ONCALL_DOC_ORDER = { symptoms: 1, runbook: 2, rollback: 3 } as const;

/** Titles of other concerns' README sections the on-call page links to (a test holds them to the README). */
export const REFERENCE_SECTIONS = {
  listenerRules: 'Listener rules',
  targetGroups: TARGET_GROUPS_SECTION,
  websockets: 'WebSockets',
  draining: DRAINING_SECTION,
  reachability: 'Network reachability',
  waf: 'WAF web ACL',
  certificate: 'TLS certificate',
  alarms: 'Dashboard and alarms',
  accessLogs: 'Access logs and Athena',
  cost: COST_SECTION_TITLE,
} as const;

/** A Markdown link to a README section by its title. */
export const sectionLink = (title: string): string => `[${title}](#${anchor(title)})`;

/** The README sections of the monitoring concern: the on-call page first, then the reference sections. */
export function monitoringDocs(input: MonitoringDocsInput): DocSection[] {
  return [
    { ...symptomIndexSection(input), order: ONCALL_DOC_ORDER.symptoms },
    { ...runbookSection(input), order: ONCALL_DOC_ORDER.runbook },
    { ...rollbackSection(input), order: ONCALL_DOC_ORDER.rollback },
    ...[healthSection(input), alarmsSection(input), accessLogSection(input)].map((section, index) => ({
      ...section,
      order: input.order + index,
    })),
  ];
}

/** What every step of the runbook reads: the input and the names derived from it. */
export interface RunbookContext {
  readonly input: MonitoringDocsInput;
  /** `kubectl --context <cluster> -n <namespace>`. */
  readonly k: string;
  /** The Services behind the ALB. */
  readonly behind: readonly ServiceDefinition[];
}

/** The ids of the runbook's steps. */
export type RunbookStepId =
  | 'context'
  | 'argocd'
  | 'ingress'
  | 'redirect'
  | 'listener-rules'
  | 'target-groups'
  | 'target-health'
  | 'target-group-attributes'
  | 'rollouts'
  | 'connectivity'
  | 'tls'
  | 'waf'
  | 'capacity'
  | 'logs';

/** One step of the runbook: its id (what links use), its title and its body. */
export interface RunbookStep {
  readonly id: RunbookStepId;
  readonly title: string;
  readonly lines: (context: RunbookContext) => string[];
}

/** The shell variable holding the ARN of a Service's target group, e.g. `TG_APIGATEWAY`. */
const tgVar = (name: string) => `TG_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** The runbook's steps, in order; numbers and anchors follow from the order. */
export const RUNBOOK_STEPS: readonly RunbookStep[] = [
  { id: 'context', title: 'Context and namespace', lines: contextStep },
  { id: 'argocd', title: 'Argo CD: is the cluster what Git says?', lines: argocdStep },
  { id: 'ingress', title: 'Ingress and controller', lines: ingressStep },
  { id: 'redirect', title: 'HTTP redirects to HTTPS', lines: redirectStep },
  {
    id: 'listener-rules',
    title: 'Listener rules: what the controller built against what the repository says',
    lines: listenerRulesStep,
  },
  { id: 'target-groups', title: "Find the target groups by the controller's tags", lines: targetGroupsStep },
  { id: 'target-health', title: 'Target health and health-check settings', lines: targetHealthStep },
  {
    id: 'target-group-attributes',
    title: 'Target-group attributes: deregistration delay and stickiness',
    lines: targetGroupAttributesStep,
  },
  { id: 'rollouts', title: 'Rollouts, readiness gates and draining', lines: rolloutsStep },
  { id: 'connectivity', title: 'DNS and connectivity from inside the cluster', lines: connectivityStep },
  { id: 'tls', title: 'TLS and the certificate', lines: tlsStep },
  { id: 'waf', title: 'Requests the WAF blocks', lines: wafStep },
  { id: 'capacity', title: 'Load balancer capacity units (LCU): which dimension', lines: capacityStep },
  { id: 'logs', title: 'Logs of every workload, alarms and ACK', lines: logsStep },
];

/** The heading of a step, `<n>. <title>`. */
export function stepHeading(id: RunbookStepId): string {
  const index = RUNBOOK_STEPS.findIndex((step) => step.id === id);
  if (index === -1)
    throw new Error(`no runbook step "${id}" in RUNBOOK_STEPS (libs/monitoring/src/runbook.ts)`);
  return `${index + 1}. ${RUNBOOK_STEPS[index]!.title}`;
}

/** A Markdown link to a step. */
export const stepLink = (id: RunbookStepId): string => `[${stepHeading(id)}](#${anchor(stepHeading(id))})`;

/** The on-call runbook: every step of `RUNBOOK_STEPS`, each a function of the same context. */
export function runbookSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
  const { cluster, namespace: ns, ingressName } = input;
  const context: RunbookContext = {
    input,
    k: `kubectl --context ${cluster.name} -n ${ns}`,
    behind: input.services.filter((s) => input.albServices.includes(s.name)),
  };
  return {
    title: RUNBOOK_TITLE,
    body: [
      `On-call steps for **${cluster.name}** (AWS account \`${cluster.aws.accountId}\`, region \`${cluster.aws.region}\`, namespace \`${ns}\`, Ingress \`${ns}/${ingressName}\`, ALB \`${input.albName}\`, host \`${cluster.host}\`). Every \`kubectl\` command names the context step 1 creates, every \`argocd\` command the Argo CD context \`${argocd.context}\`; they work on the cluster as rendered (restricted Pod Security, default-deny NetworkPolicies).`,
      ...RUNBOOK_STEPS.flatMap((step) => ['', `### ${stepHeading(step.id)}`, '', ...step.lines(context)]),
    ].join('\n'),
  };
}

/** One row of the symptom index. */
interface Symptom {
  /** What on-call sees. */
  readonly symptom: string;
  /** The alarms that page for it (object names; a prefix ends with `*`). */
  readonly alarms: readonly string[];
  /** What it usually means here. */
  readonly meaning: string;
  /** The steps to follow, in order. */
  readonly steps: readonly RunbookStepId[];
  /** Reference sections that explain it. */
  readonly sections: readonly string[];
}

/** The targets answer badly: 5xx errors and slow responses. */
function targetSymptoms(s: typeof REFERENCE_SECTIONS): Symptom[] {
  return [
    {
      symptom: '**502** Bad Gateway',
      alarms: ['elb-5xx', 'target-5xx-rate'],
      meaning:
        'a target closed or reset the connection: a pod stopped before the ALB stopped sending to it (rollout, scale-in, drain), a crash, or a NetworkPolicy/port mismatch. During a rollout: check the drain chain.',
      steps: ['rollouts', 'target-group-attributes', 'target-health', 'logs'],
      sections: [s.draining, s.accessLogs],
    },
    {
      symptom: '**503** Service Unavailable',
      alarms: ['unhealthy-hosts*', 'elb-5xx'],
      meaning:
        'no healthy target in the target group (all failing their health check, or none registered), or the listener has no certificate/rule yet.',
      steps: ['target-health', 'target-groups', 'ingress', 'connectivity'],
      sections: [s.targetGroups],
    },
    {
      symptom: '**504** Gateway Timeout',
      alarms: ['elb-5xx', 'target-p99-latency'],
      meaning:
        'the target did not answer within the idle timeout: a slow or stuck pod, or a NetworkPolicy silently dropping the ALB or a downstream call.',
      steps: ['target-health', 'connectivity', 'logs'],
      sections: [s.reachability],
    },
    {
      symptom: 'Slow responses',
      alarms: ['target-p99-latency'],
      meaning:
        'p99 above the threshold: load (autoscaler at its maximum), a slow dependency, or pods restarting.',
      steps: ['rollouts', 'logs', 'target-health'],
      sections: [s.alarms],
    },
  ];
}

/** What the ALB's front end does to a request: WebSocket connections, the WAF, TLS, routing. */
function edgeSymptoms(input: MonitoringDocsInput, s: typeof REFERENCE_SECTIONS): Symptom[] {
  return [
    {
      symptom: 'WebSocket drops',
      alarms: [],
      meaning: `close code 1001 during a rollout or scale-in is expected (the pod drains; the client reconnects); 1006 means the connection was cut (drain longer than the deregistration delay, a pod killed, or no heartbeat within the ALB's idle timeout). A failed upgrade (no \`101\`) is routing or a closed port.`,
      steps: ['rollouts', 'target-group-attributes', 'connectivity', 'logs'],
      sections: [s.websockets, s.draining, s.accessLogs],
    },
    {
      symptom: 'Requests blocked by the WAF (**403** from the ALB)',
      alarms: [],
      meaning:
        'a rule of the web ACL matched: the rate limit per IP or a managed rule group. Which rule, which client?',
      steps: ['waf'],
      sections: [s.waf],
    },
    {
      symptom: 'TLS errors (certificate name mismatch, expired, handshake failure)',
      alarms: [],
      meaning: `the listener's certificate does not cover \`${input.cluster.host}\`, is not ISSUED, or the client cannot negotiate the listener's TLS policy.`,
      steps: ['tls', 'ingress'],
      sections: [s.certificate, s.listenerRules],
    },
    {
      symptom: '**404** for an API URL',
      alarms: [],
      meaning: `no listener rule routes the path (the ALB's fixed 404), or it reached the SPA. \`pnpm route ${input.cluster.name} https://${input.cluster.host}<path> --rendered\` says which rule answers by the controller's rules.`,
      steps: ['ingress', 'listener-rules'],
      sections: [s.listenerRules],
    },
  ];
}

/** Connections refused or dropped: between services by a policy, by the ALB at its limit, HTTP not redirected. */
function connectionSymptoms(s: typeof REFERENCE_SECTIONS): Symptom[] {
  return [
    {
      symptom: 'A call between services times out (a policy blocking it)',
      alarms: [],
      meaning:
        'NetworkPolicies deny by default and drop silently: a connection not in the declared graph times out instead of being refused.',
      steps: ['connectivity'],
      sections: [s.reachability],
    },
    {
      symptom: 'Connections rejected',
      alarms: ['rejected-connections'],
      meaning:
        "the ALB's connection limit is reached (a client storm, e.g. WebSocket reconnects without jitter).",
      steps: ['logs'],
      sections: [s.websockets],
    },
    {
      symptom: '**http://** is not redirected to HTTPS',
      alarms: [],
      meaning:
        "the HTTP listener's default action must answer 301 to HTTPS; a plain 200, a 404 or no answer means the listener or its redirect is not what the Ingress asks for.",
      steps: ['redirect', 'listener-rules', 'ingress'],
      sections: [s.listenerRules],
    },
  ];
}

/** Running the platform: the bill, and changes that do not arrive. */
function operationsSymptoms(s: typeof REFERENCE_SECTIONS): Symptom[] {
  return [
    {
      symptom: 'LCUs above the estimate (the bill grows)',
      alarms: ['lcu-above-expected'],
      meaning:
        'more traffic than `ingress.expectedTraffic` plans (a connection storm, WebSocket reconnects without jitter, a crawler), bigger responses, or more listener rules: find the dimension that grew.',
      steps: ['capacity', 'waf', 'listener-rules'],
      sections: [s.cost],
    },
    {
      symptom: 'A merged change did not arrive, or a hotfix was reverted',
      alarms: [],
      meaning:
        'Argo CD is OutOfSync, its sync failed, or self-heal reverted a manual change (pause auto-sync first for an emergency change).',
      steps: ['argocd'],
      sections: [ROLLBACK_TITLE],
    },
  ];
}

/** The symptoms on-call meets, each pointing to the steps that find the cause, family by family. */
function symptoms(input: MonitoringDocsInput): Symptom[] {
  const s = REFERENCE_SECTIONS;
  return [
    ...targetSymptoms(s),
    ...edgeSymptoms(input, s),
    ...connectionSymptoms(s),
    ...operationsSymptoms(s),
  ];
}

/** The symptom index: what on-call sees, what it usually means, and the steps and sections to read. */
export function symptomIndexSection(input: MonitoringDocsInput): Omit<DocSection, 'order'> {
  const known = new Set(input.alarms.map((a) => a.objectName));
  const alarmCell = (names: readonly string[]) => {
    const rendered = names.filter((name) =>
      name.endsWith('*') ? [...known].some((k) => k.startsWith(name.slice(0, -1))) : known.has(name),
    );
    return rendered.map((name) => `\`${name}\``).join(', ') || '-';
  };
  const rows = symptoms(input).map((row) => [
    row.symptom,
    alarmCell(row.alarms),
    row.meaning,
    row.steps.map(stepLink).join(', '),
    row.sections.map(sectionLink).join(', '),
  ]);
  return {
    title: SYMPTOM_INDEX_TITLE,
    body: [
      `On call for **${input.cluster.name}**? Find the symptom, follow its steps in order. Every alarm's description links here. To undo a change, see ${sectionLink(ROLLBACK_TITLE)}.`,
      '',
      markdownTable(['Symptom', 'Alarms', 'Usually', 'Steps', 'Reference'], rows),
    ].join('\n'),
  };
}

/** 1. The kubeconfig context (the alias every later `kubectl` names) and the namespace's state. */
function contextStep({ input, k }: RunbookContext): string[] {
  const { cluster } = input;
  return [
    bash([
      `aws eks update-kubeconfig --region ${cluster.aws.region} --name ${cluster.eksClusterName} --alias ${cluster.name}`,
      `${k} get pods,svc,endpointslices -o wide`,
      `${k} get events --sort-by=.lastTimestamp | tail -30`,
    ]),
  ];
}

/** 2. Argo CD: sync and health of the cluster's Application, what differs from Git, recent syncs. */
function argocdStep({ input }: RunbookContext): string[] {
  const app = argocd.application(input.cluster.name);
  return [
    `The cluster's Application is \`${app}\` (ApplicationSet \`${argocd.applicationSet}\`). Log in once with \`argocd login <Argo CD server> --name ${argocd.context}\`.`,
    '',
    bash([
      `${argocd.cli} app get ${app} --refresh          # sync status, health, and every object that is not Synced/Healthy`,
      `${argocd.cli} app get ${app} --show-operation   # the last sync: phase, message, failed objects`,
      `${argocd.cli} app diff ${app}                   # what differs between the cluster and Git (a manual change, a failed sync)`,
      `${argocd.cli} app history ${app}                # which commits were synced, when`,
      `${argocd.cli} app list | grep '${input.cluster.name}'            # the cluster's other Applications: foundation, controllers, Helm releases (README "First sync")`,
      `${argocd.cli} app get ${app} -o json | jq '.spec.syncPolicy.automated.enabled'   # false: auto-sync is paused (see "Rollback and emergency changes")`,
    ]),
    '',
    `Objects protected against deletion (\`Prune=false\`) that left Git stay in the cluster and keep the Application OutOfSync with "requires pruning"; that is by design (docs/gitops.md).`,
  ];
}

/** 3. The Ingress, the controller's logs about it, and the ALB by its pinned name. */
function ingressStep({ input, k }: RunbookContext): string[] {
  const { cluster, namespace: ns, ingressName } = input;
  return [
    bash([
      `${k} describe ingress ${ingressName}`,
      `${k} get ingress ${ingressName} -o jsonpath='{.status.loadBalancer.ingress[0].hostname}{"\\n"}'`,
      `kubectl --context ${cluster.name} -n kube-system logs deploy/aws-load-balancer-controller --since=30m | grep -iE 'error|${ns}/${ingressName}'`,
      `aws elbv2 describe-load-balancers --region ${cluster.aws.region} --names ${input.albName} \\`,
      `  --query 'LoadBalancers[0].[LoadBalancerArn,DNSName,State.Code]' --output table`,
    ]),
    '',
    `Which rule answers a URL, by the controller's rules: \`pnpm route ${cluster.name} https://${cluster.host}/<path> --rendered\` (from the committed YAML).`,
  ];
}

/** The HTTP listener's redirect, as the design checks it: `curl -I http://<host>` must answer 301 to HTTPS. */
function redirectStep({ input }: RunbookContext): string[] {
  const { host } = input.cluster;
  return [
    bash([
      `curl -sSI http://${host}/ | grep -iE '^(HTTP/|location:)'   # expect 301 and a Location on https://${host}`,
      `curl -sSI 'http://${host}/api/x?y=1' | grep -i '^location:'  # the path and query are kept`,
    ]),
    '',
    `The Ingress listens on HTTP:80 only to redirect (IngressClassParams \`sslRedirectPort: 443\`: the HTTP listener's default action is a 301 to HTTPS, with no rules). Anything but a 301 means the listener is not what the controller should have built: ${stepLink('listener-rules')}, and the controller's logs (${stepLink('ingress')}).`,
  ];
}

/**
 * The HTTPS listener's rules as AWS has them, against the rules the controller builds from the committed objects
 * (`pnpm route <cluster> --rules --rendered` prints them in the same columns): no output means they agree.
 */
function listenerRulesStep({ input }: RunbookContext): string[] {
  const { cluster } = input;
  const region = cluster.aws.region;
  const query =
    "Rules[?Priority!='default'].[Priority, join(',', Conditions[?Field=='host-header'].HostHeaderConfig.Values[]), join(',', Conditions[?Field=='path-pattern'].PathPatternConfig.Values[]), Actions[0].Type]";
  return [
    bash([
      `ALB_ARN=$(aws elbv2 describe-load-balancers --region ${region} --names ${input.albName} --query 'LoadBalancers[0].LoadBalancerArn' --output text)`,
      `HTTPS_LISTENER=$(aws elbv2 describe-listeners --region ${region} --load-balancer-arn "$ALB_ARN" --query 'Listeners[?Port==\`443\`].ListenerArn' --output text)`,
      `aws elbv2 describe-listeners --region ${region} --load-balancer-arn "$ALB_ARN" --query 'Listeners[].[Port,Protocol,DefaultActions[0].Type,DefaultActions[0].RedirectConfig.StatusCode]' --output table`,
      `diff <(aws elbv2 describe-rules --region ${region} --listener-arn "$HTTPS_LISTENER" \\`,
      `        --query "${query}" --output text | sort -n) \\`,
      `     <(pnpm --silent route ${cluster.name} --rules --rendered)   # no output: AWS has exactly the rules of the committed YAML`,
    ]),
    '',
    `Both sides print priority, host, path patterns and action type, one rule per line. A difference means the controller has not (yet) reconciled the Ingress, failed to (its logs, ${stepLink('ingress')}), or someone changed the listener by hand (the controller puts it back at its next reconcile). Which rule answers one URL: \`pnpm route ${cluster.name} https://${cluster.host}/<path> --rendered\`; the table: ${sectionLink(REFERENCE_SECTIONS.listenerRules)}.`,
  ];
}

/** 4. The target groups, found by the controller's tags (their names carry a hash). */
function targetGroupsStep({ input, behind }: RunbookContext): string[] {
  const { cluster, namespace: ns, ingressName } = input;
  const region = cluster.aws.region;
  const filters = `Key=${CONTROLLER_TAGS.cluster},Values=${cluster.eksClusterName} Key=${CONTROLLER_TAGS.stack},Values=${input.ingressStack}`;
  return [
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

/** 5. Target health and the target groups' health-check settings, against the catalogue's values. */
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
      tg?.meaning ?? '-',
    ];
  });
  return [
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
    'Expected (from the health values rendered below):',
    '',
    markdownTable(
      [
        'Service',
        `Tag ${CONTROLLER_TAGS.resource}`,
        'Path, interval, timeout, healthy, unhealthy, codes',
        'A passing check means',
      ],
      expected,
    ),
    '',
    'A target `unhealthy` with reason `Target.ResponseCodeMismatch` answers the path with a code outside the matcher; `Target.Timeout` means no answer in time (NetworkPolicy, security group or a busy pod); targets `draining` while pods are replaced are normal. If every target of a group is unhealthy the ALB routes to all of them (it fails open): the health check no longer protects anyone.',
  ];
}

/** 6. The target groups' deregistration delay and stickiness, against the ingress sections. */
function targetGroupAttributesStep({ input, behind }: RunbookContext): string[] {
  return [
    bash(
      behind.map(
        (s) =>
          `aws elbv2 describe-target-group-attributes --region ${input.cluster.aws.region} --target-group-arn "$${tgVar(s.name)}" --query "Attributes[?starts_with(Key, 'stickiness') || starts_with(Key, 'deregistration_delay')]" --output table`,
      ),
    ),
    '',
    `Compare with the "${TARGET_GROUPS_SECTION}" section of this README (stickiness and the deregistration delay are set there per target group) and ${sectionLink(DRAINING_SECTION)}.`,
  ];
}

/** 7. Rollouts in progress, readiness gates, disruption budgets, autoscalers and the events of stopping pods. */
function rolloutsStep({ input, k }: RunbookContext): string[] {
  const workloads = input.services.filter((s) => s.kind === 'workload');
  return [
    bash([
      ...workloads.map((s) => `${k} rollout status deploy/${s.name} --timeout=10s`),
      `${k} get pods -o wide                      # READINESS GATES: 1/1 once the ALB sees the pod healthy; 0/1 while it does not`,
      `${k} get targetgroupbindings,pdb,hpa        # one binding per ALB backend; ALLOWED DISRUPTIONS; current vs min/max replicas`,
      `${k} get events --field-selector reason=Killing --sort-by=.lastTimestamp | tail -20`,
      `${k} get events --field-selector reason=FailedPreStopHook --sort-by=.lastTimestamp | tail -20`,
    ]),
    '',
    `A pod stops in this order: it leaves the target group and its preStop sleep starts; after preStop its server drains; the kubelet kills it at the grace period. ${sectionLink(DRAINING_SECTION)} lists the values per backend and the chain the render checks. A pod showing \`0/1\` readiness gates stays out of service until its target is healthy (that is the gate working); pods created before the namespace label have no gate until replaced: \`${k} rollout restart deploy/<name>\`.`,
  ];
}

/** 8. DNS and connectivity from the real callers, then through the ALB (the WebSocket upgrade). */
function connectivityStep({ input, k }: RunbookContext): string[] {
  const { host } = input.cluster;
  return [
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

/** 9. The certificate the listener presents, and the ACK Certificate behind it. */
function tlsStep({ input }: RunbookContext): string[] {
  const { cluster } = input;
  const certificateArnExpression =
    cluster.certificateArn ??
    `"$(kubectl --context ${cluster.name} -n ${input.resourcesNamespace} get certificate.acm.services.k8s.aws -o jsonpath='{.items[0].status.ackResourceMetadata.arn}')"`;
  return [
    bash([
      `openssl s_client -connect ${cluster.host}:443 -servername ${cluster.host} </dev/null 2>/dev/null \\`,
      `  | openssl x509 -noout -subject -issuer -dates -ext subjectAltName`,
      // Pinned: the settings' ARN; otherwise the ARN ACK wrote into the rendered Certificate's status.
      `aws acm describe-certificate --region ${cluster.aws.region} --certificate-arn ${certificateArnExpression} \\`,
      `  --query 'Certificate.[Status,NotAfter,InUseBy,SubjectAlternativeNames]'`,
      `kubectl --context ${cluster.name} -n ${input.resourcesNamespace} get certificate.acm.services.k8s.aws -o custom-columns='NAME:.metadata.name,STATUS:.status.status,SYNCED:.status.conditions[?(@.type=="ACK.ResourceSynced")].status'`,
    ]),
    '',
    cluster.certificateArn !== undefined
      ? `The listener serves the certificate pinned in \`certificateArn\` of \`apps/${cluster.name}/src/settings.ts\`; it must be ISSUED and cover \`${cluster.host}\` (${sectionLink(REFERENCE_SECTIONS.certificate)}).`
      : `The listener serves the ISSUED ACM certificates the load balancer controller discovered for \`${cluster.host}\` (the ACK Certificate above, once ISSUED; ${sectionLink(REFERENCE_SECTIONS.certificate)}). A certificate still PENDING_VALIDATION means its DNS validation record is missing (prerequisite \`acm-dns-validation\`).`,
  ];
}

/** 10. What the web ACL blocks: per-rule metrics and the access log's rejected requests. */
function wafStep({ input }: RunbookContext): string[] {
  const { cluster } = input;
  const region = cluster.aws.region;
  return [
    bash([
      `aws cloudwatch get-metric-statistics --region ${region} --namespace AWS/WAFV2 --metric-name BlockedRequests \\`,
      `  --dimensions Name=WebACL,Value=${input.webAclMetricName} Name=Rule,Value=ALL Name=Region,Value=${region} \\`,
      // Unix seconds (the AWS CLI accepts them): `date +%s` and shell arithmetic work with GNU and BSD/macOS date alike.
      `  --start-time "$(( $(date +%s) - 3600 ))" --end-time "$(date +%s)" --period 300 --statistics Sum`,
    ]),
    '',
    `Per rule: replace \`Rule,Value=ALL\` with a rule's metric name from ${sectionLink(REFERENCE_SECTIONS.waf)}. Which requests, from whom, in Athena (\`${accessLogTable(cluster.name)}\`, see ${sectionLink(REFERENCE_SECTIONS.accessLogs)}):`,
    '',
    sql(wafBlockedRequestsQuery(cluster.name, cluster.host)),
  ];
}

/** The ALB's LCUs per hour and the metrics of each LCU dimension, against the cost estimate. */
function capacityStep({ input }: RunbookContext): string[] {
  const { cluster } = input;
  const region = cluster.aws.region;
  const lb = input.loadBalancer ?? `app/${input.albName}/<id>`;
  const c = LCU_CAPACITY;
  return [
    bash([
      `for metric in ConsumedLCUs NewConnectionCount ActiveConnectionCount ProcessedBytes RuleEvaluations; do`,
      `  aws cloudwatch get-metric-statistics --region ${region} --namespace AWS/ApplicationELB --metric-name "$metric" \\`,
      `    --dimensions Name=LoadBalancer,Value=${lb} --statistics Sum --period 3600 \\`,
      `    --start-time "$(( $(date +%s) - 6 * 3600 ))" --end-time "$(date +%s)" \\`,
      `    --query 'sort_by(Datapoints, &Timestamp)[].[Timestamp, Sum]' --output text | sed "s/^/$metric /"`,
      `done`,
    ]),
    '',
    `Per hour, each dimension in LCUs: \`NewConnectionCount\` / 3600 / ${c.newConnectionsPerSecond}; \`ActiveConnectionCount\` / 60 / ${c.activeConnectionsPerMinute} (the per-minute sums are concurrent connections); \`ProcessedBytes\` / 10⁹ / ${c.processedGbPerHour}; \`RuleEvaluations\` / 3600 / ${c.ruleEvaluationsPerSecond}. The largest is the hour's \`ConsumedLCUs\`${input.expectedMaxLcu !== undefined ? `; the estimate expects at most ${Math.round(input.expectedMaxLcu * 1000) / 1000} LCU` : ''}. Compare with ${sectionLink(REFERENCE_SECTIONS.cost)}: a dimension far above its typical or peak hour is what changed (WebSocket reconnect storms show in new connections, a bigger bundle or report in processed bytes, new routes in rule evaluations). If the new level is the new normal, raise \`ingress.expectedTraffic\` in \`apps/${cluster.name}/src/settings.ts\`: the estimate and the alarm follow.`,
  ];
}

/** 11. The logs of every workload and backing service, the ALB's 5XX by origin, the alarms and ACK's sync status. */
function logsStep({ input, k }: RunbookContext): string[] {
  const { cluster } = input;
  const region = cluster.aws.region;
  return [
    bash([
      ...input.services.map(
        (service) =>
          `${k} logs -l ${podSelector(service)} --all-containers --since=15m --prefix --max-log-requests=20 | grep -iE 'error|exception|fatal'   # ${service.name}`,
      ),
      // WebSocket failures are logged as handshake, session and close-status messages, not always as errors.
      ...input.services
        .filter((service) => input.webSocketBackends.includes(service.name))
        .map(
          (service) =>
            `${k} logs -l ${podSelector(service)} --all-containers --since=15m --prefix --max-log-requests=20 | grep -iE 'websocket|stomp|sockjs|handshake|CloseStatus|1006|1011'   # WebSocket errors of ${service.name}`,
        ),
      `aws cloudwatch describe-alarms --region ${region} --alarm-name-prefix ${cluster.name}-pms- \\`,
      `  --query 'MetricAlarms[].[AlarmName,StateValue,StateReason]' --output table`,
      `kubectl --context ${cluster.name} -n ${input.resourcesNamespace} get metricalarms.cloudwatch.services.k8s.aws,dashboards.cloudwatch.services.k8s.aws,webacls.wafv2.services.k8s.aws,certificates.acm.services.k8s.aws -o custom-columns='KIND:.kind,NAME:.metadata.name,SYNCED:.status.conditions[?(@.type=="ACK.ResourceSynced")].status'`,
    ]),
    '',
    `The ALB's 5XX of the last hour by who answered (\`target_status_code\` \`-\`: the load balancer's own, \`error_reason\` says why) and by pod:`,
    '',
    sql(serverErrorsQuery(cluster.name, cluster.host)),
  ];
}
