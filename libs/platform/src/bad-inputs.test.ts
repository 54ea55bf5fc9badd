/**
 * The bad-input corpus (issue 9, part 2): each case feeds ONE malformation to the real public API and asserts the
 * ONE message it produces, naming the cluster, the field or object, the bad value and what is allowed.
 *
 * Families: cluster settings (through the whole `buildPmsCluster`, which must throw and return nothing), health
 * values of the catalogue (`validateCatalogueHealth`), routes (`planRoutes`), the communication graph (`validateGraph`), annotation values
 * (`parseAttributes`, `formatAttributes`, `checkAttributes`, and the policy gate over rendered objects), schema
 * strictness (`validateManifests`), and the build's checks over tampered rendered objects (`checkRenderedCluster`:
 * the shutdown and drain chain, rollouts against the PDB, deletion protection in prod, alarm descriptions), and
 * issue 17's settings (a prod cluster without a CSP, expected traffic, the hosted zone, the migration's weights; the
 * external-dns values against the chart's schema facts are apps/argocd/src/external-dns.test.ts's).
 *
 * A newly found gap (an input accepted, or refused with an imprecise message) is kept as `it.fails` with a comment
 * naming the file to fix; when the library is fixed, vitest reports it and `it.fails` becomes `it`. None is open.
 * "Nothing is written on failure" is proven end to end by tools/render/render.test.ts.
 */
import {
  buildSyncPlan,
  Checks,
  ConfigError,
  ConfigErrors,
  formatIssue,
  issuesOf,
  manifestPath,
  objectKey,
  supportedRegions,
  type ConfigIssue,
  type Manifest,
  type PlanApplication,
  type PlanInput,
  type RenderContext,
  type Requirement,
} from '@pms/core';
import {
  AlbAnnotation,
  ALB_DEFAULT_DEREGISTRATION_DELAY_SECONDS,
  ATTRIBUTE_GRAMMAR,
  AttributeSyntaxError,
  checkAttributes,
  checkWebSocketBackends,
  CSP_GRAMMAR,
  formatAttributes,
  legacyEndpointName,
  LISTENER_ATTRIBUTES,
  LOAD_BALANCER_ATTRIBUTES,
  parseAttributes,
  planRoutes,
  PMS_ROUTES,
  DEFAULT_WEBSOCKET_DRAIN_SECONDS,
  TARGET_GROUP_ATTRIBUTES,
  type RouteSpec,
} from '@pms/ingress';
import {
  ALB_BACKEND_SERVICES,
  ALB_DEREGISTRATION_PROPAGATION_SECONDS,
  BACKING_CHARTS,
  CHARTS_FILE,
  checkPreDnat,
  checkReachability,
  operatorNodes,
  PMS_GRAPH,
  PMS_SERVICES,
  RESOURCE_METRICS_API,
  SHUTDOWN_EXIT_SECONDS,
  SHUTDOWN_SOURCES,
  statefulBackingKindOf,
  UPSTREAM_PROJECTS,
  unservedMetricsApis,
  validateBackingCatalogue,
  validateBackingCharts,
  validateCatalogueHealth,
  validateCatalogueShutdown,
  validateGraph,
  type BackingService,
  type GraphEdge,
  type ServiceDefinition,
  type TargetGroupHealthCheck,
  type WorkloadService,
} from '@pms/networking';
import { withHealth } from '@pms/networking/testing';
import { validateManifests } from '@pms/schemas';
import { runbookUrl } from '@pms/monitoring';
import { chartInstalledPods, runPolicyGate } from '@pms/security';
import { describe, expect, it } from 'vitest';
import { CLUSTER, settingsWith, validSettings, type Mutable } from './__fixtures__/cluster.js';
import { renderedObject, renderedObjects, validApplication } from './__fixtures__/objects.js';
import { buildPmsCluster, checkRenderedCluster, pmsClusterTarget, type BuiltCluster } from './cluster.js';
import type { PmsClusterSettings } from './settings.js';

// Lists the refusals spell out, derived from the catalogue so that adding a service keeps these cases true.
const HTTP_SERVICES = PMS_SERVICES.filter((s) => s.kind === 'workload' && s.appProtocol === 'http')
  .map((s) => `${s.name}:${s.port}`)
  .join(', ');
const SERVICE_NAMES = PMS_SERVICES.map((s) => s.name).join(', ');
/** The operators of the catalogue's backing services, as graph sources. */
const OPERATORS = operatorNodes()
  .map((n) => `"${n.name}"`)
  .join(', ');
/** The catalogue's backing service run by an upstream project, e.g. the CloudNativePG one. */
const backingOf = (project: string) =>
  PMS_SERVICES.find((s) => s.kind === 'backing' && s.installer.project === project) as BackingService;

type Change = (settings: Mutable<PmsClusterSettings>) => void;

/**
 * Builds the fixture with `change` applied and returns what the build threw. Asserts that the build threw and
 * returned nothing.
 */
function buildError(change: Change): unknown {
  let built: BuiltCluster | undefined;
  let thrown: unknown;
  try {
    built = buildPmsCluster(settingsWith(change));
  } catch (error) {
    thrown = error;
  }
  expect(built, 'the build must not return objects for a bad input').toBeUndefined();
  expect(thrown, 'the build must throw').toBeDefined();
  return thrown;
}

/** Asserts the whole build refuses `change` with exactly ONE issue whose message is `message`. */
function expectRefusal(change: Change, message: string): void {
  const error = buildError(change);
  expect((error as Error).message).toBe(message);
  expect(error).toBeInstanceOf(ConfigError);
}

/** The messages `planRoutes` records for `routes`, as `PmsIngress` checks them. */
function routeMessages(routes: readonly RouteSpec[]): string[] {
  const checks = new Checks(CLUSTER, 'ingress', `${CLUSTER}/ingress`);
  planRoutes(routes, checks);
  return checks.issues.map(formatIssue);
}

/** An HTTP route to apigateway:8080. */
const api = (name: string, path: string, match: RouteSpec['match'] = 'prefix'): RouteSpec => ({
  name,
  path,
  match,
  backend: { service: 'apigateway', port: 8080 },
  kind: 'http',
  purpose: name,
});

/** The name of the PMS route declaring `path` (the cases collide with it by path, whatever it is called). */
const routeNamed = (path: string) => PMS_ROUTES.find((r) => r.path === path)!.name;

/** Index of the first route a case appends to the PMS routing table. */
const NEXT_ROUTE = PMS_ROUTES.length;

/** The messages `validateGraph` records for the PMS graph plus `extra` edges, as `PmsNetworking` checks it. */
function graphMessages(...extra: GraphEdge[]): string[] {
  const checks = new Checks(CLUSTER, 'networking', `${CLUSTER}/networking`);
  validateGraph({ edges: [...PMS_GRAPH.edges, ...extra] }, checks);
  return checks.issues.map(formatIssue);
}

const tcp = (from: string, to: string, port: number): GraphEdge => ({
  from,
  to,
  port,
  protocol: 'TCP',
  purpose: 'corpus',
});
/** Index of the first edge a case appends to the PMS graph. */
const NEXT_EDGE = PMS_GRAPH.edges.length;

/** The messages `validateCatalogueHealth` records for `services`, as `PmsNetworking` checks the catalogue. */
function healthMessages(services: readonly ServiceDefinition[]): string[] {
  const checks = new Checks(CLUSTER, 'networking', `${CLUSTER}/networking`);
  validateCatalogueHealth(services, checks);
  return checks.issues.map(formatIssue);
}

/** The catalogue with apigateway's target-group health check changed. */
const gatewayTargetGroup = (change: Partial<TargetGroupHealthCheck>): ServiceDefinition[] =>
  PMS_SERVICES.map((s) =>
    s.name === 'apigateway' ? withHealth(s as WorkloadService, { targetGroup: change }) : s,
  );

/** What `f` threw (fails the test when it returns). */
function thrownBy(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal, but the call returned');
}

/** The objects of the valid fixture with one annotation of the Service `name` replaced. */
function withServiceAnnotation(name: string, key: string, value: string): Manifest[] {
  return renderedObjects().map((m) =>
    m.kind === 'Service' && m.metadata.name === name
      ? { ...m, metadata: { ...m.metadata, annotations: { ...m.metadata.annotations, [key]: value } } }
      : m,
  );
}

const STICKY =
  'stickiness.enabled=true,stickiness.type=lb_cookie,stickiness.lb_cookie.duration_seconds=86400';

describe('the fixture', () => {
  it('is a valid cluster: it builds, and its objects pass the schemas and the policy gate', () => {
    const built = buildPmsCluster(validSettings());
    expect(built.manifests.length).toBeGreaterThan(30);
    expect(() => validateManifests(CLUSTER, built.manifests)).not.toThrow();
    expect(() => validateManifests(CLUSTER, [validApplication()])).not.toThrow();
    expect(
      () =>
        runPolicyGate(validSettings(), built.manifests, { externalPods: chartInstalledPods() }).exceptions,
    ).not.toThrow();
  });
});

/** A certificate and a web ACL of the fixture's account and region, for the cases that pin one on purpose. */
const PINNED_CERTIFICATE =
  'arn:aws:acm:eu-central-1:444444444444:certificate/1d2e3f40-4444-4a5b-8c6d-7e8f9a0b1c2d';
const PINNED_WEB_ACL =
  'arn:aws:wafv2:eu-central-1:444444444444:regional/webacl/pms-corpus-web-acl/5a6b7c8d-4444-4e2f-9a0b-1c2d3e4f5a6b';

describe('cluster settings: ARNs pinned on purpose', () => {
  it('builds with both pinned (the ALB then reads the ARNs instead of discovering and naming)', () => {
    expect(() =>
      buildPmsCluster(
        settingsWith((s) => {
          s.certificateArn = PINNED_CERTIFICATE;
          s.webAclArn = PINNED_WEB_ACL;
        }),
      ),
    ).not.toThrow();
  });

  it('refuses a certificate ARN that does not parse', () => {
    expectRefusal(
      (s) => (s.certificateArn = 'acm:certificate/1d2e3f40'),
      '[pms-corpus] certificateArn = "acm:certificate/1d2e3f40": not a valid ARN; allowed: an ARN of an ACM certificate in account 444444444444 and region eu-central-1',
    );
  });

  it('refuses a certificate ARN of another service', () => {
    expectRefusal(
      (s) => (s.certificateArn = 'arn:aws:iam::444444444444:server-certificate/pms'),
      '[pms-corpus] certificateArn = "arn:aws:iam::444444444444:server-certificate/pms": is an ARN of service "iam", not "acm"; allowed: an ARN of an ACM certificate in account 444444444444 and region eu-central-1',
    );
  });

  it('refuses a certificate in another region (an ALB only attaches certificates of its own region)', () => {
    expectRefusal(
      (s) => (s.certificateArn = PINNED_CERTIFICATE.replace('eu-central-1', 'us-east-1')),
      '[pms-corpus] certificateArn = "arn:aws:acm:us-east-1:444444444444:certificate/1d2e3f40-4444-4a5b-8c6d-7e8f9a0b1c2d": is in region us-east-1, but the cluster is in eu-central-1 (an ALB can only use an ACM certificate from its own region); allowed: an ARN of an ACM certificate in account 444444444444 and region eu-central-1',
    );
  });

  it('refuses a certificate ARN whose resource is not a certificate id', () => {
    expectRefusal(
      (s) => (s.certificateArn = 'arn:aws:acm:eu-central-1:444444444444:certificate/pms'),
      '[pms-corpus] certificateArn = "arn:aws:acm:eu-central-1:444444444444:certificate/pms": resource "certificate/pms" is not an ACM certificate; allowed: an ARN of an ACM certificate in account 444444444444 and region eu-central-1',
    );
  });

  it('refuses a web ACL of another account', () => {
    expectRefusal(
      (s) => (s.webAclArn = PINNED_WEB_ACL.replace('444444444444', '555555555555')),
      '[pms-corpus] webAclArn = "arn:aws:wafv2:eu-central-1:555555555555:regional/webacl/pms-corpus-web-acl/5a6b7c8d-4444-4e2f-9a0b-1c2d3e4f5a6b": belongs to account 555555555555, but the cluster is in account 444444444444; allowed: an ARN of a regional WAFv2 web ACL in account 444444444444 and region eu-central-1',
    );
  });

  it('refuses a web ACL other than the one this repository creates for the cluster', () => {
    expectRefusal(
      (s) => (s.webAclArn = PINNED_WEB_ACL.replace('pms-corpus-web-acl', 'shared-acl')),
      '[pms-corpus] webAclArn = "arn:aws:wafv2:eu-central-1:444444444444:regional/webacl/shared-acl/5a6b7c8d-4444-4e2f-9a0b-1c2d3e4f5a6b": names the web ACL "shared-acl", so the ALB would not use the ACL this repository manages; allowed: the ARN of the web ACL "pms-corpus-web-acl" that ACK creates (status.ackResourceMetadata.arn of WebACL pms-aws/pms-corpus-web-acl) (at pms-corpus/security)',
    );
  });

  it('refuses a certificate ARN of another partition', () => {
    const error = buildError(
      (s) => (s.certificateArn = PINNED_CERTIFICATE.replace('arn:aws:', 'arn:aws-cn:')),
    );
    expect((error as Error).message).toMatch(
      /^\[pms-corpus\] certificateArn = "arn:aws-cn:acm:eu-central-1:.*partition.*; allowed: .*arn:aws:/,
    );
  });
});

