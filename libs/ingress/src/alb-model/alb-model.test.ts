import type { Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { describeOrigin, resolveAlbGroups } from './index.js';
import { ATTRIBUTE_GRAMMAR } from '../attributes.js';
import { AlbAnnotation } from '../annotations.js';
import { simulateRequest } from '../simulate.js';

const ingressClass: Manifest = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'alb' },
  spec: { controller: 'ingress.k8s.aws/alb' },
};
const path = (p: string, pathType: string | undefined, service: string, port = 80) => ({
  path: p,
  ...(pathType ? { pathType } : {}),
  backend: { service: { name: service, port: { number: port } } },
});
const ingress = (
  name: string,
  paths: object[],
  annotations: Record<string, string> = {},
  extra: object = {},
): Manifest => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, namespace: 'pms', annotations: { [AlbAnnotation.groupName]: 'shop', ...annotations } },
  spec: { ingressClassName: 'alb', rules: [{ http: { paths } }], ...extra },
});
const service = (name: string, annotations: Record<string, string> = {}): Manifest => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'pms', annotations },
});
const backendOf = (manifests: Manifest[], url: string) => simulateRequest(manifests, url).backend;

describe('resolveAlbGroups: ordering across Ingresses and rules entries', () => {
  it('does not sort across Ingresses: a catch-all in an earlier Ingress shadows the later one', () => {
    const objects = [
      ingressClass,
      ingress('a-spa', [path('/', 'Prefix', 'frontend')]),
      ingress('b-api', [path('/api', 'Prefix', 'api')]),
    ];
    expect(backendOf(objects, 'http://x/api/users')).toBe('frontend:80');
    const [group] = resolveAlbGroups(objects);
    expect(group!.members).toEqual(['pms/a-spa', 'pms/b-api']);
  });

  it('orders members by group.order first, then namespace/name', () => {
    const objects = [
      ingressClass,
      ingress('a-spa', [path('/', 'Prefix', 'frontend')], { [AlbAnnotation.groupOrder]: '10' }),
      ingress('b-api', [path('/api', 'Prefix', 'api')], { [AlbAnnotation.groupOrder]: '-5' }),
    ];
    expect(resolveAlbGroups(objects)[0]!.members).toEqual(['pms/b-api', 'pms/a-spa']);
    expect(backendOf(objects, 'http://x/api/users')).toBe('api:80');
  });

  it('reports a group.order outside -1000..1000', () => {
    const objects = [
      ingressClass,
      ingress('a', [path('/', 'Prefix', 'frontend')], { [AlbAnnotation.groupOrder]: '1001' }),
    ];
    expect(resolveAlbGroups(objects)[0]!.problems).toContain(
      'Ingress pms/a: group.order "1001" is not a whole number from -1000 to 1000',
    );
  });

  it('never reaches an ImplementationSpecific path after Prefix / in the same entry', () => {
    const objects = [
      ingressClass,
      ingress('a', [path('/legacy*', 'ImplementationSpecific', 'legacy'), path('/', 'Prefix', 'frontend')]),
    ];
    expect(resolveAlbGroups(objects)[0]!.listeners[0]!.rules.map((r) => r.paths.join(' '))).toEqual([
      '/*',
      '/legacy*',
    ]);
    expect(backendOf(objects, 'http://x/legacy/page')).toBe('frontend:80');
  });

  it('keeps separate rules[] entries in declaration order', () => {
    const objects: Manifest[] = [
      ingressClass,
      {
        ...ingress('a', []),
        spec: {
          ingressClassName: 'alb',
          rules: [
            { http: { paths: [path('/', 'Prefix', 'frontend')] } },
            { http: { paths: [path('/api/x', 'Prefix', 'api')] } },
          ],
        },
      },
    ];
    expect(backendOf(objects, 'http://x/api/x')).toBe('frontend:80');
  });

  it('puts Ingresses without a group on their own load balancer and ignores other controllers', () => {
    const objects: Manifest[] = [
      ingressClass,
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'IngressClass',
        metadata: { name: 'nginx' },
        spec: { controller: 'k8s.io/ingress-nginx' },
      },
      { ...ingress('solo', [path('/', 'Prefix', 'frontend')]), metadata: { name: 'solo', namespace: 'pms' } },
      { ...ingress('other', [path('/', 'Prefix', 'x')]), spec: { ingressClassName: 'nginx', rules: [] } },
      {
        ...ingress('legacy', [path('/', 'Prefix', 'old')]),
        metadata: { name: 'legacy', namespace: 'pms', annotations: { 'kubernetes.io/ingress.class': 'alb' } },
        spec: { rules: [{ http: { paths: [path('/', 'Prefix', 'old')] } }] },
      },
    ];
    expect(resolveAlbGroups(objects).map((g) => [g.name, g.explicit])).toEqual([
      ['pms/legacy', false],
      ['pms/solo', false],
    ]);
  });
});

