import {
  DELETION_GUARD_SYNC_OPTIONS,
  parseSyncOptions,
  SYNC_OPTIONS_ANNOTATION,
  SYNC_WAVE_ANNOTATION,
  SyncWave,
  type Manifest,
} from '@pms/core';
import { ALB_BACKEND_SERVICES, workloadOf } from '@pms/networking';
import { describe, expect, it } from 'vitest';
import { AlbAnnotation } from './annotations.js';
import { checkAttributes, LOAD_BALANCER_ATTRIBUTES, parseAttributes } from './attributes.js';
import { describeRoute, ingressPathType, PMS_ROUTES, type RouteSpec } from './routes.js';
import { DEFAULT_WEBSOCKET_DRAIN_SECONDS } from './settings.js';
import { CSP_REPORT_ONLY_HEADER } from './plan.js';
import {
  buildTestIngress,
  errorOf,
  PINNED_ARNS,
  TEST_CLUSTER,
  TEST_SETTINGS,
} from './__fixtures__/cluster.js';

const find = (manifests: Manifest[], kind: string, name: string) =>
  manifests.find((m) => m.kind === kind && m.metadata.name === name)!;
const spec = (m: Manifest) => m.spec as Record<string, any>;
const kv = (list: { key: string; value: string }[]) =>
  Object.fromEntries(list.map(({ key, value }) => [key, value]));