describe('cluster settings: region and access logs', () => {
  it('refuses a region with no known ALB access-log delivery principal, listing the regions the project knows', () => {
    expectRefusal(
      (s) => {
        s.aws.region = 'eu-east-9';
        s.vpc.albSubnets.forEach((subnet, i) => (subnet.availabilityZone = `eu-east-9${'abc'[i]}`));
        s.monitoring.alarmTopicArn = s.monitoring.alarmTopicArn.replace('eu-central-1', 'eu-east-9');
      },
      `[pms-corpus] aws.region = "eu-east-9": no known principal delivers ALB access logs in this region, so the access-log bucket policy cannot be written; allowed: one of ${supportedRegions().join(', ')} (to add a region, add its deliverer from the ELB user guide to ELB_LOG_DELIVERY in libs/core/src/aws/elb-log-delivery.ts)`,
    );
  });

  it('refuses a retention of zero days', () => {
    expectRefusal(
      (s) => (s.accessLogs.retentionDays = 0),
      '[pms-corpus] accessLogs.retentionDays = 0; allowed: a whole number of days, 1 or more (default 90)',
    );
  });

  it('refuses a retention on an external bucket, which this cluster renders no lifecycle for', () => {
    expectRefusal((s) => {
      s.accessLogs.external = true;
      s.accessLogs.retentionDays = 30;
    }, "[pms-corpus] accessLogs.retentionDays = 30: the bucket is external, so this cluster renders no lifecycle rule for it; allowed: no retentionDays on an external bucket (set the expiry on the bucket's own lifecycle configuration)");
  });

  it('builds with an external bucket declared on purpose, rendering no Bucket', () => {
    const built = buildPmsCluster(settingsWith((s) => (s.accessLogs.external = true)));
    expect(built.manifests.filter((m) => m.kind === 'Bucket')).toEqual([]);
  });
});

describe('cluster settings: VPC, subnets, host', () => {
  it('refuses a VPC CIDR that is not a CIDR', () => {
    expectRefusal(
      (s) => (s.vpc.cidr = '10.40.0.0/33'),
      '[pms-corpus] vpc.cidr = "10.40.0.0/33"; allowed: an IPv4 network CIDR with a prefix from /16 to /28, e.g. 10.20.0.0/16',
    );
  });

  it('refuses an ALB subnet with host bits set', () => {
    expectRefusal(
      (s) => (s.vpc.albSubnets[0]!.cidr = '10.40.0.1/24'),
      '[pms-corpus] vpc.albSubnets[0].cidr = "10.40.0.1/24"; allowed: an IPv4 network CIDR of /27 or larger (the ALB needs 8 free addresses per subnet)',
    );
  });

  it('refuses an ALB subnet outside the VPC', () => {
    expectRefusal(
      (s) => (s.vpc.albSubnets[1]!.cidr = '10.41.1.0/24'),
      '[pms-corpus] vpc.albSubnets[1].cidr = "10.41.1.0/24": lies outside the VPC; allowed: a block inside the VPC CIDR 10.40.0.0/16',
    );
  });

  it('refuses overlapping ALB subnets, naming the subnet overlapped', () => {
    expectRefusal(
      (s) => (s.vpc.albSubnets[1]!.cidr = '10.40.0.128/25'),
      '[pms-corpus] vpc.albSubnets[1].cidr = "10.40.0.128/25": overlaps another ALB subnet; allowed: a block that does not overlap vpc.albSubnets[0].cidr (10.40.0.0/24)',
    );
  });

  it('refuses ALB subnets all in one availability zone', () => {
    expectRefusal(
      (s) => s.vpc.albSubnets.forEach((subnet) => (subnet.availabilityZone = 'eu-central-1a')),
      '[pms-corpus] vpc.albSubnets = ["eu-central-1a","eu-central-1a","eu-central-1a"]; allowed: subnets in at least two availability zones (an ALB requires two)',
    );
  });

  it('refuses an availability zone of another region', () => {
    expectRefusal(
      (s) => (s.vpc.albSubnets[0]!.availabilityZone = 'us-east-1a'),
      '[pms-corpus] vpc.albSubnets[0].availabilityZone = "us-east-1a"; allowed: an availability zone of eu-central-1, e.g. eu-central-1a',
    );
  });

  it('refuses a malformed region once, without cascading into the availability zones', () => {
    expectRefusal(
      (s) => (s.aws.region = 'eu-central'),
      '[pms-corpus] aws.region = "eu-central"; allowed: an AWS region code such as eu-central-1',
    );
  });

  it('refuses a host that is not a DNS name', () => {
    expectRefusal(
      (s) => (s.host = 'pms_corpus.example.com'),
      '[pms-corpus] host = "pms_corpus.example.com"; allowed: a fully qualified lower-case DNS name such as pms.example.com',
    );
  });

  it('refuses a URL where a host is expected', () => {
    expectRefusal(
      (s) => (s.host = 'https://corpus.pms.example.com'),
      '[pms-corpus] host = "https://corpus.pms.example.com"; allowed: a fully qualified lower-case DNS name such as pms.example.com',
    );
  });

  it('requires deletion protection in prod', () => {
    expectRefusal(
      (s) => (s.deletionProtection = false),
      '[pms-corpus] deletionProtection = false: a prod load balancer must be protected from deletion; allowed: true in prod',
    );
  });
});

describe('cluster settings: workloads', () => {
  it('refuses the "latest" image tag', () => {
    expectRefusal(
      (s) => (s.networking.workloads.apigateway.image.tag = 'latest'),
      '[pms-corpus] networking.workloads.apigateway.image.tag = "latest": "latest" is not pinned; allowed: a pinned tag such as 1.8.3 (not "latest", not empty) (at pms-corpus/networking)',
    );
  });

  it('refuses a tag inside the image repository', () => {
    expectRefusal(
      (s) => (s.networking.workloads.auth.image.repository += ':1.8.2'),
      '[pms-corpus] networking.workloads.auth.image.repository = "444444444444.dkr.ecr.eu-central-1.amazonaws.com/pms/auth:1.8.2"; allowed: an image repository without tag or digest, e.g. 123456789012.dkr.ecr.eu-central-1.amazonaws.com/pms/apigateway (at pms-corpus/networking)',
    );
  });

  it('refuses maxReplicas below minReplicas', () => {
    expectRefusal(
      (s) => (s.networking.workloads.auth.scaling.maxReplicas = 2),
      '[pms-corpus] networking.workloads.auth.scaling.maxReplicas = 2; allowed: at least scaling.minReplicas (3) (at pms-corpus/networking)',
    );
  });

  it('refuses a single replica in prod', () => {
    expectRefusal(
      (s) => (s.networking.workloads.frontend.scaling.minReplicas = 1),
      '[pms-corpus] networking.workloads.frontend.scaling.minReplicas = 1: one replica cannot survive a node drain or a zone outage; allowed: at least 2 in prod (at pms-corpus/networking)',
    );
  });

  it('refuses zero replicas in prod with one issue', () => {
    expectRefusal(
      (s) => (s.networking.workloads.auth.scaling.minReplicas = 0),
      '[pms-corpus] networking.workloads.auth.scaling.minReplicas = 0; allowed: a whole number from 1 to 100 (at pms-corpus/networking)',
    );
  });

  it('refuses a memory limit below the request', () => {
    expectRefusal(
      (s) =>
        (s.networking.workloads.auth.resources = {
          cpuRequest: '250m',
          memoryRequest: '1Gi',
          memoryLimit: '512Mi',
        }),
      '[pms-corpus] networking.workloads.auth.resources.memoryLimit = "512Mi"; allowed: at least resources.memoryRequest (1Gi) (at pms-corpus/networking)',
    );
  });
});

describe('cluster settings: ingress', () => {
  it('refuses a heartbeat equal to the idle timeout (the ALB would close quiet WebSockets first)', () => {
    expectRefusal(
      (s) => (s.ingress.websocket.heartbeatSeconds = 300),
      '[pms-corpus] ingress.websocket.heartbeatSeconds = 300: the ALB closes a WebSocket after 300 s without traffic, before the next heartbeat; allowed: a whole number from 1 to 299 seconds (below ingress.idleTimeoutSeconds = 300, the default) (at pms-corpus/ingress)',
    );
  });

  it('refuses a shortened idle timeout below the heartbeat, naming both fields (either may be the one that changed)', () => {
    const error = buildError((s) => {
      s.ingress.idleTimeoutSeconds = 60;
      s.ingress.websocket.heartbeatSeconds = 90;
    });
    expect((error as Error).message.split('\n')).toEqual([
      '[pms-corpus] ingress.idleTimeoutSeconds = 60: not above ingress.websocket.heartbeatSeconds = 90: the ALB closes a WebSocket after 60 s without traffic, before the next heartbeat; allowed: a whole number from 91 to 4000 seconds (above ingress.websocket.heartbeatSeconds = 90), or a lower heartbeat (at pms-corpus/ingress)',
      '[pms-corpus] ingress.websocket.heartbeatSeconds = 90: the ALB closes a WebSocket after 60 s without traffic, before the next heartbeat; allowed: a whole number from 1 to 59 seconds (below ingress.idleTimeoutSeconds = 60), or a higher idle timeout (at pms-corpus/ingress)',
    ]);
    expect(error).toBeInstanceOf(ConfigErrors);
  });

  it("refuses an idle timeout outside AWS's range (1-4000 s)", () => {
    expectRefusal(
      (s) => (s.ingress.idleTimeoutSeconds = 4001),
      '[pms-corpus] ingress.idleTimeoutSeconds = 4001; allowed: a whole number from 1 to 4000 seconds (at pms-corpus/ingress)',
    );
  });

  it('refuses a TLS policy without TLS 1.3 that allows TLS 1.0', () => {
    expectRefusal(
      (s) => (s.ingress.sslPolicy = 'ELBSecurityPolicy-2016-08'),
      '[pms-corpus] ingress.sslPolicy = "ELBSecurityPolicy-2016-08": allows TLS 1.0 and does not offer TLS 1.3; allowed: a TLS 1.3 ELB policy without TLS 1.0/1.1, e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, ELBSecurityPolicy-TLS13-1-2-PQ-2025-09, ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09 (at pms-corpus/ingress)',
    );
  });

  it('refuses a TLS policy name that does not exist', () => {
    expectRefusal(
      (s) => ((s.ingress as { sslPolicy?: string }).sslPolicy = 'ELBSecurityPolicy-TLS13-2025'),
      '[pms-corpus] ingress.sslPolicy = "ELBSecurityPolicy-TLS13-2025": not a predefined ELB security policy; allowed: a TLS 1.3 ELB policy without TLS 1.0/1.1, e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09, ELBSecurityPolicy-TLS13-1-2-PQ-2025-09, ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09 (at pms-corpus/ingress)',
    );
  });

  it('refuses a CSP with a newline (it would split the response header)', () => {
    expectRefusal(
      (s) => (s.ingress.contentSecurityPolicy = "default-src 'self'\nscript-src https://cdn.example.com"),
      '[pms-corpus] ingress.contentSecurityPolicy = "default-src \'self\'\\nscript-src https://cdn.example.com"; allowed: a Content-Security-Policy of printable ASCII on one line (1-1000 characters), e.g. "default-src \'self\'" (at pms-corpus/ingress)',
    );
  });

  it('refuses a CSP with typographic quotes (not ASCII)', () => {
    expectRefusal(
      (s) => (s.ingress.contentSecurityPolicy = 'default-src ‘self’'),
      '[pms-corpus] ingress.contentSecurityPolicy = "default-src ‘self’"; allowed: a Content-Security-Policy of printable ASCII on one line (1-1000 characters), e.g. "default-src \'self\'" (at pms-corpus/ingress)',
    );
  });

  it('refuses desync mitigation "monitor" (it lets ambiguous requests through)', () => {
    expectRefusal(
      (s) => ((s.ingress as { desyncMitigationMode?: string }).desyncMitigationMode = 'monitor'),
      '[pms-corpus] ingress.desyncMitigationMode = "monitor"; allowed: one of "defensive", "strictest" (at pms-corpus/ingress)',
    );
  });
});