describe('resolveAlbGroups: settings precedence', () => {
  const params: Manifest = {
    apiVersion: 'elbv2.k8s.aws/v1beta1',
    kind: 'IngressClassParams',
    metadata: { name: 'alb' },
    spec: {
      group: { name: 'pms' },
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificateArn: ['arn:cert-from-params'],
      sslRedirectPort: '443',
      loadBalancerAttributes: [{ key: 'idle_timeout.timeout_seconds', value: '300' }],
      listeners: [
        {
          protocol: 'HTTPS',
          port: 443,
          listenerAttributes: [{ key: 'routing.http.response.x_frame_options.header_value', value: 'DENY' }],
        },
      ],
    },
  };
  const paramsClass: Manifest = {
    ...ingressClass,
    spec: {
      controller: 'ingress.k8s.aws/alb',
      parameters: { apiGroup: 'elbv2.k8s.aws', kind: 'IngressClassParams', name: 'alb' },
    },
  };
  const ing = ingress('pms', [path('/', 'Prefix', 'frontend')], {
    [AlbAnnotation.listenPorts]: '[{"HTTP":80},{"HTTPS":443}]',
    [AlbAnnotation.sslPolicy]: 'ELBSecurityPolicy-2016-08',
    [AlbAnnotation.loadBalancerAttributes]: 'idle_timeout.timeout_seconds=60,routing.http2.enabled=true',
    [AlbAnnotation.listenerAttributes('HTTPS', 443)]:
      'routing.http.response.x_frame_options.header_value=SAMEORIGIN',
    [AlbAnnotation.healthcheckPath]: '/from-ingress',
    [AlbAnnotation.successCodes]: '200',
    [AlbAnnotation.targetGroupAttributes]: 'deregistration_delay.timeout_seconds=30,stickiness.enabled=false',
  });

  it('lets IngressClassParams override annotations, key by key for attributes', () => {
    const [group] = resolveAlbGroups([paramsClass, params, ing, service('frontend')]);
    expect(group!.name).toBe('pms');
    const https = group!.listeners.find((l) => l.protocol === 'HTTPS')!;
    expect(https.sslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(https.certificateArns).toEqual(['arn:cert-from-params']);
    expect(Object.fromEntries(group!.loadBalancerAttributes)).toEqual({
      'idle_timeout.timeout_seconds': '300',
      'routing.http2.enabled': 'true',
    });
    expect(https.attributes.get('routing.http.response.x_frame_options.header_value')).toBe('DENY');
  });

  it('lets a Service annotation replace the Ingress value for that key as a whole', () => {
    const svc = service('frontend', {
      [AlbAnnotation.healthcheckPath]: '/healthz',
      [AlbAnnotation.targetGroupAttributes]: 'stickiness.enabled=true,stickiness.type=lb_cookie',
    });
    const [group] = resolveAlbGroups([paramsClass, params, ing, svc]);
    const [tg] = group!.targetGroups;
    expect(tg!.settings.get(AlbAnnotation.healthcheckPath)).toEqual({ value: '/healthz', source: 'Service' });
    expect(tg!.settings.get(AlbAnnotation.successCodes)).toEqual({ value: '200', source: 'Ingress' });
    expect(tg!.settings.get(AlbAnnotation.healthcheckIntervalSeconds)).toEqual({
      value: '15',
      source: 'controller default',
    });
    // Not merged: the Ingress's deregistration delay is gone, because the Service set target-group-attributes.
    expect(Object.fromEntries(tg!.attributes)).toEqual({
      'stickiness.enabled': 'true',
      'stickiness.type': 'lb_cookie',
    });
  });

  it('reports cookie stickiness without target type ip', () => {
    const svc = service('frontend', { [AlbAnnotation.targetGroupAttributes]: 'stickiness.enabled=true' });
    const [group] = resolveAlbGroups([ingressClass, ingress('a', [path('/', 'Prefix', 'frontend')]), svc]);
    expect(group!.problems).toContain(
      'target group of pms/frontend:80: cookie stickiness requires target type ip',
    );
  });

  it('gives the HTTP listener only the ssl-redirect, and reads the default policy when none is set', () => {
    const [group] = resolveAlbGroups([paramsClass, params, ing, service('frontend')]);
    const http = group!.listeners.find((l) => l.protocol === 'HTTP')!;
    expect(http.rules).toEqual([]);
    expect(http.defaultAction).toEqual({ type: 'redirect', statusCode: 301, protocol: 'HTTPS', port: '443' });
    const plain = ingress('b', [path('/', 'Prefix', 'frontend')], {
      [AlbAnnotation.listenPorts]: '[{"HTTPS":443}]',
      [AlbAnnotation.certificateArn]: 'arn:c',
    });
    expect(resolveAlbGroups([ingressClass, plain])[0]!.listeners[0]!.sslPolicy).toBe(
      'ELBSecurityPolicy-2016-08',
    );
  });

  it('reports what the controller refuses: bad listen-ports, unparsable attributes, wildcard prefixes, missing Services', () => {
    const bad = ingress('bad', [path('/api/*', 'Prefix', 'api'), path('/', 'Prefix', 'frontend')], {
      [AlbAnnotation.listenPorts]: '[{"HTTP":"80"}]',
      [AlbAnnotation.loadBalancerAttributes]: 'a=GET,POST',
    });
    expect(resolveAlbGroups([ingressClass, bad])[0]!.problems).toEqual([
      `Ingress pms/bad: failed to parse stringMap annotation "a=GET,POST": "POST" is not a key=value pair; allowed: ${ATTRIBUTE_GRAMMAR}`,
      'Ingress pms/bad: listen port must be a JSON number within [1, 65535]: "80"',
    ]);
    const wildcard = ingress('w', [path('/api/*', 'Prefix', 'api'), path('/', 'Prefix', 'frontend')]);
    expect(resolveAlbGroups([ingressClass, wildcard])[0]!.problems).toEqual([
      "Ingress pms/w: prefix path shouldn't contain wildcards: /api/*",
      'Ingress pms/w: backend Service pms/frontend is not among the objects',
    ]);
  });

  it('answers the default backend when no rule matches, and 404 without one', () => {
    const withDefault = ingress(
      'd',
      [path('/api', 'Prefix', 'api')],
      {},
      { defaultBackend: { service: { name: 'frontend', port: { number: 80 } } } },
    );
    expect(simulateRequest([ingressClass, withDefault], 'http://x/other').backend).toBe('frontend:80');
    expect(
      simulateRequest([ingressClass, ingress('n', [path('/api', 'Prefix', 'api')])], 'http://x/other')
        .statusCode,
    ).toBe(404);
  });
});

describe('resolveAlbGroups: where load-balancer settings are read from', () => {
  const params: Manifest = {
    apiVersion: 'elbv2.k8s.aws/v1beta1',
    kind: 'IngressClassParams',
    metadata: { name: 'alb' },
    spec: {
      certificateArn: ['arn:aws:acm:eu-central-1:111111111111:certificate/p'],
      subnets: { tags: { tier: ['public'] } },
    },
  };
  const classWithParams: Manifest = {
    ...ingressClass,
    spec: {
      controller: 'ingress.k8s.aws/alb',
      parameters: { apiGroup: 'elbv2.k8s.aws', kind: 'IngressClassParams', name: 'alb' },
    },
  };
  const annotated = ingress('a', [path('/', 'Prefix', 'frontend')], {
    [AlbAnnotation.listenPorts]: '[{"HTTPS":443}]',
    [AlbAnnotation.certificateArn]: 'arn:aws:acm:eu-central-1:111111111111:certificate/a',
    [AlbAnnotation.wafv2AclArn]: 'arn:aws:wafv2:eu-central-1:111111111111:regional/webacl/w/1',
    [AlbAnnotation.subnets]: 'subnet-0a1b, public-b',
  });

  it('reads certificate, web ACL and subnets from annotations, and says so', () => {
    const [group] = resolveAlbGroups([ingressClass, annotated, service('frontend')]);
    const https = group!.listeners[0]!;
    expect(describeOrigin(https.certificateOrigin!)).toBe(
      'annotation `alb.ingress.kubernetes.io/certificate-arn` of Ingress `pms/a`',
    );
    expect(describeOrigin(group!.wafv2AclArnOrigin!)).toBe(
      'annotation `alb.ingress.kubernetes.io/wafv2-acl-arn` of Ingress `pms/a`',
    );
    expect(group!.subnets).toEqual({
      ids: ['subnet-0a1b'],
      names: ['public-b'],
      origin: {
        kind: 'Ingress',
        object: 'pms/a',
        field: 'metadata.annotations["alb.ingress.kubernetes.io/subnets"]',
      },
    });
  });

  it('prefers the IngressClassParams fields (the controller does)', () => {
    const [group] = resolveAlbGroups([classWithParams, params, annotated, service('frontend')]);
    expect(group!.listeners[0]!.certificateArns).toEqual([
      'arn:aws:acm:eu-central-1:111111111111:certificate/p',
    ]);
    expect(describeOrigin(group!.listeners[0]!.certificateOrigin!)).toBe(
      '`spec.certificateArn` of IngressClassParams `alb`',
    );
    expect(group!.subnets).toEqual({
      ids: [],
      names: [],
      tags: { tier: ['public'] },
      origin: { kind: 'IngressClassParams', object: 'alb', field: 'spec.subnets' },
    });
  });

  it('has no subnets when the objects leave them to discovery', () => {
    const [group] = resolveAlbGroups([ingressClass, ingress('b', [path('/', 'Prefix', 'frontend')])]);
    expect(group!.subnets).toBeUndefined();
  });
});

describe('resolveAlbGroups: web ACL by name and certificate discovery', () => {
  const withHost = (name: string, host: string, annotations: Record<string, string>) =>
    ingress(name, [], annotations, { rules: [{ host, http: { paths: [path('/', 'Prefix', 'frontend')] } }] });
  const https = { [AlbAnnotation.listenPorts]: '[{"HTTPS":443}]' };

  it('lets a web ACL name win over any ARN of the group (LBC buildWAFv2WebACLAssociation)', () => {
    const [group] = resolveAlbGroups([
      ingressClass,
      withHost('a', 'a.example.com', {
        [AlbAnnotation.wafv2AclArn]: 'arn:aws:wafv2:eu-central-1:1:regional/webacl/x/1',
      }),
      withHost('b', 'b.example.com', { [AlbAnnotation.wafv2AclName]: 'pms-web-acl' }),
    ]);
    expect(group!.wafv2AclName).toBe('pms-web-acl');
    expect(group!.wafv2AclArn).toBeUndefined();
    expect(describeOrigin(group!.wafv2AclNameOrigin!)).toBe(
      'annotation `alb.ingress.kubernetes.io/wafv2-acl-name` of Ingress `pms/b`',
    );
  });

  it('reports two different web ACL names in one group', () => {
    const [group] = resolveAlbGroups([
      ingressClass,
      withHost('a', 'a.example.com', { [AlbAnnotation.wafv2AclName]: 'one' }),
      withHost('b', 'b.example.com', { [AlbAnnotation.wafv2AclName]: 'two' }),
    ]);
    expect(group!.problems).toContain('conflicting WAFv2 WebACL names in group shop: one | two');
  });

  it('discovers certificates for the hosts of the HTTPS Ingresses that name none', () => {
    const [group] = resolveAlbGroups([
      ingressClass,
      withHost('a', 'a.example.com', https),
      withHost('b', 'b.example.com', {
        ...https,
        [AlbAnnotation.certificateArn]: 'arn:aws:acm:eu-central-1:1:certificate/b',
      }),
      ingress('c', [], https, {
        rules: [{ host: 'c.example.com', http: { paths: [path('/', 'Prefix', 'frontend')] } }],
        tls: [{ hosts: ['tls.example.com'] }],
      }),
    ]);
    const listener = group!.listeners[0]!;
    expect(listener.certificateArns).toEqual(['arn:aws:acm:eu-central-1:1:certificate/b']);
    expect(listener.certificateDiscoveryHosts).toEqual(['a.example.com', 'c.example.com', 'tls.example.com']);
    expect(group!.problems.filter((p) => p.includes('certificate'))).toEqual([]);
  });

  it('reports an HTTPS listener with neither a certificate nor a host to discover one for', () => {
    const [group] = resolveAlbGroups([ingressClass, ingress('a', [path('/', 'Prefix', 'frontend')], https)]);
    expect(group!.listeners[0]!.certificateDiscoveryHosts).toEqual([]);
    expect(group!.problems).toContain('HTTPS listener 443 of group shop has no certificate');
  });
});
