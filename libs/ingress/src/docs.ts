/**
 * The ingress part of the generated cluster README, derived from the load balancer the controller builds
 * from the rendered objects (`resolveAlbGroups`), so what the README says is what the objects do.
 */
import { markdownTable, TARGET_GROUPS_SECTION, type ClusterSettings, type DocSection } from '@pms/core';
import { describeOrigin, type AlbAction, type AlbGroup, type AlbRule } from './alb-model/index.js';
import { AlbAnnotation } from './annotations.js';
import type { PlannedBackend, ResponseHeader } from './plan.js';
import { describeRoute, type PlannedRoute } from './routes.js';
import { WEBSOCKET_DRAIN_CLOSE_CODE, WEBSOCKET_DRAIN_ENV, WEBSOCKET_HEARTBEAT_ENV } from './settings.js';
import { sslPolicyInfo } from './ssl-policy.js';
import {
  ALB_DEREGISTRATION_PROPAGATION_SECONDS,
  FRONTEND_COMPRESSION,
  FRONTEND_HEADERS,
  READINESS_GATE_INJECT_LABEL,
  terminationGracePeriodOf,
  workloadOf,
  WORKLOADS,
} from '@pms/networking';

/** What the docs are built from. */
export interface IngressDocInput {
  /** The cluster's shared settings. */
  readonly cluster: ClusterSettings;
  /** The load balancer read back from the rendered objects. */
  readonly alb: AlbGroup;
  /** The routes in evaluation order (names and purposes of rules). */
  readonly routes: readonly PlannedRoute[];
  /** The application heartbeat interval of the WebSocket routes. */
  readonly heartbeatSeconds: number;
  /** The backends with their drain values (deregistration delay, preStop, drain). */
  readonly backends: readonly PlannedBackend[];
  /** Seconds a WebSocket backend drains after its stop signal (`ingress.websocket.drainSeconds`). */
  readonly websocketDrainSeconds: number;
  /** True when the rendered Ingress carries `deletion_protection.enabled=true` in its own annotation. */
  readonly ingressDeletionGuard: boolean;
  /**
   * Headers the frontend adds for the ingress (the Report-Only CSP).
   * @default none
   */
  readonly frontendHeaders?: readonly ResponseHeader[];
}

/** Title of the README section on rollouts and draining (the runbook's symptom index links to it). */
export const DRAINING_SECTION = 'Rollouts and draining';

/** README order of the ingress sections (after the overview, before networking details). */
export const INGRESS_DOC_ORDER = 20;

const code = (value: string) => `\`${value}\``;

function actionText(action: AlbAction): string {
  if (action.type === 'forward') return `forward to ${code(`${action.service}:${action.port}`)}`;
  if (action.type === 'redirect') return `${action.statusCode} redirect to ${action.protocol}:${action.port}`;
  return `fixed response ${action.statusCode}`;
}