describe('cluster settings: CSP in prod, expected traffic, DNS and the migration (issue 17)', () => {
  it('refuses a prod cluster that sends no Content-Security-Policy at all', () => {
    expectRefusal(
      (s) => delete s.ingress.contentSecurityPolicy,
      `[pms-corpus] ingress.contentSecurityPolicy = (missing): a prod cluster must send a Content-Security-Policy: the frontend disables the browsers' XSS auditor (X-XSS-Protection: 0) and relies on it; allowed: an enforced policy (contentSecurityPolicy, sent by the ALB), or first a Report-Only one (contentSecurityPolicyReportOnly, sent by the frontend) on the way to enforcing it (docs/ingress.md, "Content-Security-Policy") (at pms-corpus/ingress)`,
    );
  });

  it('refuses a Report-Only policy with a $ (nginx would expand it as a variable)', () => {
    expectRefusal(
      (s) => (s.ingress.contentSecurityPolicyReportOnly = "default-src 'self' $csp_host"),
      `[pms-corpus] ingress.contentSecurityPolicyReportOnly = "default-src 'self' $csp_host"; allowed: a Content-Security-Policy of printable ASCII on one line (1-1000 characters; nginx carries it in double quotes and expands $ variables, so no ", \\ or $), e.g. "default-src 'self'" (at pms-corpus/ingress)`,
    );
  });

  it('refuses a cluster without expected traffic (its cost estimate and LCU alarm need it)', () => {
    expectRefusal(
      (s) => delete (s.ingress as { expectedTraffic?: unknown }).expectedTraffic,
      '[pms-corpus] ingress.expectedTraffic = (missing); allowed: the traffic the ALB is expected to handle: { typical, peak, peakHoursPerDay }, each profile with requestsPerSecond, newConnectionsPerSecond, activeConnections, processedGbPerHour (README: "Add a cluster") (at pms-corpus/ingress)',
    );
  });

  it('refuses traffic out of range: bytes where GB per hour are expected', () => {
    expectRefusal(
      (s) => (s.ingress.expectedTraffic.peak.processedGbPerHour = 5_000_000_000),
      '[pms-corpus] ingress.expectedTraffic.peak.processedGbPerHour = 5000000000; allowed: a number from 0 to 100000 GB per hour (at pms-corpus/ingress)',
    );
  });

  it('refuses more new connections than requests', () => {
    expectRefusal(
      (s) => (s.ingress.expectedTraffic.peak.newConnectionsPerSecond = 500),
      '[pms-corpus] ingress.expectedTraffic.peak.newConnectionsPerSecond = 500: more new connections than requests (150 per second): every connection makes at least one request; allowed: at most requestsPerSecond (150) (at pms-corpus/ingress)',
    );
  });

  it('refuses a peak hour quieter than the typical one', () => {
    expectRefusal(
      (s) => (s.ingress.expectedTraffic.peak.activeConnections = 100),
      "[pms-corpus] ingress.expectedTraffic.peak.activeConnections = 100: below the typical hour's 900: the peak is the busiest hour; allowed: at least typical.activeConnections (900) (at pms-corpus/ingress)",
    );
  });

  it('refuses a hosted zone id with the API prefix', () => {
    expectRefusal(
      (s) => (s.dns.hostedZoneId = '/hostedzone/Z0444444444444CORPUS1'),
      '[pms-corpus] dns.hostedZoneId = "/hostedzone/Z0444444444444CORPUS1": includes the /hostedzone/ prefix the Route 53 API puts in front of the id; allowed: the id alone, "Z0444444444444CORPUS1" (at pms-corpus/dns)',
    );
  });

  it('refuses a cluster without a hosted zone (external-dns and its IAM role need one)', () => {
    expectRefusal(
      (s) => delete (s as { dns?: unknown }).dns,
      "[pms-corpus] dns.hostedZoneId = (missing); allowed: the id of the public Route 53 hosted zone holding the cluster's host, e.g. Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones-by-name --dns-name <host>) (at pms-corpus/dns)",
    );
  });

  it('refuses a migration weight above 100 %', () => {
    expectRefusal(
      (s) => (s.migration!.albWeightPercent = 150),
      '[pms-corpus] migration.albWeightPercent = 150; allowed: a whole number from 0 to 100 percent (at pms-corpus/ingress)',
    );
  });

  it('refuses weights that leave part of the answers to nobody', () => {
    expectRefusal((s) => {
      s.migration!.albWeightPercent = 60;
      s.migration!.legacyLoadBalancers = [];
    }, "[pms-corpus] migration.legacyLoadBalancers = []: the ALB gets 60 % of the host's answers, and nothing would answer for the other 40 %; allowed: at least one legacy load balancer below 100 %, or albWeightPercent 100 (at pms-corpus/ingress)");
  });

  it('refuses legacy load balancers still listed at 100 % (their records are removed)', () => {
    expectRefusal(
      (s) => (s.migration!.albWeightPercent = 100),
      '[pms-corpus] migration.legacyLoadBalancers = ["frontend"]: at 100 % the ALB answers alone: the legacy records are removed, so listing legacy load balancers says something the render does not do; allowed: an empty list, or no migration section at all (the migration is over) (at pms-corpus/ingress)',
    );
  });

  it('refuses a legacy target that is not a load balancer of the region', () => {
    expectRefusal(
      (s) => (s.migration!.legacyLoadBalancers[0]!.hostname = 'old.pms.example.com'),
      '[pms-corpus] migration.legacyLoadBalancers[0].hostname = "old.pms.example.com"; allowed: the DNS name of a load balancer in eu-central-1, lower case, ending in .eu-central-1.elb.amazonaws.com (Classic, Application) or .elb.eu-central-1.amazonaws.com (Network): external-dns makes an alias record only for those (at pms-corpus/ingress)',
    );
  });

  it("refuses the cluster's own ALB as a legacy target", () => {
    expectRefusal(
      (s) =>
        (s.migration!.legacyLoadBalancers[0]!.hostname =
          'pms-corpus-pms-1234567890.eu-central-1.elb.amazonaws.com'),
      `[pms-corpus] migration.legacyLoadBalancers[0].hostname = "pms-corpus-pms-1234567890.eu-central-1.elb.amazonaws.com": names the cluster's own ALB (pms-corpus-pms), whose record the Ingress publishes; allowed: the DNS name of a load balancer of the previous deployment (at pms-corpus/ingress)`,
    );
  });

  it('refuses a Report-Only policy browsers would drop in part (the CSP grammar holds for it too)', () => {
    expectRefusal(
      (s) =>
        (s.ingress.contentSecurityPolicyReportOnly = "default-src 'self'; script-src 'self' 'unsafe-inlin'"),
      `[pms-corpus] ingress.contentSecurityPolicyReportOnly = "'unsafe-inlin'": 'unsafe-inlin' is not a keyword, nonce or hash source, so the browser ignores it (did you mean 'unsafe-inline'?) in script-src; allowed: ${CSP_GRAMMAR} (at pms-corpus/ingress)`,
    );
  });

  it('refuses a profile missing from the expected traffic', () => {
    expectRefusal(
      (s) => delete (s.ingress.expectedTraffic as { typical?: unknown }).typical,
      '[pms-corpus] ingress.expectedTraffic.typical = (missing); allowed: an object with requestsPerSecond, newConnectionsPerSecond, activeConnections, processedGbPerHour (at pms-corpus/ingress)',
    );
  });

  it('refuses more peak hours than a day has', () => {
    expectRefusal(
      (s) => (s.ingress.expectedTraffic.peakHoursPerDay = 25),
      '[pms-corpus] ingress.expectedTraffic.peakHoursPerDay = 25; allowed: a whole number from 0 to 24 hours (at pms-corpus/ingress)',
    );
  });

  it('refuses a hosted zone id that is not one (lower case)', () => {
    expectRefusal(
      (s) => (s.dns.hostedZoneId = s.dns.hostedZoneId.toLowerCase()),
      `[pms-corpus] dns.hostedZoneId = "${validSettings().dns.hostedZoneId.toLowerCase()}"; allowed: the id of the public Route 53 hosted zone holding the cluster's host, e.g. Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones-by-name --dns-name <host>) (at pms-corpus/dns)`,
    );
  });

  it('refuses a fractional migration weight (Route 53 weights are whole numbers)', () => {
    expectRefusal(
      (s) => (s.migration!.albWeightPercent = 12.5),
      '[pms-corpus] migration.albWeightPercent = 12.5; allowed: a whole number from 0 to 100 percent (at pms-corpus/ingress)',
    );
  });

  it('refuses legacy load balancers that are not a list', () => {
    expectRefusal(
      (s) => ((s.migration as { legacyLoadBalancers: unknown }).legacyLoadBalancers = 'frontend'),
      '[pms-corpus] migration.legacyLoadBalancers = "frontend"; allowed: a list of { name, hostname }: the load balancers the host still points at (at pms-corpus/ingress)',
    );
  });

  it('refuses a legacy name that cannot be part of a set identifier and an object name', () => {
    expectRefusal(
      (s) => (s.migration!.legacyLoadBalancers[0]!.name = 'Frontend_LB'),
      '[pms-corpus] migration.legacyLoadBalancers[0].name = "Frontend_LB"; allowed: a short lower-case name ([a-z0-9-], 1-32 characters), e.g. "frontend" (at pms-corpus/ingress)',
    );
  });

  it('refuses two legacy load balancers of one name', () => {
    const [first] = validSettings().migration!.legacyLoadBalancers;
    const other = 'b1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6-1044556678.eu-central-1.elb.amazonaws.com';
    expectRefusal(
      (s) => s.migration!.legacyLoadBalancers.push({ name: first!.name, hostname: other }),
      `[pms-corpus] migration.legacyLoadBalancers[1].name = "${first!.name}": legacyLoadBalancers[0] has this name too: both would publish DNSEndpoint ${legacyEndpointName(first!.name)} and one set identifier; allowed: a name no other legacy load balancer has (at pms-corpus/ingress)`,
    );
  });

  it('refuses one legacy load balancer listed twice', () => {
    const [first] = validSettings().migration!.legacyLoadBalancers;
    expectRefusal(
      (s) =>
        s.migration!.legacyLoadBalancers.push({ name: `${first!.name}-again`, hostname: first!.hostname }),
      `[pms-corpus] migration.legacyLoadBalancers[1].hostname = "${first!.hostname}": legacyLoadBalancers[0] names this load balancer too: it would get two weighted records, and twice its share; allowed: each legacy load balancer once (one record per load balancer) (at pms-corpus/ingress)`,
    );
  });
});

describe('cluster settings: monitoring and security', () => {
  it('refuses an alarm topic in another region', () => {
    expectRefusal(
      (s) => (s.monitoring.alarmTopicArn = 'arn:aws:sns:us-east-1:444444444444:pms-alarms'),
      '[pms-corpus] monitoring.alarmTopicArn = "arn:aws:sns:us-east-1:444444444444:pms-alarms": is in region us-east-1, but alarms live in the cluster\'s region eu-central-1; allowed: an ARN of a standard SNS topic in account 444444444444 and region eu-central-1, e.g. arn:aws:sns:eu-central-1:444444444444:pms-alarms (at pms-corpus/monitoring)',
    );
  });

  it('refuses a FIFO alarm topic (CloudWatch cannot publish to it)', () => {
    expectRefusal(
      (s) => (s.monitoring.alarmTopicArn = 'arn:aws:sns:eu-central-1:444444444444:pms-alarms.fifo'),
      '[pms-corpus] monitoring.alarmTopicArn = "arn:aws:sns:eu-central-1:444444444444:pms-alarms.fifo": CloudWatch alarms cannot publish to FIFO topics; allowed: an ARN of a standard SNS topic in account 444444444444 and region eu-central-1, e.g. arn:aws:sns:eu-central-1:444444444444:pms-alarms (at pms-corpus/monitoring)',
    );
  });

  it('refuses an alarm topic ARN of another service', () => {
    expectRefusal(
      (s) => (s.monitoring.alarmTopicArn = 'arn:aws:sqs:eu-central-1:444444444444:pms-alarms'),
      '[pms-corpus] monitoring.alarmTopicArn = "arn:aws:sqs:eu-central-1:444444444444:pms-alarms": not an SNS topic ARN; allowed: an ARN of a standard SNS topic in account 444444444444 and region eu-central-1, e.g. arn:aws:sns:eu-central-1:444444444444:pms-alarms (at pms-corpus/monitoring)',
    );
  });

  it('refuses an alarm topic of another partition', () => {
    const error = buildError(
      (s) => (s.monitoring.alarmTopicArn = 'arn:aws-us-gov:sns:eu-central-1:444444444444:pms-alarms'),
    );
    expect((error as Error).message).toMatch(
      /^\[pms-corpus\] monitoring\.alarmTopicArn = "arn:aws-us-gov:sns:.*partition.*; allowed: /,
    );
  });

  it('refuses more datapoints to alarm than evaluation periods', () => {
    expectRefusal(
      (s) => (s.monitoring.thresholds.datapointsToAlarm = 5),
      '[pms-corpus] monitoring.thresholds.datapointsToAlarm = 5; allowed: at most evaluationPeriods (3) (at pms-corpus/monitoring)',
    );
  });

  it('refuses a 5XX-rate threshold of zero (the alarm would always fire)', () => {
    expectRefusal(
      (s) => (s.monitoring.thresholds.target5xxRatePercent = 0),
      '[pms-corpus] monitoring.thresholds.target5xxRatePercent = 0; allowed: a number from 0.1 to 100 percent (at pms-corpus/monitoring)',
    );
  });

  it('shows a NaN threshold as NaN', () => {
    expectRefusal(
      (s) => (s.monitoring.thresholds.p99ResponseTimeSeconds = NaN),
      '[pms-corpus] monitoring.thresholds.p99ResponseTimeSeconds = NaN; allowed: a number from 0.01 to 60 seconds (at pms-corpus/monitoring)',
    );
  });

  it("refuses a load balancer dimension of another cluster's ALB", () => {
    expectRefusal(
      (s) => (s.monitoring.alb = { state: 'known', loadBalancer: 'app/pms-prod-pms/4f1c2a9b7d3e8065' }),
      '[pms-corpus] monitoring.alb.loadBalancer = "app/pms-prod-pms/4f1c2a9b7d3e8065": names another load balancer; this cluster\'s ALB is pinned to the name pms-corpus-pms; allowed: app/pms-corpus-pms/<16 hexadecimal digits>: the end of the ARN of the ALB named pms-corpus-pms (at pms-corpus/monitoring)',
    );
  });

  it('refuses monitoring settings that do not say whether the ALB exists, naming both states', () => {
    expectRefusal(
      (s) => delete (s.monitoring as { alb?: unknown }).alb,
      "[pms-corpus] monitoring.alb = (missing): every cluster says whether its ALB exists: alarms need its dimension; allowed: { state: 'known', loadBalancer: 'app/pms-corpus-pms/<16 hexadecimal digits>' } (the output of `aws elbv2 describe-load-balancers --region eu-central-1 --names pms-corpus-pms --query 'LoadBalancers[0].LoadBalancerArn' --output text | sed 's|.*:loadbalancer/||'`), or { state: 'awaiting' } for the first sync of a new cluster, before its ALB exists (at pms-corpus/monitoring)",
    );
  });

  it('refuses target-group dimensions while the ALB is awaited', () => {
    expectRefusal(
      (s) =>
        (s.monitoring.alb = {
          state: 'awaiting',
          targetGroups: { frontend: 'targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef' },
        } as never),
      `[pms-corpus] monitoring.alb.targetGroups = {"frontend":"targetgroup/k8s-pms-frontend-1a2b3c4d5e/0123456789abcdef"}: the state is "awaiting", so the ALB has no ids yet; allowed: { state: 'known', loadBalancer: 'app/pms-corpus-pms/<16 hexadecimal digits>' } (the output of \`aws elbv2 describe-load-balancers --region eu-central-1 --names pms-corpus-pms --query 'LoadBalancers[0].LoadBalancerArn' --output text | sed 's|.*:loadbalancer/||'\`) once the ALB exists (at pms-corpus/monitoring)`,
    );
  });

  it('refuses the OIDC issuer URL where the OIDC provider id is expected', () => {
    expectRefusal(
      (s) =>
        (s.security.controllerIdentity = {
          mode: 'irsa',
          oidcProviderId: 'https://oidc.eks.eu-central-1.amazonaws.com/id/4E3D40A1B2C34A5B8C6D7E8F9A0B1C2D',
        }),
      '[pms-corpus] security.controllerIdentity.oidcProviderId = "https://oidc.eks.eu-central-1.amazonaws.com/id/4E3D40A1B2C34A5B8C6D7E8F9A0B1C2D"; allowed: the id at the end of the cluster OIDC issuer URL: 32 upper-case hexadecimal characters (at pms-corpus/security)',
    );
  });

  it('refuses a WAF rate limit below the WAF minimum', () => {
    expectRefusal(
      (s) => (s.security.waf = { rateLimitPer5Minutes: 5 }),
      '[pms-corpus] security.waf.rateLimitPer5Minutes = 5; allowed: a whole number from 10 to 2000000000 requests (at pms-corpus/security)',
    );
  });
});