describe('PmsIngress objects', () => {
  const { manifests, ingress } = buildTestIngress();

  it('renders IngressClass alb for the controller, with its IngressClassParams, in the platform wave', () => {
    const ingressClass = find(manifests, 'IngressClass', 'alb');
    expect(spec(ingressClass)).toEqual({
      controller: 'ingress.k8s.aws/alb',
      parameters: { apiGroup: 'elbv2.k8s.aws', kind: 'IngressClassParams', name: 'alb' },
    });
    const params = find(manifests, 'IngressClassParams', 'alb');
    expect(params.apiVersion).toBe('elbv2.k8s.aws/v1beta1');
    for (const m of [ingressClass, params]) {
      expect(m.metadata.namespace).toBeUndefined();
      expect(m.metadata.annotations![SYNC_WAVE_ANNOTATION]).toBe(String(SyncWave.platform));
      expect(m.metadata.labels!['app.kubernetes.io/part-of']).toBe('pms');
    }
  });

  it('puts the load balancer settings on IngressClassParams', () => {
    const s = spec(find(manifests, 'IngressClassParams', 'alb'));
    expect(s).toMatchObject({
      scheme: 'internet-facing',
      loadBalancerName: 'pms-test-pms',
      group: { name: 'pms' },
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'pms' } },
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      sslRedirectPort: '443',
      targetType: 'ip',
      // The web ACL by the name security renders it with; no ARN, no certificate ARN (discovery from the host).
      wafv2AclName: 'pms-test-web-acl',
    });
    expect(s.certificateArn).toBeUndefined();
    expect(s.wafv2AclArn).toBeUndefined();
    expect(kv(s.loadBalancerAttributes)).toEqual({
      'deletion_protection.enabled': 'true',
      'idle_timeout.timeout_seconds': '300',
      'routing.http.drop_invalid_header_fields.enabled': 'true',
      'routing.http.desync_mitigation_mode': 'defensive',
      'waf.fail_open.enabled': 'false',
      'access_logs.s3.enabled': 'true',
      'access_logs.s3.bucket': 'pms-test-alb-logs',
      'access_logs.s3.prefix': 'alb/pms-test',
    });
    expect(s.listeners).toHaveLength(1);
    expect(s.listeners[0]).toMatchObject({ protocol: 'HTTPS', port: 443 });
    expect(kv(s.listeners[0].listenerAttributes)).toEqual({
      'routing.http.response.strict_transport_security.header_value':
        'max-age=31536000; includeSubDomains; preload',
      'routing.http.response.x_frame_options.header_value': 'DENY',
      'routing.http.response.x_content_type_options.header_value': 'nosniff',
      'routing.http.response.server.enabled': 'false',
      'routing.http.response.content_security_policy.header_value': TEST_SETTINGS.contentSecurityPolicy,
    });
  });

  it('renders the Ingress pms/pms with ingressClassName, numeric listen ports and the host, in the ingress wave', () => {
    const ing = find(manifests, 'Ingress', 'pms');
    expect(ing.metadata.namespace).toBe('pms');
    expect(ing.metadata.annotations).toMatchObject({
      [SYNC_WAVE_ANNOTATION]: String(SyncWave.ingress),
      [AlbAnnotation.listenPorts]: '[{"HTTP":80},{"HTTPS":443}]',
    });
    expect(spec(ing).ingressClassName).toBe('alb');
    expect(spec(ing).rules).toHaveLength(1);
    expect(spec(ing).rules[0].host).toBe('pms.test.example.com');
    // One path per declared route, with its pathType and backend, in the order the controller evaluates them
    // (`planRoutes`; routes.test.ts specifies that order).
    const rendered = spec(ing).rules[0].http.paths.map(
      (p: any) => `${p.pathType} ${p.path} ${p.backend.service.name}:${p.backend.service.port.number}`,
    );
    const line = (r: RouteSpec) =>
      `${ingressPathType(r.match)} ${r.path} ${r.backend.service}:${r.backend.port}`;
    expect(rendered).toEqual(ingress.routes.map((p) => line(p.route)));
    expect([...rendered].sort()).toEqual(PMS_ROUTES.map(line).sort());
    expect(rendered.at(-1)).toBe('Prefix / frontend:80');
  });

  it("annotates each backend Service with its target group, health values unchanged from the catalogue's", () => {
    // Literal keys and the seed's values: the controller's annotation names, not this library's constants.
    for (const name of ['apigateway', 'frontend'] as const) {
      const annotations = find(manifests, 'Service', name).metadata.annotations!;
      expect(annotations).toMatchObject({
        'alb.ingress.kubernetes.io/backend-protocol': 'HTTP',
        'alb.ingress.kubernetes.io/healthcheck-protocol': 'HTTP',
        'alb.ingress.kubernetes.io/healthcheck-port': 'traffic-port',
        'alb.ingress.kubernetes.io/healthcheck-path': ALB_BACKEND_SERVICES.find((s) => s.name === name)!
          .health.targetGroup.path,
        'alb.ingress.kubernetes.io/success-codes': '200-299',
        'alb.ingress.kubernetes.io/healthcheck-interval-seconds': '30',
        'alb.ingress.kubernetes.io/healthcheck-timeout-seconds': '5',
        'alb.ingress.kubernetes.io/healthy-threshold-count': '2',
        'alb.ingress.kubernetes.io/unhealthy-threshold-count': '2',
      });
    }
    // The readiness group of this pod, not the aggregate health of its dependencies.
    expect(
      find(manifests, 'Service', 'apigateway').metadata.annotations![AlbAnnotation.healthcheckPath],
    ).toBe('/actuator/health/readiness');
    expect(find(manifests, 'Service', 'frontend').metadata.annotations![AlbAnnotation.healthcheckPath]).toBe(
      '/healthz',
    );
  });

  const attrs = (name: string) =>
    Object.fromEntries(
      parseAttributes(
        find(manifests, 'Service', name).metadata.annotations![AlbAnnotation.targetGroupAttributes]!,
      ),
    );

  it('makes only the target group serving websocket/sockjs routes sticky (lb_cookie, one day)', () => {
    expect(attrs('apigateway')).toMatchObject({
      'stickiness.enabled': 'true',
      'stickiness.type': 'lb_cookie',
      'stickiness.lb_cookie.duration_seconds': '86400',
    });
    expect(attrs('frontend')['stickiness.enabled']).toBeUndefined();
  });

  it("gives each target group the deregistration delay of its backend's drain: preStop + drain, WebSockets longer", () => {
    const websocket = new Set(PMS_ROUTES.filter((r) => r.kind !== 'http').map((r) => r.backend.service));
    const routed = ALB_BACKEND_SERVICES.filter((s) => ingress.serviceAnnotations.has(s.name));
    expect(routed.map((s) => s.name)).toEqual(expect.arrayContaining([...websocket]));
    for (const { name, shutdown } of routed) {
      const drain = websocket.has(name) ? DEFAULT_WEBSOCKET_DRAIN_SECONDS : shutdown.drainSeconds;
      expect(attrs(name)['deregistration_delay.timeout_seconds'], name).toBe(
        String(shutdown.preStopSeconds + drain),
      );
    }
    const delay = (name: string) => Number(attrs(name)['deregistration_delay.timeout_seconds']);
    const rest = routed.filter((s) => !websocket.has(s.name));
    for (const ws of websocket) for (const r of rest) expect(delay(ws)).toBeGreaterThan(delay(r.name));
  });

  it("protects the ALB in the Ingress's own annotation, where the controller's delete guard reads it", () => {
    const ing = find(manifests, 'Ingress', 'pms');
    expect(TEST_CLUSTER.environment).toBe('prod');
    expect(parseAttributes(ing.metadata.annotations![AlbAnnotation.loadBalancerAttributes]!)).toEqual(
      new Map([['deletion_protection.enabled', 'true']]),
    );
    expect(parseSyncOptions(ing.metadata.annotations![SYNC_OPTIONS_ANNOTATION])).toEqual([
      ...DELETION_GUARD_SYNC_OPTIONS,
    ]);
  });

  it('carries no deletion guard where the cluster asks for none (dev without deletionProtection)', () => {
    const dev = { ...TEST_CLUSTER, environment: 'dev' as const, deletionProtection: false };
    const ing = find(buildTestIngress({ cluster: dev }).manifests, 'Ingress', 'pms');
    expect(ing.metadata.annotations![AlbAnnotation.loadBalancerAttributes]).toBeUndefined();
    expect(ing.metadata.annotations![SYNC_OPTIONS_ANNOTATION]).toBeUndefined();
  });

  it('reads back as one ALB without problems, and documents its rules in priority order', () => {
    expect(ingress.alb.problems).toEqual([]);
    const rules = ingress.docs.find((d) => d.title === 'Listener rules')!.body;
    const rows = rules.split('\n').filter((row) => row.startsWith('| HTTPS:443 |'));
    expect(rows).toHaveLength(PMS_ROUTES.length);
    ingress.routes.forEach(({ route }, i) => {
      expect(rows[i]).toContain(`| ${i + 1} |`);
      expect(rows[i]).toContain(`| ${route.name} (${describeRoute(route)}) |`);
    });
    const headers = ingress.docs.find((d) => d.title === 'Response headers')!.body;
    expect(headers).toContain('| X-XSS-Protection | `0` | frontend server (nginx) | SPA responses only |');
    expect(headers).toContain(
      `| Content-Security-Policy | \`${TEST_SETTINGS.contentSecurityPolicy}\` | ALB (HTTPS listener attribute) | every HTTPS response`,
    );
  });
});