/** The README sections of the ingress concern. */
export function ingressDocSections(input: IngressDocInput): DocSection[] {
  const { cluster, alb, routes } = input;
  const routeOf = (rule: AlbRule) =>
    routes.find((r) => r.route.path === rule.source.path && r.pathType === rule.source.pathType)?.route;
  const attr = (key: string) => alb.loadBalancerAttributes.get(key) ?? '(AWS default)';
  const https = alb.listeners.find((l) => l.protocol === 'HTTPS');
  const policy = https?.sslPolicy ? sslPolicyInfo(https.sslPolicy) : undefined;

  const listenerRows = alb.listeners.map((l) => [
    `${l.protocol}:${l.port}`,
    l.rules.length === 0 ? 'none' : String(l.rules.length),
    actionText(l.defaultAction),
  ]);
  const ruleRows = alb.listeners.flatMap((l) =>
    l.rules.map((rule) => {
      const route = routeOf(rule);
      return [
        `${l.protocol}:${l.port}`,
        String(rule.priority),
        rule.hosts.map(code).join(', ') || 'any',
        rule.paths.map(code).join(', '),
        route
          ? `${route.name} (${describeRoute(route)})`
          : `${rule.source.pathType} ${rule.source.path ?? ''}`,
        actionText(rule.action),
        route ? `${route.kind}: ${route.purpose}` : '',
      ];
    }),
  );

  const subnetText = (): string => {
    const subnets = alb.subnets;
    if (!subnets)
      return '- Subnets: not pinned; the controller discovers them by subnet tags, so the ALB may get addresses the NetworkPolicies do not admit.';
    const pinned = [...subnets.ids, ...subnets.names].map((id) => {
      const known = cluster.vpc.albSubnets.find((subnet) => subnet.id === id);
      return known
        ? `${code(id)} (${known.availabilityZone}, ${code(known.cidr)})`
        : `${code(id)} (not an ALB subnet of the settings)`;
    });
    const tags = subnets.tags
      ? ` and subnets tagged ${Object.entries(subnets.tags)
          .map(([tag, values]) => `${code(tag)} = ${values.map(code).join(' | ')}`)
          .join(', ')}`
      : '';
    return `- Subnets: ${pinned.join(', ') || 'none listed'}${tags}, from ${describeOrigin(subnets.origin)}. The NetworkPolicies admit the ALB from the CIDRs of the settings' ALB subnets (\`vpc.albSubnets\`).`;
  };
  const tlsSource = https?.certificateOrigin ? ` (from ${describeOrigin(https.certificateOrigin)})` : '';
  const discovered = https?.certificateDiscoveryHosts ?? [];
  const certificates = [
    ...(https?.certificateArns.map(code) ?? []).map((arn) => `${arn}${tlsSource}`),
    ...(discovered.length > 0
      ? [
          `discovered by the controller for ${discovered.map(code).join(', ')} (every ISSUED ACM certificate of the account and region whose names cover the host; no ARN is named)`,
        ]
      : []),
  ];
  const webAcl = alb.wafv2AclName
    ? `${code(alb.wafv2AclName)} by name${alb.wafv2AclNameOrigin ? ` (from ${describeOrigin(alb.wafv2AclNameOrigin)})` : ''}, resolved to its ARN by the controller`
    : `${code(alb.wafv2AclArn ?? '(none)')}${alb.wafv2AclArnOrigin ? ` (from ${describeOrigin(alb.wafv2AclArnOrigin)})` : ''}`;

  function deletionText(): string {
    const onAlb = attr('deletion_protection.enabled') === 'true';
    if (onAlb && input.ingressDeletionGuard)
      return `- Deletion protection: \`deletion_protection.enabled\` = \`true\` (IngressClassParams, for the ALB itself and the console) and in the Ingress's own \`${AlbAnnotation.loadBalancerAttributes}\` annotation: the controller's delete guard reads only that annotation, so deleting or pruning the Ingress leaves it Terminating and the ALB in place (docs/ingress.md).`;
    if (onAlb)
      return "- Deletion protection: `deletion_protection.enabled` = `true` on the ALB, but not in the Ingress's own annotation: deleting the Ingress makes the controller disable it and delete the ALB.";
    return '- Deletion protection: off (`deletionProtection: false` in the settings): deleting the Ingress deletes the ALB.';
  }

  const loadBalancer = [
    `One internet-facing Application Load Balancer, ${code(alb.loadBalancerName ?? '(generated)')}, built by the AWS Load Balancer Controller from IngressClass ${code(alb.ingressClass ?? '-')} (IngressClassParams ${code(alb.ingressClassParams ?? '-')}, group ${code(alb.name)}) and Ingress ${alb.members.map(code).join(', ')}.`,
    '',
    markdownTable(['listener', 'rules', 'when no rule matches'], listenerRows),
    '',
    `- TLS: certificate ${certificates.join(', ') || '(none)'}, security policy ${code(https?.sslPolicy ?? '(none)')}${policy ? ` (TLS ${policy.minimumTls} and above${policy.tls13 ? ', TLS 1.3 offered' : ', no TLS 1.3'}${policy.postQuantum ? ', hybrid post-quantum key exchange' : ''})` : ''}.`,
    `- HTTP: every request on port 80 gets a 301 redirect to HTTPS; the HTTP listener has no rules.`,
    subnetText(),
    `- WAF: web ACL ${webAcl}; ${code('waf.fail_open.enabled')} = ${code(attr('waf.fail_open.enabled'))} (requests are refused if the WAF cannot be reached).`,
    `- Requests for any host other than ${code(cluster.host)} (e.g. the ALB's own DNS name) get the 404 default action.`,
    deletionText(),
  ].join('\n');

  const rules = [
    'Evaluated top to bottom; the first matching rule answers. The controller orders the paths of one Ingress rule: Exact first, then Prefix by descending length, then ImplementationSpecific. `Prefix /x` matches `/x` and `/x/*` (so `/apiary` is not under `/api`). Check any URL with `pnpm route ' +
      `${cluster.name} <url>\`.`,
    '',
    markdownTable(
      ['listener', 'priority', 'host', 'path patterns', 'route (Ingress path)', 'action', 'kind: purpose'],
      ruleRows,
    ),
  ].join('\n');

  const headerRows: string[][] = [];
  const everyResponse = 'every HTTPS response: SPA, API and WebSocket handshakes';
  const listenerHeader = (key: string, header: string) => {
    const value = https?.attributes.get(`routing.http.response.${key}.header_value`);
    headerRows.push([
      header,
      value ? code(value) : 'not set',
      value ? 'ALB (HTTPS listener attribute)' : '-',
      value ? everyResponse : '-',
    ]);
  };
  listenerHeader('strict_transport_security', 'Strict-Transport-Security');
  listenerHeader('x_frame_options', 'X-Frame-Options');
  listenerHeader('x_content_type_options', 'X-Content-Type-Options');
  listenerHeader('content_security_policy', 'Content-Security-Policy');
  const spa = 'SPA responses only';
  for (const header of [...FRONTEND_HEADERS, ...(input.frontendHeaders ?? [])]) {
    headerRows.push([header.name, code(header.value), 'frontend server (nginx)', spa]);
  }
  const c = FRONTEND_COMPRESSION;
  headerRows.push([
    'Content-Encoding',
    '`gzip` (and `Vary: Accept-Encoding`)',
    'frontend server (nginx)',
    `SPA responses of at least ${c.minLengthBytes} bytes of \`text/html\`, ${c.types.map(code).join(', ')}, to clients that accept gzip; never images, fonts or archives (compressed already); no brotli (not in the official nginx image)`,
  ]);
  // The backends that answer API and WebSocket URLs: every routed workload other than the SPA's server.
  const spaServers = WORKLOADS.filter((name) => workloadOf(name).shutdown.runtime === 'nginx');
  const apiBackends = [
    ...new Set(
      routes
        .filter((r) => !spaServers.includes(r.route.backend.service as never))
        .map((r) => r.route.backend.service),
    ),
  ].sort();
  const enforced = https?.attributes.get('routing.http.response.content_security_policy.header_value');
  const reportOnly = input.frontendHeaders?.find((h) => h.name === 'Content-Security-Policy-Report-Only');
  const cspText = enforced
    ? reportOnly
      ? "The enforced `Content-Security-Policy` comes from the ALB on every response; the `Content-Security-Policy-Report-Only` policy (`ingress.contentSecurityPolicyReportOnly`) comes from the frontend on the SPA's documents, where browsers apply it: they report what it would block and block nothing. To enforce it, move it to `ingress.contentSecurityPolicy` (docs/ingress.md)."
      : 'The enforced `Content-Security-Policy` comes from the ALB on every response (`ingress.contentSecurityPolicy`).'
    : reportOnly
      ? "No enforced `Content-Security-Policy` yet: the `Content-Security-Policy-Report-Only` policy comes from the frontend on the SPA's documents (the ALB has no Report-Only attribute); browsers report what it would block and block nothing. To enforce it, move it to `ingress.contentSecurityPolicy` (docs/ingress.md)."
      : 'No Content-Security-Policy (only dev and staging may go without one).';
  // The headers only the frontend sets (not the compression it also does), as the table lists them.
  const frontendSet = headerRows
    .filter((row) => row[2] === 'frontend server (nginx)' && row[0] !== 'Content-Encoding')
    .map((row) => code(row[0]!))
    .join(', ')
    .replace(/, ([^,]+)$/, ' or $1');
  const headers = [
    `The ALB adds its headers to every HTTPS response through the listener attributes of HTTPS:443. It cannot set ${frontendSet}: the frontend's own server configuration (rendered by the networking concern) sets them, so they are present on SPA responses only. API and WebSocket responses (${apiBackends.map(code).join(', ')}) carry the ALB's headers and whatever their application sets; \`Referrer-Policy\` matters on documents, which only the SPA serves.`,
    '',
    markdownTable(['header', 'value', 'set by', 'on'], headerRows),
    '',
    cspText,
    '',
    `The \`Server\` response header is ${https?.attributes.get('routing.http.response.server.enabled') === 'false' ? 'removed' : 'kept'}.`,
  ].join('\n');

  const attributeRows = [...alb.loadBalancerAttributes.entries()].map(([key, value]) => [
    code(key),
    code(value),
  ]);
  const attributes = markdownTable(['load-balancer attribute', 'value'], attributeRows);

  const idle = Number(attr('idle_timeout.timeout_seconds'));
  const tgRows = alb.targetGroups.map((tg) => {
    const v = (key: string) => {
      const setting = tg.settings.get(key);
      return setting ? `${setting.value}${setting.source === 'Service' ? '' : ` (${setting.source})`}` : '-';
    };
    const sticky = tg.attributes.get('stickiness.enabled') === 'true';
    const delay = tg.attributes.get('deregistration_delay.timeout_seconds');
    return [
      code(`${tg.service}:${tg.port}`),
      v(AlbAnnotation.targetType),
      `${v(AlbAnnotation.healthcheckProtocol)} ${v(AlbAnnotation.healthcheckPath)} on ${v(AlbAnnotation.healthcheckPort)}`,
      v(AlbAnnotation.successCodes),
      `${v(AlbAnnotation.healthcheckIntervalSeconds)} s / ${v(AlbAnnotation.healthcheckTimeoutSeconds)} s / ${v(AlbAnnotation.healthyThresholdCount)} / ${v(AlbAnnotation.unhealthyThresholdCount)}`,
      delay === undefined ? '300 s (AWS default)' : `${delay} s`,
      sticky
        ? `${tg.attributes.get('stickiness.type')} ${tg.attributes.get('stickiness.lb_cookie.duration_seconds')} s`
        : 'off',
    ];
  });
  const targetGroups = [
    'One target group per backend Service port. Unmarked values are annotations on the Service (a Service annotation replaces the Ingress value for that key); a value marked with another source is set there and not on the Service (IngressClassParams values override annotations for every target group).',
    '',
    markdownTable(
      [
        'backend',
        'target type',
        'health check',
        'success codes',
        'interval / timeout / healthy / unhealthy',
        'deregistration delay',
        'stickiness',
      ],
      tgRows,
    ),
  ].join('\n');

  const wsRoutes = routes.filter((r) => r.route.kind !== 'http');
  const wsBackends = [...new Set(wsRoutes.map((r) => r.route.backend.service))].sort();
  const websockets = [
    `WebSocket routes: ${wsRoutes.map((r) => `${r.route.name} (${describeRoute(r.route)}, ${r.route.kind})`).join(', ')}.`,
    '',
    `- The ALB closes a connection after ${idle} s without traffic (\`idle_timeout.timeout_seconds\`). The ${wsBackends.join(' and ')} container${wsBackends.length === 1 ? ' gets' : 's get'} \`${WEBSOCKET_HEARTBEAT_ENV}=${input.heartbeatSeconds}\` and must send heartbeats at that interval, below the idle timeout.`,
    '- A WebSocket stays on the pod that accepted the upgrade. Stickiness (`lb_cookie`) brings SockJS fallback requests and reconnects back to the same pod; it applies to the whole target group of the backend, so REST calls to that backend are sticky too.',
    '- Sticky cookies need target type `ip` (pods registered directly), which every PMS target group uses.',
    '',
    '**What a client sees when its pod drains** (a rollout, a scale-in, a node drain; values below):',
    '',
    `1. The pod leaves the target group at once (the controller deregisters it when the pod is deleted): new upgrades and requests go to other pods; open WebSockets keep flowing, the ALB forwards their frames until the deregistration delay ends.`,
    `2. After the preStop delay the server gets its stop signal and has ${input.websocketDrainSeconds} s (\`ingress.websocket.drainSeconds\`; the container gets \`${WEBSOCKET_DRAIN_ENV}=${input.websocketDrainSeconds}\`) to close every WebSocket itself with close code **${WEBSOCKET_DRAIN_CLOSE_CODE}** ("going away", RFC 6455 §7.4.1). Spring's STOMP handler does so for its sessions when the application stops (\`SubProtocolWebSocketHandler.stop()\`); a native WebSocket handler must do the same, spreading the closes over the drain so clients do not all reconnect at once.`,
    `3. On ${WEBSOCKET_DRAIN_CLOSE_CODE} the client reconnects at once, with a random delay of up to a few seconds (jitter), and resubscribes; the draining pod gets no new connections, so the upgrade lands on a healthy pod and the ALB issues a new stickiness cookie. A client also reconnects when it has seen no frame for two heartbeat intervals (${2 * input.heartbeatSeconds} s): that covers a pod that died without closing (node loss, OOM kill).`,
    `4. A WebSocket still open when the deregistration delay ends is cut by the ALB (the client sees 1006, abnormal closure) and reconnects the same way; the delay equals preStop + drain, so this only happens to a server that ignored its stop signal.`,
  ].join('\n');

  const drainRows = input.backends.map((b) => {
    const tg = alb.targetGroups.find((t) => t.service === b.service);
    const delay = tg?.attributes.get('deregistration_delay.timeout_seconds') ?? '300 (AWS default)';
    return [
      code(b.service),
      b.drain.websocket ? 'WebSocket (ingress.websocket.drainSeconds)' : 'REST (catalogue)',
      `${b.drain.preStopSeconds} s`,
      `${b.drain.drainSeconds} s`,
      `${delay} s`,
      `${terminationGracePeriodOf(b.drain.preStopSeconds, b.drain.drainSeconds)} s`,
    ];
  });
  const draining = [
    `Every ALB backend is an IP target in namespace \`pms\`, labelled \`${READINESS_GATE_INJECT_LABEL}: enabled\`: the controller injects a readiness gate into each new pod, True only once its target is healthy in the target group. A rollout (\`maxUnavailable: 0\`, \`maxSurge: 25%\`) therefore replaces an old pod only when the ALB, not just the kubelet, sends the new one traffic; the PodDisruptionBudget lets a drain take one pod at a time. The namespace is labelled before any pod exists (it comes with the cluster's foundation Application, which syncs first); pods created before the label (or while the controller's webhook was down, failure policy \`Ignore\`) have no gate until they are replaced.`,
    '',
    `When a pod goes, it leaves the Service endpoints and the target group while its preStop \`sleep\` runs; only then does the server get its stop signal and drain. The render checks this chain on the rendered objects, per backend (Deployment, Service annotations), and names the values when one breaks:`,
    '',
    `- preStop ≥ ${ALB_DEREGISTRATION_PROPAGATION_SECONDS} s: the ALB has stopped sending new requests before the server is told to stop (no 502 from a closed port);`,
    '- preStop + drain ≤ deregistration delay: the ALB keeps open connections (WebSockets, slow requests) until the server has closed them;',
    '- deregistration delay ≤ grace period (preStop + drain + 5 s): the kubelet kills the pod only after both.',
    '',
    markdownTable(
      ['backend', 'drains as', 'preStop', 'drain', 'deregistration delay', 'grace period'],
      drainRows,
    ),
  ].join('\n');

  const o = INGRESS_DOC_ORDER;
  return [
    { title: 'Load balancer', body: loadBalancer, order: o },
    { title: 'Listener rules', body: rules, order: o + 1 },
    { title: 'Response headers', body: headers, order: o + 2 },
    { title: 'Load-balancer attributes', body: attributes, order: o + 3 },
    { title: TARGET_GROUPS_SECTION, body: targetGroups, order: o + 4 },
    { title: 'WebSockets', body: websockets, order: o + 5 },
    { title: DRAINING_SECTION, body: draining, order: o + 6 },
  ];
}