describe('health values of the catalogue (validateCatalogueHealth, ALB ranges)', () => {
  it('refuses a health-check interval above 300 s', () => {
    expect(healthMessages(gatewayTargetGroup({ intervalSeconds: 301 }))).toEqual([
      '[pms-corpus] PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.intervalSeconds = 301; allowed: a whole number from 5 to 300 seconds (at pms-corpus/networking)',
    ]);
  });

  it('refuses a health-check timeout below 2 s', () => {
    expect(healthMessages(gatewayTargetGroup({ timeoutSeconds: 1 }))).toEqual([
      '[pms-corpus] PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.timeoutSeconds = 1; allowed: a whole number from 2 to 120 seconds (at pms-corpus/networking)',
    ]);
  });

  it('refuses an unhealthy threshold above 10', () => {
    expect(healthMessages(gatewayTargetGroup({ unhealthyThresholdCount: 11 }))).toEqual([
      '[pms-corpus] PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.unhealthyThresholdCount = 11; allowed: a whole number from 2 to 10 (at pms-corpus/networking)',
    ]);
  });

  it('refuses success codes outside 200-499', () => {
    expect(healthMessages(gatewayTargetGroup({ successCodes: '200-599' }))).toEqual([
      '[pms-corpus] PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.successCodes = "200-599": 200-599 is outside 200-499; allowed: HTTP codes from 200 to 499: "200", "200,204" or "200-299" (at pms-corpus/networking)',
    ]);
  });

  it('refuses a relative health-check path', () => {
    expect(healthMessages(gatewayTargetGroup({ path: 'actuator/health' }))).toEqual([
      '[pms-corpus] PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.path = "actuator/health"; allowed: an absolute path starting with "/", without spaces, at most 1024 characters (at pms-corpus/networking)',
    ]);
  });
});

describe('routes (planRoutes)', () => {
  it('refuses a duplicate route, naming both', () => {
    expect(routeMessages([...PMS_ROUTES, api('login', '/api/auth')])).toEqual([
      `[pms-corpus] PMS_ROUTES[${NEXT_ROUTE}] (libs/ingress/src/routes.ts) path = "/api/auth": routes "${routeNamed('/api/auth')}" and "login" both declare Prefix /api/auth; allowed: a path no other route declares (at pms-corpus/ingress)`,
    ]);
  });

  it('refuses a second catch-all', () => {
    expect(routeMessages([...PMS_ROUTES, api('fallback', '/')])).toEqual([
      `[pms-corpus] PMS_ROUTES[${NEXT_ROUTE}] (libs/ingress/src/routes.ts) path = "/": routes "${routeNamed('/')}" and "fallback" both declare Prefix /; allowed: a path no other route declares (at pms-corpus/ingress)`,
    ]);
  });

  it('refuses a pattern route the catch-all shadows, naming the shadowing route', () => {
    expect(routeMessages([...PMS_ROUTES, api('legacy', '/legacy*', 'pattern')])).toEqual([
      `[pms-corpus] PMS_ROUTES[${NEXT_ROUTE}] (libs/ingress/src/routes.ts) path = "/legacy*": route "legacy" (ImplementationSpecific /legacy*) is never reached: route "${routeNamed('/')}" (Prefix /, pattern /*) covers /legacy*; allowed: a route the controller can reach: the catch-all "Prefix /" is evaluated after every Exact and Prefix path but before every pattern (at pms-corpus/ingress)`,
    ]);
  });

  it('refuses a backend that is not in the catalogue', () => {
    const billing: RouteSpec = {
      ...api('billing', '/api/billing'),
      backend: { service: 'billing', port: 8080 },
    };
    expect(routeMessages([...PMS_ROUTES, billing])).toEqual([
      `[pms-corpus] PMS_ROUTES[${NEXT_ROUTE}] (libs/ingress/src/routes.ts) backend = "billing:8080": route "billing": no Service "billing" in the catalogue; allowed: an HTTP Service of the catalogue: ${HTTP_SERVICES} (at pms-corpus/ingress)`,
    ]);
  });

  it('refuses a backend on a port its Service does not expose', () => {
    const wrongPort: RouteSpec = {
      ...api('wrong-port', '/api/wrong-port'),
      backend: { service: 'analytics', port: 8080 },
    };
    expect(routeMessages([...PMS_ROUTES, wrongPort])).toEqual([
      `[pms-corpus] PMS_ROUTES[${NEXT_ROUTE}] (libs/ingress/src/routes.ts) backend = "analytics:8080": route "wrong-port": Service analytics listens on port 8086, not 8080; allowed: analytics:8086 (at pms-corpus/ingress)`,
    ]);
  });

  it('refuses a wildcard in a Prefix path', () => {
    expect(routeMessages([...PMS_ROUTES, api('all-api', '/api/*')])).toEqual([
      `[pms-corpus] PMS_ROUTES[${NEXT_ROUTE}] (libs/ingress/src/routes.ts) path = "/api/*": route "all-api": the controller refuses wildcards in Prefix paths; allowed: a path without "*" or "?" for match "prefix" or "exact" (use match "pattern" for ALB wildcards) (at pms-corpus/ingress)`,
    ]);
  });

  it('refuses a wildcard in an Exact path', () => {
    expect(routeMessages([...PMS_ROUTES, api('version', '/api/v?', 'exact')])).toEqual([
      `[pms-corpus] PMS_ROUTES[${NEXT_ROUTE}] (libs/ingress/src/routes.ts) path = "/api/v?": route "version": the controller refuses wildcards in Exact paths; allowed: a path without "*" or "?" for match "prefix" or "exact" (use match "pattern" for ALB wildcards) (at pms-corpus/ingress)`,
    ]);
  });

  it('refuses an empty path', () => {
    expect(routeMessages([...PMS_ROUTES, api('empty', '')])).toEqual([
      `[pms-corpus] PMS_ROUTES[${NEXT_ROUTE}] (libs/ingress/src/routes.ts) path = "": route "empty" has no absolute path; allowed: a path starting with "/" (at pms-corpus/ingress)`,
    ]);
  });

  it('refuses a relative path', () => {
    expect(routeMessages([...PMS_ROUTES, api('relative', 'api/orders')])).toEqual([
      `[pms-corpus] PMS_ROUTES[${NEXT_ROUTE}] (libs/ingress/src/routes.ts) path = "api/orders": route "relative" has no absolute path; allowed: a path starting with "/" (at pms-corpus/ingress)`,
    ]);
  });
});

describe('communication graph (validateGraph)', () => {
  it('refuses an edge to an unknown service', () => {
    expect(graphMessages(tcp('apigateway', 'billing', 8080))).toEqual([
      `[pms-corpus] PMS_GRAPH (libs/networking/src/graph.ts) edges[${NEXT_EDGE}].to = "billing": no PMS service "billing" in PMS_SERVICES (libs/networking/src/catalogue.ts); allowed: "kube-dns", "kube-apiserver" or a PMS service: ${SERVICE_NAMES} (at pms-corpus/networking)`,
    ]);
  });

  it('refuses a misspelt service, suggesting the one meant', () => {
    expect(graphMessages(tcp('apigateway', 'analytcs', 8086))).toEqual([
      `[pms-corpus] PMS_GRAPH (libs/networking/src/graph.ts) edges[${NEXT_EDGE}].to = "analytcs": no PMS service "analytcs" in PMS_SERVICES (libs/networking/src/catalogue.ts) (did you mean "analytics"?); allowed: "kube-dns", "kube-apiserver" or a PMS service: ${SERVICE_NAMES} (at pms-corpus/networking)`,
    ]);
  });

  it('refuses an edge from an unknown source', () => {
    expect(graphMessages(tcp('internet', 'frontend', 80))).toEqual([
      `[pms-corpus] PMS_GRAPH (libs/networking/src/graph.ts) edges[${NEXT_EDGE}].from = "internet": no PMS service "internet" in PMS_SERVICES (libs/networking/src/catalogue.ts); allowed: ${OPERATORS}, "alb" or a PMS service: ${SERVICE_NAMES} (at pms-corpus/networking)`,
    ]);
  });

  it('refuses an edge on a port the target does not listen on', () => {
    expect(graphMessages(tcp('frontend', 'auth', 8080))).toEqual([
      `[pms-corpus] PMS_GRAPH (libs/networking/src/graph.ts) edges[${NEXT_EDGE}].port = 8080: frontend → auth 8080/TCP targets no container port; allowed: a port auth listens on: 8081 (at pms-corpus/networking)`,
    ]);
  });

  it('refuses a duplicate edge, naming the first', () => {
    const first = PMS_GRAPH.edges.findIndex((e) => e.from === 'apigateway' && e.to === 'auth');
    expect(graphMessages(tcp('apigateway', 'auth', 8081))).toEqual([
      `[pms-corpus] PMS_GRAPH (libs/networking/src/graph.ts) edges[${NEXT_EDGE}] = "apigateway → auth 8081/TCP": duplicates edges[${first}]; allowed: each connection once (at pms-corpus/networking)`,
    ]);
  });

  it('refuses the ALB reaching a backing service', () => {
    expect(graphMessages(tcp('alb', 'postgres', 5432))).toEqual([
      `[pms-corpus] PMS_GRAPH (libs/networking/src/graph.ts) edges[${NEXT_EDGE}].to = "postgres": the ALB must not reach the backing service postgres; allowed: a workload behind the ALB (at pms-corpus/networking)`,
    ]);
  });

  it('refuses an operator reaching a service its project does not run', () => {
    const postgres = backingOf('cloudnative-pg');
    const operator = UPSTREAM_PROJECTS['cloudnative-pg'].operator!.node;
    expect(graphMessages(tcp(operator, 'auth', 8081))).toEqual([
      `[pms-corpus] PMS_GRAPH (libs/networking/src/graph.ts) edges[${NEXT_EDGE}].to = "auth": the CloudNativePG operator reaches only the pods of its own instances; allowed: a backing service CloudNativePG runs: ${postgres.name} (at pms-corpus/networking)`,
    ]);
  });

  it('refuses a protocol NetworkPolicies of this project do not use', () => {
    expect(graphMessages({ ...tcp('apigateway', 'redis', 6379), protocol: 'SCTP' as 'TCP' })).toEqual([
      `[pms-corpus] PMS_GRAPH (libs/networking/src/graph.ts) edges[${NEXT_EDGE}].protocol = "SCTP"; allowed: one of "TCP", "UDP" (at pms-corpus/networking)`,
    ]);
  });
});