describe('PmsIngress settings', () => {
  it('adds the CSP header and the desync mode when configured', () => {
    const csp = "default-src 'self'; frame-ancestors 'none'";
    const { manifests } = buildTestIngress({
      settings: { ...TEST_SETTINGS, contentSecurityPolicy: csp, desyncMitigationMode: 'strictest' },
    });
    const s = spec(find(manifests, 'IngressClassParams', 'alb'));
    expect(
      kv(s.listeners[0].listenerAttributes)['routing.http.response.content_security_policy.header_value'],
    ).toBe(csp);
    expect(kv(s.loadBalancerAttributes)['routing.http.desync_mitigation_mode']).toBe('strictest');
  });

  it('refuses a heartbeat that is not below the idle timeout', () => {
    expect(
      errorOf(() =>
        buildTestIngress({ settings: { ...TEST_SETTINGS, websocket: { heartbeatSeconds: 400 } } }),
      ),
    ).toBe(
      '[pms-test] ingress.websocket.heartbeatSeconds = 400: the ALB closes a WebSocket after 300 s without traffic, before the next heartbeat; allowed: a whole number from 1 to 299 seconds (below ingress.idleTimeoutSeconds = 300, the default) (at pms-test/ingress)',
    );
  });

  it('names both fields when an explicit idle timeout is not above the heartbeat (either may have changed)', () => {
    expect(
      errorOf(() =>
        buildTestIngress({
          settings: { ...TEST_SETTINGS, websocket: { heartbeatSeconds: 25 }, idleTimeoutSeconds: 20 },
        }),
      ).split('\n'),
    ).toEqual([
      '[pms-test] ingress.idleTimeoutSeconds = 20: not above ingress.websocket.heartbeatSeconds = 25: the ALB closes a WebSocket after 20 s without traffic, before the next heartbeat; allowed: a whole number from 26 to 4000 seconds (above ingress.websocket.heartbeatSeconds = 25), or a lower heartbeat (at pms-test/ingress)',
      '[pms-test] ingress.websocket.heartbeatSeconds = 25: the ALB closes a WebSocket after 20 s without traffic, before the next heartbeat; allowed: a whole number from 1 to 19 seconds (below ingress.idleTimeoutSeconds = 20), or a higher idle timeout (at pms-test/ingress)',
    ]);
  });

  it('refuses an idle timeout outside the ALB range', () => {
    expect(
      errorOf(() => buildTestIngress({ settings: { ...TEST_SETTINGS, idleTimeoutSeconds: 5000 } })),
    ).toBe(
      '[pms-test] ingress.idleTimeoutSeconds = 5000; allowed: a whole number from 1 to 4000 seconds (at pms-test/ingress)',
    );
  });

  it("accepts any idle timeout in AWS's range (1-4000 s), the same range as the attribute catalogue", () => {
    const { manifests } = buildTestIngress({
      settings: { ...TEST_SETTINGS, websocket: { heartbeatSeconds: 20 }, idleTimeoutSeconds: 30 },
    });
    expect(kv(spec(find(manifests, 'IngressClassParams', 'alb')).loadBalancerAttributes)).toMatchObject({
      'idle_timeout.timeout_seconds': '30',
    });
    expect(checkAttributes(LOAD_BALANCER_ATTRIBUTES, [['idle_timeout.timeout_seconds', '30']])).toEqual([]);
    expect(errorOf(() => buildTestIngress({ settings: { ...TEST_SETTINGS, idleTimeoutSeconds: 0 } }))).toBe(
      '[pms-test] ingress.idleTimeoutSeconds = 0; allowed: a whole number from 1 to 4000 seconds (at pms-test/ingress)',
    );
    expect(checkAttributes(LOAD_BALANCER_ATTRIBUTES, [['idle_timeout.timeout_seconds', '0']])).toEqual([
      { key: 'idle_timeout.timeout_seconds', value: '0', allowed: 'a whole number from 1 to 4000' },
    ]);
  });

  it('keeps the WebSocket requirement separate: an idle timeout in range but not above the heartbeat', () => {
    expect(
      errorOf(() =>
        buildTestIngress({
          settings: { ...TEST_SETTINGS, websocket: { heartbeatSeconds: 25 }, idleTimeoutSeconds: 1 },
        }),
      ),
    ).toBe(
      [
        '[pms-test] ingress.idleTimeoutSeconds = 1: not above ingress.websocket.heartbeatSeconds = 25: the ALB closes a WebSocket after 1 s without traffic, before the next heartbeat; allowed: a whole number from 26 to 4000 seconds (above ingress.websocket.heartbeatSeconds = 25), or a lower heartbeat (at pms-test/ingress)',
        '[pms-test] ingress.websocket.heartbeatSeconds = 25: the ALB closes a WebSocket after 1 s without traffic, before the next heartbeat; allowed: an ingress.idleTimeoutSeconds above the heartbeat (it is 1) (at pms-test/ingress)',
      ].join('\n'),
    );
    expect(
      errorOf(() => buildTestIngress({ settings: { ...TEST_SETTINGS, websocket: { heartbeatSeconds: 0 } } })),
    ).toBe(
      '[pms-test] ingress.websocket.heartbeatSeconds = 0; allowed: a whole number of seconds, at least 1 (at pms-test/ingress)',
    );
  });

  it('refuses a TLS policy without TLS 1.3 or with TLS 1.0, and names that are not ELB policies', () => {
    expect(
      errorOf(() =>
        buildTestIngress({ settings: { ...TEST_SETTINGS, sslPolicy: 'ELBSecurityPolicy-2016-08' } }),
      ),
    ).toContain(
      'ingress.sslPolicy = "ELBSecurityPolicy-2016-08": allows TLS 1.0 and does not offer TLS 1.3; allowed: a TLS 1.3 ELB policy without TLS 1.0/1.1',
    );
    expect(
      errorOf(() =>
        buildTestIngress({
          settings: { ...TEST_SETTINGS, sslPolicy: 'ELBSecurityPolicy-TLS13-1-0-2021-06' },
        }),
      ),
    ).toContain('allows TLS 1.0;');
    expect(
      errorOf(() => buildTestIngress({ settings: { ...TEST_SETTINGS, sslPolicy: 'TLS13' as never } })),
    ).toContain('ingress.sslPolicy = "TLS13": not a predefined ELB security policy');
  });

  it('accepts another TLS 1.3 policy', () => {
    const { manifests } = buildTestIngress({
      settings: { ...TEST_SETTINGS, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
    });
    expect(spec(find(manifests, 'IngressClassParams', 'alb')).sslPolicy).toBe(
      'ELBSecurityPolicy-TLS13-1-2-2021-06',
    );
  });

  it('refuses a CSP on several lines, a stickiness out of range and monitor desync mode, all at once', () => {
    const message = errorOf(() =>
      buildTestIngress({
        settings: {
          ...TEST_SETTINGS,
          contentSecurityPolicy: "default-src 'self';\nimg-src *",
          stickinessSeconds: 0,
          desyncMitigationMode: 'monitor' as never,
        },
      }),
    );
    expect(message.split('\n')).toEqual([
      '[pms-test] ingress.stickinessSeconds = 0; allowed: a whole number from 1 to 604800 seconds (at pms-test/ingress)',
      `[pms-test] ingress.contentSecurityPolicy = "default-src 'self';\\nimg-src *"; allowed: a Content-Security-Policy of printable ASCII on one line (1-1000 characters), e.g. "default-src 'self'" (at pms-test/ingress)`,
      '[pms-test] ingress.desyncMitigationMode = "monitor"; allowed: one of "defensive", "strictest" (at pms-test/ingress)',
    ]);
  });

  it('refuses a backend without a target-group health check in the catalogue', () => {
    const routes = [
      ...PMS_ROUTES,
      {
        name: 'auth-direct',
        path: '/auth',
        match: 'prefix' as const,
        backend: { service: 'auth', port: 8081 },
        kind: 'http' as const,
        purpose: 'x',
      },
    ];
    expect(errorOf(() => buildTestIngress({ routes }))).toBe(
      '[pms-test] PMS_SERVICES (libs/networking/src/catalogue.ts) auth.health.targetGroup = (missing): backend auth has none; allowed: a target-group health check for every ALB backend (at pms-test/ingress)',
    );
  });

  it('refuses bad routes with their names', () => {
    const [route] = PMS_ROUTES;
    const routes = [...PMS_ROUTES, { ...route!, name: `${route!.name}-again` }];
    expect(errorOf(() => buildTestIngress({ routes }))).toBe(
      `[pms-test] PMS_ROUTES[${PMS_ROUTES.length}] (libs/ingress/src/routes.ts) path = "${route!.path}": routes "${route!.name}" and "${route!.name}-again" both declare ${describeRoute(route!)}; allowed: a path no other route declares (at pms-test/ingress)`,
    );
  });
});

describe('PmsIngress: where the load balancer settings really live', () => {
  const { manifests, ingress } = buildTestIngress();
  const loadBalancer = ingress.docs.find((d) => d.title === 'Load balancer')!.body;

  it("pins the ALB to exactly the settings' ALB subnets (IngressClassParams spec.subnets.ids)", () => {
    expect(spec(find(manifests, 'IngressClassParams', 'alb')).subnets).toEqual({
      ids: ['subnet-00000000000000001', 'subnet-00000000000000002'],
    });
    expect(ingress.alb.subnets).toMatchObject({
      ids: ['subnet-00000000000000001', 'subnet-00000000000000002'],
      origin: { kind: 'IngressClassParams', object: 'alb', field: 'spec.subnets' },
    });
    expect(loadBalancer).toContain(
      '- Subnets: `subnet-00000000000000001` (eu-central-1a, `10.40.0.0/24`), `subnet-00000000000000002` (eu-central-1b, `10.40.1.0/24`), from `spec.subnets` of IngressClassParams `alb`.',
    );
  });

  it('says the certificate is discovered from the host and the web ACL named on IngressClassParams, as the model reads them', () => {
    const https = ingress.alb.listeners.find((l) => l.protocol === 'HTTPS')!;
    expect(https.certificateArns).toEqual([]);
    expect(https.certificateDiscoveryHosts).toEqual([TEST_CLUSTER.host]);
    expect(ingress.alb.wafv2AclNameOrigin).toEqual({
      kind: 'IngressClassParams',
      object: 'alb',
      field: 'spec.wafv2AclName',
    });
    expect(loadBalancer).toContain(`discovered by the controller for \`${TEST_CLUSTER.host}\``);
    expect(loadBalancer).toContain(
      '`pms-test-web-acl` by name (from `spec.wafv2AclName` of IngressClassParams `alb`), resolved to its ARN by the controller',
    );
    expect(loadBalancer).not.toContain('alb.ingress.kubernetes.io/certificate-arn');
  });

  it('puts ARNs pinned on purpose on IngressClassParams instead (and never a name next to an ARN)', () => {
    const pinned = buildTestIngress({ cluster: { ...TEST_CLUSTER, ...PINNED_ARNS } });
    const s = spec(find(pinned.manifests, 'IngressClassParams', 'alb'));
    expect(s.certificateArn).toEqual([PINNED_ARNS.certificateArn]);
    expect(s.wafv2AclArn).toBe(PINNED_ARNS.webAclArn);
    expect(s.wafv2AclName).toBeUndefined();
    const https = pinned.ingress.alb.listeners.find((l) => l.protocol === 'HTTPS')!;
    expect(https.certificateDiscoveryHosts).toEqual([]);
    expect(https.certificateOrigin).toEqual({
      kind: 'IngressClassParams',
      object: 'alb',
      field: 'spec.certificateArn',
    });
  });

  it('sets target type ip once, on IngressClassParams, and the docs show that source', () => {
    expect(
      find(manifests, 'Service', 'apigateway').metadata.annotations![AlbAnnotation.targetType],
    ).toBeUndefined();
    const apigateway = ingress.alb.targetGroups.find((tg) => tg.service === 'apigateway')!;
    expect(apigateway.settings.get(AlbAnnotation.targetType)).toEqual({
      value: 'ip',
      source: 'IngressClassParams',
    });
    const targetGroups = ingress.docs.find((d) => d.title === 'Target groups')!.body;
    expect(targetGroups).toContain(
      '| `apigateway:8080` | ip (IngressClassParams) | HTTP /actuator/health/readiness',
    );
    expect(targetGroups).toContain('a value marked with another source is set there and not on the Service');
  });

  it('tags the ALB with the PMS AWS tag keys', () => {
    expect(kv(spec(find(manifests, 'IngressClassParams', 'alb')).tags)).toEqual({
      'pms:cluster': 'pms-test',
      'pms:environment': 'prod',
      'pms:managed-by': 'pms-gitops',
    });
  });
});

describe('PmsIngress: the WebSocket heartbeat reaches the application', () => {
  it('publishes the validated heartbeat as the environment of every WebSocket and SockJS backend', () => {
    const { ingress } = buildTestIngress({
      settings: { ...TEST_SETTINGS, websocket: { heartbeatSeconds: 40 } },
    });
    expect(ingress.websocketHeartbeatSeconds).toBe(40);
    const websocketBackends = [
      ...new Set(PMS_ROUTES.filter((r) => r.kind !== 'http').map((r) => r.backend.service)),
    ];
    expect(ingress.backendEnv).toEqual(
      Object.fromEntries(
        websocketBackends.map((b) => [
          b,
          {
            PMS_WEBSOCKET_HEARTBEAT_SECONDS: '40',
            PMS_WEBSOCKET_DRAIN_SECONDS: String(DEFAULT_WEBSOCKET_DRAIN_SECONDS),
          },
        ]),
      ),
    );
    const websockets = ingress.docs.find((d) => d.title === 'WebSockets')!.body;
    expect(websockets).toContain(
      'The apigateway container gets `PMS_WEBSOCKET_HEARTBEAT_SECONDS=40` and must send heartbeats at that interval',
    );
    expect(websockets).not.toContain('the application sends a heartbeat');
  });
});

describe('PmsIngress: the WebSocket drain is a setting', () => {
  const websocketBackends = [
    ...new Set(PMS_ROUTES.filter((r) => r.kind !== 'http').map((r) => r.backend.service)),
  ];

  it('publishes the drain for the WebSocket backends and derives their deregistration delay from it', () => {
    const { ingress, manifests } = buildTestIngress({
      settings: { ...TEST_SETTINGS, websocket: { heartbeatSeconds: 25, drainSeconds: 120 } },
    });
    expect(ingress.backendDrain).toEqual(Object.fromEntries(websocketBackends.map((b) => [b, 120])));
    for (const name of websocketBackends) {
      const raw = find(manifests, 'Service', name).metadata.annotations![
        AlbAnnotation.targetGroupAttributes
      ]!;
      const preStop = workloadOf(name as 'apigateway').shutdown.preStopSeconds;
      expect(parseAttributes(raw).get('deregistration_delay.timeout_seconds')).toBe(String(preStop + 120));
    }
    const websockets = ingress.docs.find((d) => d.title === 'WebSockets')!.body;
    expect(websockets).toContain('close code **1001**');
    expect(websockets).toContain('`PMS_WEBSOCKET_DRAIN_SECONDS=120`');
  });

  it('refuses a drain out of range', () => {
    expect(
      errorOf(() =>
        buildTestIngress({
          settings: { ...TEST_SETTINGS, websocket: { heartbeatSeconds: 25, drainSeconds: 1000 } },
        }),
      ),
    ).toBe(
      '[pms-test] ingress.websocket.drainSeconds = 1000; allowed: a whole number from 5 to 900 seconds (at pms-test/ingress)',
    );
  });
});

describe('PmsIngress: the Content-Security-Policy in prod', () => {
  const policy = "default-src 'self'; object-src 'none'";
  const { contentSecurityPolicy: _omitted, ...noCsp } = TEST_SETTINGS;

  it('refuses a prod cluster without any CSP, naming both ways to send one', () => {
    expect(errorOf(() => buildTestIngress({ settings: noCsp }))).toBe(
      `[pms-test] ingress.contentSecurityPolicy = (missing): a prod cluster must send a Content-Security-Policy: the frontend disables the browsers' XSS auditor (X-XSS-Protection: 0) and relies on it; allowed: an enforced policy (contentSecurityPolicy, sent by the ALB), or first a Report-Only one (contentSecurityPolicyReportOnly, sent by the frontend) on the way to enforcing it (docs/ingress.md, "Content-Security-Policy") (at pms-test/ingress)`,
    );
  });

  it('accepts a Report-Only policy alone, published for the frontend, never as a listener attribute', () => {
    const { ingress, manifests } = buildTestIngress({
      settings: { ...noCsp, contentSecurityPolicyReportOnly: policy },
    });
    expect(ingress.frontendHeaders).toEqual([{ name: CSP_REPORT_ONLY_HEADER, value: policy }]);
    const attributes = kv(spec(find(manifests, 'IngressClassParams', 'alb')).listeners[0].listenerAttributes);
    expect(Object.values(attributes)).not.toContain(policy);
    const headers = ingress.docs.find((d) => d.title === 'Response headers')!.body;
    expect(headers).toContain(
      `| ${CSP_REPORT_ONLY_HEADER} | \`${policy}\` | frontend server (nginx) | SPA responses only |`,
    );
    expect(headers).toContain('| Content-Security-Policy | not set | - | - |');
    expect(headers).toContain('No enforced `Content-Security-Policy` yet');
  });

  it('sends both: the enforced one from the ALB, the one on trial from the frontend', () => {
    const { ingress } = buildTestIngress({
      settings: { ...TEST_SETTINGS, contentSecurityPolicyReportOnly: policy },
    });
    const headers = ingress.docs.find((d) => d.title === 'Response headers')!.body;
    expect(headers).toContain('To enforce it, move it to `ingress.contentSecurityPolicy`');
    expect(headers).toMatch(
      /\| Content-Encoding \| `gzip` \(and `Vary: Accept-Encoding`\) \| frontend server \(nginx\) \|/,
    );
  });

  it('refuses a Report-Only policy nginx cannot carry, and one a browser would misread', () => {
    expect(
      errorOf(() =>
        buildTestIngress({
          settings: { ...TEST_SETTINGS, contentSecurityPolicyReportOnly: "default-src 'self' $host" },
        }),
      ),
    ).toContain(
      `ingress.contentSecurityPolicyReportOnly = "default-src 'self' $host"; allowed: a Content-Security-Policy of printable ASCII on one line (1-1000 characters; nginx carries it in double quotes and expands $ variables, so no ", \\ or $)`,
    );
    expect(
      errorOf(() =>
        buildTestIngress({
          settings: { ...TEST_SETTINGS, contentSecurityPolicyReportOnly: 'default-src self' },
        }),
      ),
    ).toContain('ingress.contentSecurityPolicyReportOnly = "self": self is read as a host named "self"');
  });
});