describe('cluster settings: backing services and the API server’s addresses', () => {
  it('refuses a workload whose backing service is not installed, naming both ends and the fix', () => {
    const kafka = backingOf('strimzi');
    const needs = PMS_GRAPH.edges
      .filter(
        (e) => e.to === kafka.name && e.from !== kafka.name && PMS_SERVICES.some((s) => s.name === e.from),
      )
      .map((e) => `${e.from} → ${e.to} ${e.port}/${e.protocol}`);
    expectRefusal(
      (s) => delete (s.networking.backing as Record<string, unknown>)[kafka.name],
      `[pms-corpus] networking.backing.${kafka.name} = (missing): ${needs.join(', ')} (PMS_GRAPH, libs/networking/src/graph.ts) needs ${kafka.name}, which is not installed on pms-corpus (Kafka pms/${kafka.installer.instance}: missing; strimzi-kafka-operator chart (the Strimzi operator): missing), so analytics never becomes ready and the Ingress (sync wave 10) waits for ever; allowed: the Strimzi settings of ${kafka.name} under networking.backing.${kafka.name} in apps/pms-corpus/src/settings.ts, or no edge to it in PMS_GRAPH`,
    );
  });

  it('refuses a backing service without its storage size', () => {
    const postgres = backingOf('cloudnative-pg');
    expectRefusal(
      (s) => delete (s.networking.backing as any)[postgres.name].storage.size,
      `[pms-corpus] networking.backing.${postgres.name}.storage.size = (missing); allowed: a size in Gi from 1Gi to 16384Gi (an EBS gp3 volume), e.g. 20Gi (at pms-corpus/networking)`,
    );
  });

  it('refuses an even number of Kafka nodes (KRaft controllers)', () => {
    const kafka = backingOf('strimzi');
    expectRefusal(
      (s) => ((s.networking.backing as any)[kafka.name].replicas = 4),
      `[pms-corpus] networking.backing.${kafka.name}.replicas = 4: a quorum of 4 controllers tolerates 1 failure(s), no more than one of 3 would; allowed: an odd number (the nodes are KRaft controllers: a quorum needs a majority) (at pms-corpus/networking)`,
    );
  });

  it('refuses a control-plane subnet that overlaps the pod subnets (443 would open to pods)', () => {
    expectRefusal(
      (s) => ((s.vpc.controlPlaneSubnets as string[])[0] = s.vpc.podSubnets[0]!),
      '[pms-corpus] vpc.controlPlaneSubnets[0] = "10.40.64.0/18": the NetworkPolicies open TCP 443 to the control-plane subnets for the pods that call the API server, so a pod or the ALB there would be reachable as if it were the API server; give the control plane subnets of its own (EKS: two or more small subnets, e.g. /28); allowed: a block that does not overlap vpc.podSubnets[0] (10.40.64.0/18)',
    );
  });

  it('refuses a Service CIDR inside the VPC', () => {
    expectRefusal(
      (s) => (s.vpc.serviceCidr = '10.40.0.0/16'),
      '[pms-corpus] vpc.serviceCidr = "10.40.0.0/16": overlaps the VPC; allowed: a block outside the VPC CIDR 10.40.0.0/16 (EKS requires it)',
    );
  });
});

describe('backing catalogue against the upstream facts (validateBackingCatalogue)', () => {
  /** The messages for the catalogue with the entry of `project` changed. */
  function catalogueMessages(project: string, change: (s: BackingService) => object): string[] {
    const checks = new Checks(CLUSTER, 'networking', `${CLUSTER}/networking`);
    validateBackingCatalogue(
      PMS_SERVICES.map((s) =>
        s.kind === 'backing' && s.installer.project === project
          ? ({ ...s, ...change(s) } as ServiceDefinition)
          : s,
      ),
      checks,
    );
    return checks.issues.map(formatIssue);
  }

  it('refuses a misspelt project (the "postgres for postgresql" bug), with a did-you-mean', () => {
    const postgres = backingOf('cloudnative-pg');
    expect(
      catalogueMessages('cloudnative-pg', (s) => ({
        installer: { ...s.installer, project: 'cloudnativepg' },
      })),
    ).toEqual([
      `[pms-corpus] PMS_SERVICES (libs/networking/src/catalogue.ts) ${postgres.name}.installer.project = "cloudnativepg": no upstream facts for "cloudnativepg"; did you mean "cloudnative-pg"?; allowed: a project with pinned upstream facts (UPSTREAM_PROJECTS in libs/networking/src/backing/upstream.ts): ${Object.keys(UPSTREAM_PROJECTS).join(', ')} (at pms-corpus/networking)`,
    ]);
  });

  it('refuses a pod label its pods do not carry (the old chart label), with a did-you-mean', () => {
    const valkey = backingOf('valkey');
    const keys = [...new Set(UPSTREAM_PROJECTS.valkey.pods.flatMap((p) => p.labels.map((l) => l.key)))];
    expect(
      catalogueMessages('valkey', (s) => ({
        podLabels: { ...s.podLabels, 'app.kubernetes.io/name': 'redis' },
        serviceSelector: { ...s.podLabels, 'app.kubernetes.io/name': 'redis' },
      })),
    ).toEqual([
      `[pms-corpus] PMS_SERVICES (libs/networking/src/catalogue.ts) ${valkey.name}.podLabels["app.kubernetes.io/name"] = "redis": the Valkey pods of ${valkey.installer.instance} carry app.kubernetes.io/name=valkey; allowed: "valkey" (at pms-corpus/networking)`,
    ]);
    expect(keys).toContain('app.kubernetes.io/name');
  });
});

describe('backing charts against the upstream facts (validateBackingCharts)', () => {
  it('refuses a misspelt chart name in a library constant, naming the constant and its file (not the settings)', () => {
    const checks = new Checks(CLUSTER, 'networking', `${CLUSTER}/networking`);
    validateBackingCharts(
      checks,
      BACKING_CHARTS.map((c) =>
        c.project === 'valkey' ? { ...c, chart: { ...c.chart, name: 'valkey-server' } } : c,
      ),
    );
    const chart = UPSTREAM_PROJECTS.valkey.chart;
    expect(checks.issues.map(formatIssue)).toEqual([
      `[pms-corpus] VALKEY_CHART.name (${CHARTS_FILE}) = "valkey-server": did you mean "${chart}"? The Valkey facts (UPSTREAM_PROJECTS["valkey"] in libs/networking/src/backing/upstream.ts) were read from chart "${chart}"; a release of another chart installs pods, ports and objects this repository does not model, and the render would report Valkey as not installed; allowed: "${chart}"; or, if the chart was renamed upstream, its facts re-read and UPSTREAM_PROJECTS["valkey"].chart changed with them (at pms-corpus/networking)`,
    ]);
  });
});

describe('rendered objects: installation and the VPC CNI', () => {
  it('refuses every autoscaler when the cluster has no metrics-server release', () => {
    const built = buildPmsCluster(validSettings());
    const autoscalers = built.manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler');
    const issues = unservedMetricsApis(
      CLUSTER,
      built.manifests,
      built.releases.filter((r) => !(r.provides ?? []).includes(RESOURCE_METRICS_API)),
    ).map(formatIssue);
    expect(issues).toHaveLength(autoscalers.length);
    expect(issues[0]).toBe(
      `[pms-corpus] HorizontalPodAutoscaler pms/${autoscalers[0]!.metadata.name} spec.metrics = "${RESOURCE_METRICS_API}": no release of the cluster serves ${RESOURCE_METRICS_API}, so the autoscaler never gets a metric and never scales; allowed: a metrics API a release provides (none): install metricsServerRelease() (libs/networking/src/metrics-server.ts)`,
    );
  });

  it('refuses an egress peer whose selector the Service behind it does not match (its ClusterIP would be dropped)', () => {
    const postgres = backingOf('cloudnative-pg');
    const objects = renderedObjects().map((m) => {
      if (m.kind !== 'NetworkPolicy' || m.metadata.name !== 'auth') return m;
      const copy = structuredClone(m) as any;
      for (const rule of copy.spec.egress)
        for (const peer of rule.to)
          if (peer.podSelector?.matchLabels?.['cnpg.io/cluster'])
            peer.podSelector.matchLabels['cnpg.io/podRole'] = 'instance';
      return copy;
    });
    const message = thrownBy(() => checkPreDnat(CLUSTER, objects)).message;
    expect(message.split('\n')[0]).toBe(
      `[pms-corpus] NetworkPolicy pms/auth spec.egress[0].to[0] = "cnpg.io/cluster=${postgres.installer.instance},cnpg.io/podRole=instance": the rule allows the pods of Service pms/${postgres.name} on 5432/TCP, but its pod selector does not match that Service's selector {cnpg.io/cluster=${postgres.installer.instance},cnpg.io/instanceRole=primary}, so the VPC CNI leaves the Service's ClusterIP out of the rule and connections through the Service are dropped (policies are enforced before the Service address is translated); allowed: a pod selector whose labels are all in the Service's selector (e.g. {cnpg.io/cluster=${postgres.installer.instance},cnpg.io/instanceRole=primary})`,
    );
  });
});

describe('annotation values (controller attribute grammar)', () => {
  it('refuses an unescaped comma inside a value (the controller refuses the whole annotation)', () => {
    const error = thrownBy(() =>
      parseAttributes('routing.http.response.access_control_allow_methods.header_value=GET,POST'),
    );
    expect(error).toBeInstanceOf(AttributeSyntaxError);
    expect(error.message).toBe(
      'failed to parse stringMap annotation "routing.http.response.access_control_allow_methods.header_value=GET,POST": "POST" is not a key=value pair' +
        `; allowed: ${ATTRIBUTE_GRAMMAR}`,
    );
  });

  // The parser knows the value, not the annotation key or cluster: the policy gate adds those when it reads a
  // rendered object (see the gate cases below).
  it('says how to write a comma inside a value', () => {
    expect(thrownBy(() => parseAttributes('a=GET,POST')).message).toContain(
      'allowed: key=value pairs separated by ",", with "\\," for a comma',
    );
  });

  it('refuses an empty key', () => {
    expect(thrownBy(() => parseAttributes('=true')).message).toBe(
      `failed to parse stringMap annotation "=true": "=true" has an empty key; allowed: ${ATTRIBUTE_GRAMMAR}`,
    );
  });

  it('refuses to write a value the controller would read back differently (a newline)', () => {
    const error = thrownBy(() =>
      formatAttributes([
        [
          'routing.http.response.content_security_policy.header_value',
          "default-src 'self'\nscript-src 'self'",
        ],
      ]),
    );
    expect(error).toBeInstanceOf(AttributeSyntaxError);
    expect(error.message).toBe(
      "cannot write attribute \"routing.http.response.content_security_policy.header_value=default-src 'self'\\nscript-src 'self'\": values must not contain control characters (newlines, tabs)" +
        `; allowed: ${ATTRIBUTE_GRAMMAR}`,
    );
  });

  it('refuses an unknown load-balancer attribute key, listing the known ones', () => {
    const [problem, ...more] = checkAttributes(LOAD_BALANCER_ATTRIBUTES, [['idle_timeout.seconds', '300']]);
    expect(more).toEqual([]);
    expect(problem!.key).toBe('idle_timeout.seconds');
    expect(problem!.value).toBe('300');
    expect(problem!.allowed).toMatch(/^a known attribute key: deletion_protection\.enabled, /);
    expect(problem!.allowed).toContain(', idle_timeout.timeout_seconds, ');
  });

  it('refuses an attribute value out of range', () => {
    expect(checkAttributes(LOAD_BALANCER_ATTRIBUTES, [['idle_timeout.timeout_seconds', '5000']])).toEqual([
      { key: 'idle_timeout.timeout_seconds', value: '5000', allowed: 'a whole number from 1 to 4000' },
    ]);
  });

  it('refuses an attribute value of the wrong type', () => {
    expect(checkAttributes(LOAD_BALANCER_ATTRIBUTES, [['deletion_protection.enabled', 'yes']])).toEqual([
      { key: 'deletion_protection.enabled', value: 'yes', allowed: '"true" or "false"' },
    ]);
  });

  it('refuses an unknown stickiness type', () => {
    expect(checkAttributes(TARGET_GROUP_ATTRIBUTES, [['stickiness.type', 'source_ip']])).toEqual([
      { key: 'stickiness.type', value: 'source_ip', allowed: 'one of "lb_cookie", "app_cookie"' },
    ]);
  });

  it('refuses a header value in the wrong case', () => {
    expect(
      checkAttributes(LISTENER_ATTRIBUTES, [['routing.http.response.x_frame_options.header_value', 'deny']]),
    ).toEqual([
      {
        key: 'routing.http.response.x_frame_options.header_value',
        value: 'deny',
        allowed: '"DENY", "SAMEORIGIN" or "ALLOW-FROM <origin>"',
      },
    ]);
  });

  it('refuses a rendered attribute annotation with an unescaped comma (policy gate)', () => {
    const objects = withServiceAnnotation(
      'apigateway',
      AlbAnnotation.targetGroupAttributes,
      `${STICKY},load_balancing.algorithm.type=round_robin,least_outstanding_requests`,
    );
    const error = thrownBy(() =>
      runPolicyGate(validSettings(), objects, { externalPods: chartInstalledPods() }),
    );
    expect(error.message).toMatch(/^\[pms-corpus\] Service pms\/apigateway .*target-group-attributes/);
    expect(error.message).toContain('"least_outstanding_requests" is not a key=value pair');
  });

  it('refuses a malformed escape in a rendered attribute annotation (policy gate)', () => {
    const objects = withServiceAnnotation(
      'apigateway',
      AlbAnnotation.targetGroupAttributes,
      `${STICKY},stickiness.app_cookie.cookie_name=PMS\\SESSION`,
    );
    const error = thrownBy(() =>
      runPolicyGate(validSettings(), objects, { externalPods: chartInstalledPods() }),
    );
    expect(error.message).toMatch(/^\[pms-corpus\] Service pms\/apigateway .*target-group-attributes/);
    expect(error.message).toContain('\\S');
  });
});

describe('AWS references over the rendered objects (policy gate)', () => {
  const gate = (objects: Manifest[]) =>
    thrownBy(() => runPolicyGate(validSettings(), objects, { externalPods: chartInstalledPods() }));

  it('refuses a render whose access-log bucket is missing (no ACK Bucket creates it)', () => {
    const objects = renderedObjects().filter((m) => m.kind !== 'Bucket');
    expect(gate(objects).message).toBe(
      '[pms-corpus] IngressClassParams alb spec.loadBalancerAttributes = "access_logs.s3.bucket=pms-corpus-alb-access-logs": breaks policy rule "access-log-bucket" (ALB user guide, enable-access-logging (bucket requirements, bucket policy); PMS access logs): no ACK Bucket in this render creates the access-log bucket "pms-corpus-alb-access-logs" (rendered: none), so ELB could not write the logs and the ALB would get no listeners; allowed: a Bucket named pms-corpus-alb-access-logs rendered by this cluster, or accessLogs.external: true in the settings for a bucket managed elsewhere; or accept it with the annotation pms.example.com/policy-exception.access-log-bucket: "<reason>" on IngressClassParams alb (at policy gate)',
    );
  });

  it('refuses an ALB writing to a bucket the cluster does not render, unless the settings declare it external', () => {
    const objects = renderedObjects().map((m) =>
      m.kind === 'IngressClassParams'
        ? ({
            ...m,
            spec: {
              ...(m.spec as object),
              loadBalancerAttributes: (
                m.spec as { loadBalancerAttributes: { key: string; value: string }[] }
              ).loadBalancerAttributes.map((a) =>
                a.key === 'access_logs.s3.bucket' ? { ...a, value: 'central-alb-logs' } : a,
              ),
            },
          } as Manifest)
        : m,
    );
    expect(gate(objects).message).toBe(
      '[pms-corpus] IngressClassParams alb spec.loadBalancerAttributes = "central-alb-logs": breaks policy rule "alb-access-logs" (Security Hub ELB.5): access_logs.s3.bucket is not the cluster\'s access-log bucket (pms-corpus-alb-access-logs); allowed: access_logs.s3.enabled=true, access_logs.s3.bucket=pms-corpus-alb-access-logs, access_logs.s3.prefix=alb/pms-corpus (for a bucket managed elsewhere: accessLogs.bucket set to it with accessLogs.external: true); or accept it with the annotation pms.example.com/policy-exception.alb-access-logs: "<reason>" on IngressClassParams alb (at policy gate)',
    );
  });

  it('refuses a web ACL name that no rendered WebACL has, naming the library functions that write both names', () => {
    const objects = renderedObjects().map((m) =>
      m.kind === 'IngressClassParams'
        ? ({ ...m, spec: { ...(m.spec as object), wafv2AclName: 'pms-corpus-acl' } } as Manifest)
        : m,
    );
    expect(gate(objects).message).toBe(
      '[pms-corpus] IngressClassParams alb spec.wafv2AclName = "pms-corpus-acl": breaks policy rule "web-acl-managed" (PMS WAF): no ACK WebACL in this render is named "pms-corpus-acl" (rendered: pms-corpus-web-acl), so the controller would fail the Ingress with "couldn\'t find WAFv2 WebACL with name: pms-corpus-acl" and create no ALB; allowed: the name of a rendered WebACL: pms-corpus-web-acl (ingressClassParamsSpec in libs/ingress/src/ingress-objects.ts writes IngressClassParams spec.wafv2AclName and PmsWebAcl in libs/security/src/waf/web-acl.ts names the WebACL, both with webAclName in libs/core/src/k8s/naming.ts); or accept it with the annotation pms.example.com/policy-exception.web-acl-managed: "<reason>" on IngressClassParams alb (at policy gate)',
    );
  });
});

describe('schema strictness (validateManifests)', () => {
  it('refuses a misspelt pathtype in an Ingress path, suggesting pathType', () => {
    const ingress = renderedObject('Ingress', 'pms') as Manifest & { spec: any };
    const path = ingress.spec.rules[0].http.paths[1];
    path.pathtype = path.pathType;
    delete path.pathType;
    expect(thrownBy(() => validateManifests(CLUSTER, [ingress])).message).toBe(
      `[pms-corpus] Ingress pms/pms spec.rules[0].http.paths[1].pathtype = "${path.pathtype}": unknown field (did you mean "pathType"?); allowed: backend, path, pathType`,
    );
  });

  it('refuses selfheal in an Application, suggesting selfHeal', () => {
    const application = validApplication() as Manifest & { spec: any };
    application.spec.syncPolicy.automated = { prune: true, selfheal: true };
    expect(thrownBy(() => validateManifests(CLUSTER, [application])).message).toBe(
      '[pms-corpus] Application argocd/pms-corpus spec.syncPolicy.automated.selfheal = true: unknown field (did you mean "selfHeal"?); allowed: allowEmpty, enabled, prune, selfHeal',
    );
  });

  it('refuses a pathType outside its enum', () => {
    const ingress = renderedObject('Ingress', 'pms') as Manifest & { spec: any };
    ingress.spec.rules[0].http.paths[0].pathType = 'Regex';
    expect(thrownBy(() => validateManifests(CLUSTER, [ingress])).message).toBe(
      '[pms-corpus] Ingress pms/pms spec.rules[0].http.paths[0].pathType = "Regex": not an allowed value; allowed: one of "Exact", "ImplementationSpecific", "Prefix"',
    );
  });

  it('refuses a Service port protocol in the wrong case', () => {
    const service = renderedObject('Service', 'apigateway') as Manifest & { spec: any };
    service.spec.ports[0].protocol = 'tcp';
    expect(thrownBy(() => validateManifests(CLUSTER, [service])).message).toBe(
      '[pms-corpus] Service pms/apigateway spec.ports[0].protocol = "tcp": not an allowed value; allowed: one of "SCTP", "TCP", "UDP"',
    );
  });

  it('refuses a null in a custom resource (the API server would drop it), saying what the field takes', () => {
    const params = renderedObject('IngressClassParams', 'alb') as Manifest & { spec: any };
    params.spec.scheme = null;
    expect(thrownBy(() => validateManifests(CLUSTER, [params])).message).toBe(
      '[pms-corpus] IngressClassParams alb spec.scheme = null: wrong type (null); allowed: one of "internal", "internet-facing"',
    );
  });

  it('refuses what an IngressClassParams CRD rule forbids: both spellings of the prefix lists', () => {
    const params = renderedObject('IngressClassParams', 'alb') as Manifest & { spec: any };
    params.spec.prefixListsIDs = ['pl-0123456789abcdef0'];
    params.spec.PrefixListsIDs = ['pl-0123456789abcdef0'];
    expect(thrownBy(() => validateManifests(CLUSTER, [params])).message).toMatch(
      /^\[pms-corpus\] IngressClassParams alb spec = \{"prefixListsIDs":\["pl-0123456789abcdef0"\],"PrefixListsIDs":\["pl-0123456789abcdef0"\]\}: cannot specify both 'prefixListsIDs' and 'PrefixListsIDs' fields; allowed: a value for which the CRD's rule `!\(has\(self\.prefixListsIDs\) && has\(self\.PrefixListsIDs\)\)` holds/,
    );
  });

  it('refuses a status on a custom resource (the controller writes it)', () => {
    const acl = renderedObject('WebACL', 'pms-corpus-web-acl') as Manifest & { status?: unknown };
    acl.status = {
      ackResourceMetadata: { arn: 'arn:aws:wafv2:eu-central-1:444444444444:regional/webacl/x/y' },
    };
    expect(thrownBy(() => validateManifests(CLUSTER, [acl])).message).toMatch(
      /^\[pms-corpus\] WebACL pms-aws\/pms-corpus-web-acl status = .*: unknown field; allowed: apiVersion, kind, metadata, spec$/,
    );
  });
});

/**
 * The message the build's checks over its rendered objects (`checkRenderedCluster`) give for the fixture's objects
 * after `change` (standing for a construct that renders something other than the chain the settings ask for).
 */
function renderedRefusal(change: (objects: Manifest[]) => void): string {
  const settings = validSettings();
  const objects = renderedObjects();
  change(objects);
  const routes = planRoutes(PMS_ROUTES, new Checks(settings.name, 'ingress'));
  const { releases } = buildPmsCluster(settings);
  return thrownBy(() => checkRenderedCluster(settings, objects, { routes, graph: PMS_GRAPH, releases }))
    .message;
}

/** A rendered object of `objects`, for a case to break (untyped, so any field can be). */
const objectIn = (objects: Manifest[], kind: string, name: string) =>
  objects.find((m) => m.kind === kind && m.metadata.name === name) as Manifest & { spec: any; metadata: any };

/** The messages `validateCatalogueShutdown` records for the catalogue with `name`'s shutdown changed. */
function shutdownMessages(name: string, change: object): string[] {
  const checks = new Checks(CLUSTER, 'networking', `${CLUSTER}/networking`);
  validateCatalogueShutdown(
    PMS_SERVICES.map((s) =>
      s.name === name && s.kind === 'workload' ? { ...s, shutdown: { ...s.shutdown, ...change } } : s,
    ),
    checks,
  );
  return checks.issues.map(formatIssue);
}

// The WebSocket backend of the routes: it drains for ingress.websocket.drainSeconds.
const WS_BACKEND = ALB_BACKEND_SERVICES.find((s) =>
  PMS_ROUTES.some((r) => r.kind !== 'http' && r.backend.service === s.name),
)!;
const WS_PRESTOP = WS_BACKEND.shutdown.preStopSeconds;
const WS_DRAIN = DEFAULT_WEBSOCKET_DRAIN_SECONDS;
const WS_GRACE = WS_PRESTOP + WS_DRAIN + SHUTDOWN_EXIT_SECONDS;

describe('zero-downtime rollouts (shutdown, drain chain, disruptions)', () => {
  it('refuses a grace period shorter than preStop + drain, naming the workload and the three values', () => {
    const message = renderedRefusal((objects) => {
      objectIn(objects, 'Deployment', WS_BACKEND.name).spec.template.spec.terminationGracePeriodSeconds = 60;
    });
    expect(message.split('\n')[0]).toBe(
      `[pms-corpus] Deployment pms/${WS_BACKEND.name} spec.template.spec.terminationGracePeriodSeconds = 60: shorter than preStop ${WS_PRESTOP} s + drain ${WS_DRAIN} s (env SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE) = ${WS_PRESTOP + WS_DRAIN} s: the kubelet kills the server while it is still draining, cutting requests and WebSockets; allowed: at least ${WS_PRESTOP + WS_DRAIN} s (preStop + drain; the render adds ${SHUTDOWN_EXIT_SECONDS} s to exit); ${SHUTDOWN_SOURCES} (at shutdown check)`,
    );
  });

  it('refuses a deregistration delay shorter than the drain chain (the ALB would cut draining WebSockets)', () => {
    const message = renderedRefusal((objects) => {
      const annotations = objectIn(objects, 'Service', WS_BACKEND.name).metadata.annotations;
      annotations[AlbAnnotation.targetGroupAttributes] = annotations[
        AlbAnnotation.targetGroupAttributes
      ].replace(/deregistration_delay\.timeout_seconds=\d+/, 'deregistration_delay.timeout_seconds=30');
    });
    expect(message).toBe(
      `[pms-corpus] Service pms/${WS_BACKEND.name} metadata.annotations["alb.ingress.kubernetes.io/target-group-attributes"] deregistration_delay.timeout_seconds = 30: shorter than preStop ${WS_PRESTOP} s + drain ${WS_DRAIN} s (env SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE) = ${WS_PRESTOP + WS_DRAIN} s of Deployment pms/${WS_BACKEND.name}: the ALB cuts connections (WebSockets, slow requests) the server is still draining, and their clients get 5XX or close code 1006; allowed: from ${WS_PRESTOP + WS_DRAIN} s (preStop + drain) to ${WS_GRACE} s (terminationGracePeriodSeconds of Deployment pms/${WS_BACKEND.name}); the ingress derives it as preStop + drain (planBackends, libs/ingress/src/plan.ts) and ${SHUTDOWN_SOURCES} (at target-group drain check)`,
    );
  });

  it("refuses the ALB's default deregistration delay of 300 s (the annotation gone): longer than the pod lives", () => {
    const message = renderedRefusal((objects) => {
      const annotations = objectIn(objects, 'Service', WS_BACKEND.name).metadata.annotations;
      annotations[AlbAnnotation.targetGroupAttributes] = annotations[
        AlbAnnotation.targetGroupAttributes
      ].replace(/deregistration_delay\.timeout_seconds=\d+,?/, '');
    });
    expect(message).toContain(
      `deregistration_delay.timeout_seconds = ${ALB_DEFAULT_DEREGISTRATION_DELAY_SECONDS}: longer than the grace period of Deployment pms/${WS_BACKEND.name} (${WS_GRACE} s)`,
    );
  });

  it('refuses a rollout that takes more pods down than the PDB allows a drain to', () => {
    const message = renderedRefusal((objects) => {
      objectIn(objects, 'Deployment', 'auth').spec.strategy.rollingUpdate.maxUnavailable = '100%';
    });
    expect(message).toBe(
      "[pms-corpus] Deployment pms/auth spec.strategy.rollingUpdate.maxUnavailable = 3: a rollout takes 3 of 3 pods (HorizontalPodAutoscaler pms/auth spec.minReplicas) down at once, more than PodDisruptionBudget pms/auth lets a drain take (1): it leaves fewer healthy targets than the PDB allows; allowed: at most 1 (the PDB's allowed disruptions at 3 replicas); the rollout strategy and the PDB are rendered by PmsWorkload (libs/networking/src/workload.ts), the minimum is networking.workloads.<name>.scaling.minReplicas in the cluster settings (at disruption check)",
    );
  });

  it('refuses a WebSocket drain out of range', () => {
    expectRefusal(
      (s) => ((s.ingress.websocket as { drainSeconds?: number }).drainSeconds = 2),
      '[pms-corpus] ingress.websocket.drainSeconds = 2; allowed: a whole number from 5 to 900 seconds (at pms-corpus/ingress)',
    );
  });

  it("refuses an ALB backend's preStop below the ALB's deregistration propagation (catalogue)", () => {
    expect(shutdownMessages(WS_BACKEND.name, { preStopSeconds: 5 })).toEqual([
      `[pms-corpus] PMS_SERVICES (libs/networking/src/catalogue.ts) ${WS_BACKEND.name}.shutdown.preStopSeconds = 5: the ALB may still send new requests to the pod after its server got the stop signal: they fail with 502; allowed: at least ${ALB_DEREGISTRATION_PROPAGATION_SECONDS} s (ALB_DEREGISTRATION_PROPAGATION_SECONDS, libs/networking/src/shutdown.ts), as albBackendShutdown (libs/networking/src/catalogue.ts) gives a workload behind the ALB (at pms-corpus/networking)`,
    ]);
  });

  it('refuses the aggregate /actuator/health as a target-group check', () => {
    expect(healthMessages(gatewayTargetGroup({ path: '/actuator/health' }))).toEqual([
      '[pms-corpus] PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.path = "/actuator/health": the aggregate health of every dependency: one failing dependency marks every target unhealthy and the ALB fails open to all of them; allowed: an endpoint of this pod\'s own readiness, e.g. /actuator/health/readiness (Spring Boot\'s readiness group) (at pms-corpus/networking)',
    ]);
  });
});

describe('deletion protection in prod (policy gate)', () => {
  it("refuses a prod Ingress without its own deletion_protection (the controller's delete guard reads only that)", () => {
    const message = renderedRefusal((objects) => {
      delete objectIn(objects, 'Ingress', 'pms').metadata.annotations[AlbAnnotation.loadBalancerAttributes];
    });
    expect(message).toBe(
      '[pms-corpus] Ingress pms/pms metadata.annotations["alb.ingress.kubernetes.io/load-balancer-attributes"] = (missing): breaks policy rule "alb-ingress-deletion-guard" (AWS Load Balancer Controller v2.17.1 delete path (pkg/ingress/model_builder.go; issue #4325)): deleting or pruning Ingress pms/pms makes the controller disable deletion protection itself and delete the ALB pms-corpus-pms: its delete guard ignores IngressClassParams; allowed: an annotation with deletion_protection.enabled=true (required in prod; ingressLoadBalancerAttributes in libs/ingress/src/ingress-objects.ts writes it); or accept it with the annotation pms.example.com/policy-exception.alb-ingress-deletion-guard: "<reason>" on Ingress pms/pms (at policy gate)',
    );
  });

  it('refuses a prod web ACL Argo CD may delete (no Delete=false)', () => {
    const message = renderedRefusal((objects) => {
      objectIn(objects, 'WebACL', 'pms-corpus-web-acl').metadata.annotations[
        'argocd.argoproj.io/sync-options'
      ] = 'SkipDryRunOnMissingResource=true,Prune=false';
    });
    expect(message).toMatch(
      /^\[pms-corpus\] WebACL pms-aws\/pms-corpus-web-acl metadata\.annotations\["argocd\.argoproj\.io\/sync-options"\] = "SkipDryRunOnMissingResource=true,Prune=false": breaks policy rule "argocd-deletion-guard" .*lacks Delete=false/,
    );
  });

  it('refuses a prod CloudNativePG Cluster or Kafka Argo CD may delete (no Prune=false,Delete=false)', () => {
    for (const project of ['cloudnative-pg', 'strimzi'] as const) {
      const service = backingOf(project);
      const [apiVersion, kind] = UPSTREAM_PROJECTS[project].resources[0]!.split(' ') as [string, string];
      const message = renderedRefusal((objects) => {
        const resource = objects.find(
          (m) =>
            m.apiVersion === apiVersion && m.kind === kind && m.metadata.name === service.installer.instance,
        ) as Manifest & { metadata: any };
        resource.metadata.annotations['argocd.argoproj.io/sync-options'] = 'SkipDryRunOnMissingResource=true';
      });
      expect(message).toContain(
        `[pms-corpus] ${kind} pms/${service.installer.instance} metadata.annotations["argocd.argoproj.io/sync-options"] = "SkipDryRunOnMissingResource=true": breaks policy rule "argocd-deletion-guard"`,
      );
      expect(message).toContain(`lacks Prune=false, Delete=false`);
      expect(message).toContain(
        `deleting it loses what ${kind} holds: ${statefulBackingKindOf({ apiVersion, kind })!.loss}`,
      );
    }
  });

  it('refuses a prod certificate ACK would delete with its object', () => {
    const message = renderedRefusal((objects) => {
      objectIn(objects, 'Certificate', 'pms').metadata.annotations['services.k8s.aws/deletion-policy'] =
        'delete';
    });
    expect(message).toMatch(
      /^\[pms-corpus\] Certificate pms-aws\/pms metadata\.annotations\["services\.k8s\.aws\/deletion-policy"\] = "delete": breaks policy rule "ack-retain-stateful"/,
    );
  });
});

describe('alarms that tell the truth', () => {
  it('refuses an alarm over every target group whose description blames a single one', () => {
    // A name no catalogue entry has: what this case is about is the scope, not a backend.
    const lie = `[pms-corpus] A target group (billing) has unhealthy targets. Runbook: ${runbookUrl(CLUSTER)}`;
    const message = renderedRefusal((objects) => {
      objectIn(objects, 'MetricAlarm', 'unhealthy-hosts').spec.alarmDescription = lie;
    });
    expect(message).toBe(
      `[pms-corpus] MetricAlarm pms-aws/unhealthy-hosts spec.alarmDescription = ${JSON.stringify(lie)}: its query covers every target group of the load balancer, but it does not say "Any target group of the load balancer"; allowed: a description that names only the target groups its query filters on (or says "Any target group of the load balancer") and ends with the runbook's URL; buildAlarms (libs/monitoring/src/alarms.ts) writes it from the query's scope (at alarm description check)`,
    );
  });

  it('refuses an alarm description that names a backend whose target group is not in the settings', () => {
    const backend = ALB_BACKEND_SERVICES[0]!.name;
    const message = renderedRefusal((objects) => {
      const spec = objectIn(objects, 'MetricAlarm', 'unhealthy-hosts').spec;
      spec.alarmDescription = spec.alarmDescription.replace(
        ': Unhealthy targets.',
        `: Unhealthy targets (${backend}).`,
      );
    });
    expect(message).toContain(
      `names the target group of ${backend}, but the query does not filter on it (its TargetGroup dimension is not in the settings)`,
    );
  });
});

/** Every issue `f` throws, formatted (fails the test when it returns). */
function messagesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (error) {
    const issues = issuesOf(error);
    if (issues) return issues.map(formatIssue);
    throw error;
  }
  throw new Error('expected a refusal, but the call returned');
}

type Json = any;
/** The valid fixture's rendered objects, changed by `change`. */
function objectsWith(change: (objects: Json[]) => void): Manifest[] {
  const objects: Json[] = renderedObjects();
  change(objects);
  return objects as Manifest[];
}
const find = (objects: Json[], kind: string, name?: string): Json =>
  objects.find((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
/** The policy gate over `objects`, as the build runs it. */
const gate = (objects: readonly Manifest[]) =>
  runPolicyGate(validSettings(), objects, { externalPods: chartInstalledPods() });
/** The WebSocket invariants over `objects`, as the build runs them. */
const websocketCheck = (objects: readonly Manifest[]) =>
  checkWebSocketBackends(
    validSettings(),
    validSettings().ingress,
    objects,
    planRoutes(PMS_ROUTES, new Checks(CLUSTER, 'ingress')),
  );
describe('platform invariants over the rendered objects (issue 14)', () => {
  it('refuses a misspelt AWS managed rule group, suggesting the one meant (policy gate)', () => {
    const objects = objectsWith((o) => {
      const rule = find(o, 'WebACL').spec.rules.find(
        (r: Json) => r.statement.managedRuleGroupStatement?.name === 'AWSManagedRulesSQLiRuleSet',
      );
      rule.statement.managedRuleGroupStatement.name = 'AWSManagedRulesSQLIRuleSet';
    });
    const [message, ...more] = messagesOf(() => gate(objects));
    expect(more).toEqual([]);
    expect(message).toMatch(
      /^\[pms-corpus\] WebACL pms-aws\/pms-corpus-web-acl spec\.rules\[\d+\]\.statement\.managedRuleGroupStatement\.name = "AWSManagedRulesSQLIRuleSet": breaks policy rule "waf-managed-rule-groups" .*: AWS has no managed rule group "AWSManagedRulesSQLIRuleSet", so it rejects the web ACL when ACK creates it \(did you mean "AWSManagedRulesSQLiRuleSet"\?\); allowed: an AWS managed rule group: .* \(fix webAclRules \(libs\/security\/src\/waf\/web-acl-rules\.ts\)\) \(at policy gate\)$/,
    );
  });

  it('refuses a misspelt ALB annotation key, which the controller would ignore (policy gate)', () => {
    let path = '';
    const objects = objectsWith((o) => {
      const annotations = find(o, 'Service', 'apigateway').metadata.annotations;
      path = annotations['alb.ingress.kubernetes.io/healthcheck-path'];
      annotations['alb.ingress.kubernetes.io/healthcheckPath'] = path;
      delete annotations['alb.ingress.kubernetes.io/healthcheck-path'];
    });
    expect(messagesOf(() => gate(objects))).toEqual([
      `[pms-corpus] Service pms/apigateway metadata.annotations["alb.ingress.kubernetes.io/healthcheckPath"] = "${path}": breaks policy rule "alb-annotation-keys" (AWS Load Balancer Controller v2.17.1 pkg/annotations/constants.go (unknown keys are ignored silently)): the controller reads no annotation "healthcheckPath" and ignores it silently, so the setting stays at its default (did you mean "alb.ingress.kubernetes.io/healthcheck-path"?); allowed: a key the controller reads (AWS Load Balancer Controller annotations) (at policy gate)`,
    ]);
  });

  it('refuses WAF fail-open (policy gate)', () => {
    const objects = objectsWith(
      (o) =>
        (find(o, 'IngressClassParams').spec.loadBalancerAttributes.find(
          (a: Json) => a.key === 'waf.fail_open.enabled',
        ).value = 'true'),
    );
    expect(messagesOf(() => gate(objects))).toEqual([
      '[pms-corpus] IngressClassParams alb spec.loadBalancerAttributes = "waf.fail_open.enabled=true": breaks policy rule "alb-waf-fail-closed" (ELB API LoadBalancerAttribute waf.fail_open.enabled (default false)): the ALB of group pms forwards requests to the targets uninspected whenever it cannot reach AWS WAF (waf.fail_open.enabled=true); allowed: waf.fail_open.enabled=false (or unset); fix loadBalancerAttributesOf (libs/ingress/src/plan.ts) (at policy gate)',
    ]);
  });

  it('refuses DNS egress to a label EKS’s CoreDNS does not carry, once for every policy (policy gate)', () => {
    const objects = objectsWith((o) => {
      for (const policy of o.filter((m) => m.kind === 'NetworkPolicy'))
        for (const rule of policy.spec.egress ?? [])
          for (const peer of rule.to ?? [])
            if (peer.podSelector?.matchLabels?.['k8s-app'])
              peer.podSelector = { matchLabels: { 'k8s-app': 'coredns' } };
    });
    const dns = messagesOf(() => gate(objects)).filter((m) => m.includes('"dns-reaches-coredns"'));
    expect(dns).toHaveLength(1);
    expect(dns[0]).toContain(
      'breaks policy rule "dns-reaches-coredns" (EKS CoreDNS add-on (pod labels k8s-app: kube-dns, eks.amazonaws.com/component: coredns)): the DNS peer selects pods {k8s-app=coredns}, which EKS\'s CoreDNS (namespace kube-system, pods {k8s-app=kube-dns,eks.amazonaws.com/component=coredns}) does not match, so the pods this policy selects cannot resolve names (53/UDP and 53/TCP to CoreDNS denied); allowed: a peer selecting namespace kube-system, pods {k8s-app=kube-dns,eks.amazonaws.com/component=coredns}, e.g. podSelector k8s-app=kube-dns with namespaceSelector kubernetes.io/metadata.name=kube-system (fix KUBE_DNS_PODS (libs/networking/src/graph-nodes.ts)) (at policy gate)',
    );
  });

  it('refuses a WebSocket target group without stickiness, naming every route it serves (WebSocket check)', () => {
    const objects = objectsWith(
      (o) =>
        (find(o, 'Service', 'apigateway').metadata.annotations[AlbAnnotation.targetGroupAttributes] =
          'stickiness.enabled=false'),
    );
    // in the order the ALB evaluates them, as the check reads them
    const routes = planRoutes(PMS_ROUTES, new Checks(CLUSTER, 'ingress'))
      .filter(({ route }) => route.kind !== 'http' && route.backend.service === 'apigateway')
      .map(({ route, index }) => `"${route.name}" (${route.kind}, PMS_ROUTES[${index}])`);
    expect(routes.length).toBeGreaterThan(0);
    expect(messagesOf(() => websocketCheck(objects))).toEqual([
      `[pms-corpus] Service pms/apigateway target-group-attributes = "stickiness.enabled=false": ${routes.length === 1 ? 'route' : 'routes'} ${routes.join(', ')} reach apigateway:8080, whose target group is not sticky (stickiness.enabled=false, stickiness.type=unset), so SockJS fallbacks and reconnects land on pods that do not hold the session; allowed: stickiness.enabled=true,stickiness.type=lb_cookie (fix targetGroupAttributesOf (libs/ingress/src/plan.ts)) (at WebSocket check)`,
    ]);
  });

  it('refuses a WebSocket backend that no longer gets the heartbeat (WebSocket check)', () => {
    const objects = objectsWith(
      (o) => delete find(o, 'Deployment', 'apigateway').spec.template.spec.containers[0].env,
    );
    const [message, ...more] = messagesOf(() => websocketCheck(objects));
    expect(more).toEqual([]);
    expect(message).toMatch(
      /^\[pms-corpus\] Deployment pms\/apigateway spec\.template\.spec\.containers\[0\]\.env PMS_WEBSOCKET_HEARTBEAT_SECONDS = \(missing\): routes? .* reach container "apigateway", which does not get the heartbeat interval, so it keeps its own and the ALB may close quiet WebSockets; allowed: PMS_WEBSOCKET_HEARTBEAT_SECONDS="25" \(ingress\.websocket\.heartbeatSeconds; backendEnvOf \(libs\/ingress\/src\/plan\.ts\) publishes it, the platform passes it to networking as workloadEnv\) \(at WebSocket check\)$/,
    );
  });

  it('refuses a reachability failure naming the policy, the rule and the selector at fault', () => {
    const objects = objectsWith(
      (o) =>
        (find(o, 'NetworkPolicy', 'auth').spec.ingress[0].from[0].podSelector = {
          matchLabels: { 'app.kubernetes.io/name': 'api-gateway' },
        }),
    );
    expect(messagesOf(() => checkReachability(validSettings(), objects))).toEqual([
      '[pms-corpus] NetworkPolicies pms: apigateway → auth = "8081/TCP": declared in the communication graph but denied by the rendered policies: on 8081/TCP, the ingress of auth (pods {app.kubernetes.io/name=auth,app.kubernetes.io/part-of=pms} in pms) is isolated by NetworkPolicy pms/default-deny, NetworkPolicy pms/auth; the rules opening 8081/TCP (NetworkPolicy pms/auth spec.ingress[0]: pods {app.kubernetes.io/name=api-gateway}) do not match apigateway (pods {app.kubernetes.io/name=apigateway,app.kubernetes.io/part-of=pms} in pms); allowed: every connection of the declared graph (PMS_GRAPH (libs/networking/src/graph.ts))',
    ]);
  });
});

describe('cluster settings refused at render (issue 14)', () => {
  it('refuses a CSP with double-quoted keywords, which browsers drop (the SPA loads blank)', () => {
    expectRefusal(
      (s) => (s.ingress.contentSecurityPolicy = 'default-src "self"; frame-ancestors \'none\''),
      "[pms-corpus] ingress.contentSecurityPolicy = \"\\\"self\\\"\": \"self\" is not a source expression (keywords take single quotes), so the browser ignores it (did you mean 'self'?) in default-src; allowed: directives separated by \";\", each a known directive name followed by its values: keywords, nonces and hashes in single quotes ('self', 'none', 'nonce-…', 'sha256-…'), schemes (https:), hosts ([scheme://]host[:port][/path], *. wildcards) (at pms-corpus/ingress)",
    );
  });

  it('refuses a misspelt CSP directive, suggesting the one meant', () => {
    const error = buildError((s) => (s.ingress.contentSecurityPolicy = "defualt-src 'self'"));
    expect((error as Error).message).toContain(
      '"defualt-src" is not a CSP directive, so the browser ignores it (did you mean "default-src"?)',
    );
  });

  it('refuses two ALB subnets in one availability zone', () => {
    expectRefusal(
      (s) => (s.vpc.albSubnets[2]!.availabilityZone = s.vpc.albSubnets[0]!.availabilityZone),
      '[pms-corpus] vpc.albSubnets[2].availabilityZone = "eu-central-1a": vpc.albSubnets[0] is in eu-central-1a too: an ALB takes one subnet per availability zone, so the controller cannot create it; allowed: an availability zone no other ALB subnet uses (one subnet per zone)',
    );
  });

  it("refuses a prod image from another cluster's registry account", () => {
    expectRefusal(
      (s) =>
        (s.networking.workloads.frontend.image.repository =
          '222222222222.dkr.ecr.eu-central-1.amazonaws.com/pms/frontend'),
      '[pms-corpus] networking.workloads.frontend.image.repository = "222222222222.dkr.ecr.eu-central-1.amazonaws.com/pms/frontend": an ECR registry of account 222222222222, but this prod cluster is in account 444444444444 (a registry copied from another cluster\'s settings?); allowed: in prod, an ECR repository of the cluster\'s own account: 444444444444.dkr.ecr.eu-central-1.amazonaws.com/… (promote the image into it) (at pms-corpus/networking)',
    );
  });

  it('refuses settings for a misspelt workload, suggesting the one meant', () => {
    const error = buildError(
      (s) =>
        ((s.networking.workloads as Json).apigatewy = structuredClone(s.networking.workloads.apigateway)),
    );
    expect((error as Error).message).toContain(
      '"apigatewy" is no workload of the catalogue (libs/networking/src/catalogue.ts, entries of kind "workload") (did you mean "apigateway"?)',
    );
  });
});

describe('the fleet, in every cluster render (issue 14)', () => {
  /** A render context with the fixture cluster, `other`, and the Argo CD app registering `registered`. */
  const contextOf = (other: PmsClusterSettings, registered: readonly string[]): RenderContext => ({
    targets: [
      pmsClusterTarget(validSettings()),
      pmsClusterTarget(other),
      { name: 'argocd', outDir: 'argocd', registers: registered, build: () => new Map() },
    ],
    warn: () => {},
  });
  const copy = () =>
    settingsWith((s) => {
      s.name = 'pms-copy';
      s.eksClusterName = 'pms-copy';
      s.host = 'copy.pms.example.com';
      s.monitoring.alb = { state: 'awaiting' };
    });

  it("refuses a new cluster app copied from another: the original's VPC, subnets, rendered bucket, OIDC id and legacy load balancers", () => {
    const other = copy();
    const found = messagesOf(() => pmsClusterTarget(other).build(contextOf(other, [CLUSTER, 'pms-copy'])));
    expect(found.map((m) => m.split(' = ')[0])).toEqual([
      '[pms-copy, pms-corpus] vpc.id',
      ...other.vpc.albSubnets.map(() => '[pms-copy, pms-corpus] vpc.albSubnets[].id'),
      '[pms-copy, pms-corpus] accessLogs.bucket',
      '[pms-copy, pms-corpus] accessLogs',
      '[pms-copy, pms-corpus] security.controllerIdentity.oidcProviderId',
      ...other.migration!.legacyLoadBalancers.map(
        () => '[pms-copy, pms-corpus] migration.legacyLoadBalancers[].hostname',
      ),
    ]);
    expect(found[0]).toBe(
      `[pms-copy, pms-corpus] vpc.id = "${other.vpc.id}": the same VPC, in the same account, in pms-copy and pms-corpus: one was probably copied from the other (edit the copy's apps/<cluster>/src/settings.ts); allowed: each cluster's own VPC; one cluster per VPC within an account (at fleet check)`,
    );
  });

  it('refuses a cluster app missing from the fleet', () => {
    const other = copy();
    const found = messagesOf(() => pmsClusterTarget(other).build(contextOf(other, [CLUSTER])));
    expect(found.at(-1)).toBe(
      '[pms-copy] name = "pms-copy": the cluster app is not in the fleet of argocd (apps/argocd/src/fleet.ts): Argo CD would sync its folder with no project destination (every sync refused) and no controller Applications; allowed: a registered cluster: import apps/pms-copy/src/settings.ts and add it to the fleet in apps/argocd/src/fleet.ts (at fleet check)',
    );
  });
});

describe('health values and routes, in source terms (issue 14)', () => {
  it('refuses a health-check port the container does not expose, suggesting the container port', () => {
    expect(healthMessages(gatewayTargetGroup({ port: 8081 }))).toEqual([
      '[pms-corpus] PMS_SERVICES (libs/networking/src/catalogue.ts) apigateway.health.targetGroup.port = 8081: the apigateway container does not expose port 8081, so every ALB health check fails and the targets never turn healthy (no NetworkPolicy edge can fix that); allowed: "traffic-port" (the Service\'s port, 8080) or a port the container exposes: 8080 (http) (at pms-corpus/networking)',
    ]);
  });

  it('refuses a misspelt route backend, suggesting the Service meant', () => {
    const typo: RouteSpec = {
      ...api('billing', '/api/billing'),
      backend: { service: 'apigatway', port: 8080 },
    };
    expect(routeMessages([...PMS_ROUTES, typo])).toEqual([
      `[pms-corpus] PMS_ROUTES[${NEXT_ROUTE}] (libs/ingress/src/routes.ts) backend = "apigatway:8080": route "billing": no Service "apigatway" in the catalogue (did you mean "apigateway"?); allowed: an HTTP Service of the catalogue: ${HTTP_SERVICES} (at pms-corpus/ingress)`,
    ]);
  });
});

describe('the sync plan (buildSyncPlan over rendered objects; the fleet-wide derivation: apps/argocd/src/sync-sources.test.ts)', () => {
  // The Applications as the Argo CD app describes them: the cluster's own in wave 0 of the bootstrap Application.
  const clusterApp = (objects: Manifest[], requires: Record<string, Requirement[]>): PlanApplication => ({
    name: CLUSTER,
    parent: 'pms-argocd',
    wave: 0,
    source: 'clustersApplicationSet (apps/argocd/src/applicationset.ts)',
    objects: objects.map((manifest) => ({
      manifest,
      source: `clusters/${CLUSTER}/${manifestPath(manifest)}`,
      requires: requires[manifest.kind] ?? [],
    })),
    provides: [],
  });
  const refusal = (input: Omit<PlanInput, 'cluster' | 'external' | 'applicationHealth'>) =>
    buildSyncPlan({ cluster: CLUSTER, external: [], applicationHealth: true, ...input }).violations.map(
      formatIssue,
    );

  it('refuses a custom resource before its CRD (its operator synced after it), naming both ends and where their waves are set', () => {
    const kafka = renderedObject('Kafka', 'kafka-strimzi');
    const strimzi: PlanApplication = {
      name: `${CLUSTER}-strimzi`,
      parent: 'pms-argocd',
      wave: 1,
      source: 'releaseApplication, releaseWave (apps/argocd/src/release-applications.ts)',
      objects: [],
      provides: [{ key: 'crd:kafka.strimzi.io/Kafka', what: 'the CRD of kafka.strimzi.io/Kafka' }],
    };
    const need = {
      key: 'crd:kafka.strimzi.io/Kafka',
      what: 'the CRD of kafka.strimzi.io/Kafka',
      need: 'applied',
    } as const;
    expect(
      refusal({ applications: [clusterApp([kafka], { Kafka: [need] }), strimzi], healthChecked: [] }),
    ).toEqual([
      `[pms-corpus] sync plan: Kafka pms/kafka-strimzi = "the CRD of kafka.strimzi.io/Kafka": Kafka pms/kafka-strimzi (clusters/pms-corpus/pms/kafka/kafka-strimzi.yaml; Application pms-corpus (wave 0 of pms-argocd), wave -3) needs the CRD of kafka.strimzi.io/Kafka before it is applied, but provided by Application pms-corpus-strimzi (wave 1 of pms-argocd), which is not ordered before Application pms-corpus (wave 0 of pms-argocd); allowed: Application pms-corpus-strimzi in a wave of pms-argocd below 0 (its wave is set by releaseApplication, releaseWave (apps/argocd/src/release-applications.ts)), or Application pms-corpus in a wave above 1 (set by clustersApplicationSet (apps/argocd/src/applicationset.ts)); or a plan where the CRD of kafka.strimzi.io/Kafka is there first: provided in an earlier wave (of the same Application, or of an Application the same parent syncs in an earlier wave), or by a cluster prerequisite; or Kafka pms/kafka-strimzi no longer needing it (at sync plan)`,
    ]);
  });

  it('refuses a wave that waits on health nothing assesses (a WebACL without its argocd-cm health check)', () => {
    const ingress = renderedObject('Ingress', 'pms');
    const webAcl = renderedObjects().find((m) => m.kind === 'WebACL')!;
    const name = (webAcl.spec as { name: string }).name;
    const need = { key: objectKey(webAcl), what: `web ACL ${name}`, need: 'healthy' } as const;
    expect(
      refusal({ applications: [clusterApp([webAcl, ingress], { Ingress: [need] })], healthChecked: [] }),
    ).toEqual([
      `[pms-corpus] sync plan: Ingress pms/pms = "web ACL ${name}": Ingress pms/pms (clusters/pms-corpus/pms/ingress/pms.yaml; Application pms-corpus (wave 0 of pms-argocd), wave 10) needs web ACL ${name} Healthy before it can be, but WebACL pms-aws/${name} (wave -5, same Application) has no health check (wafv2.services.k8s.aws/WebACL: not built into Argo CD, no key in argocd-cm), so Argo CD does not wait for it to be Healthy; allowed: a plan where web ACL ${name} is there first: provided in an earlier wave (of the same Application, or of an Application the same parent syncs in an earlier wave), or by a cluster prerequisite; or Ingress pms/pms no longer needing it (at sync plan)`,
    ]);
  });
});
