import type { Manifest } from '@pms/core';
import { describe, expect, it } from 'vitest';
import { fixtureObjects } from './__fixtures__/cluster.js';
import { routingOf as albRoutingModel } from './routing.js';
import { diffRouting, probesFor, shadowedRules } from './routing-diff.js';

const ALB_CLASS: Manifest = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'alb' },
  spec: { controller: 'ingress.k8s.aws/alb' },
};
const ingress = (paths: { path: string; pathType: string; service: string; port: number }[]): Manifest => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: {
    name: 'pms',
    namespace: 'pms',
    annotations: { 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]' },
  },
  spec: {
    ingressClassName: 'alb',
    rules: [
      {
        host: 'pms.example.com',
        http: {
          paths: paths.map((p) => ({
            path: p.path,
            pathType: p.pathType,
            backend: { service: { name: p.service, port: { number: p.port } } },
          })),
        },
      },
    ],
  },
});

describe('routingOf (the @pms/ingress simulator)', () => {
  const model = albRoutingModel(fixtureObjects());
  const route = (path: string, host = 'pms.example.com') => model.route({ host, path }).target;

  it('matches Prefix paths by path element', () => {
    expect(route('/api')).toBe('apigateway:8080');
    expect(route('/api/v1/units')).toBe('apigateway:8080');
    expect(route('/apix')).toBe('frontend:80');
  });

  it('answers with the default action for hosts no rule names', () => {
    expect(route('/api', 'other.example.com')).toBe('fixed-response 404');
  });

  it('evaluates Exact before Prefix and longer prefixes first within one rule', () => {
    const m = albRoutingModel([
      ALB_CLASS,
      ingress([
        { path: '/', pathType: 'Prefix', service: 'frontend', port: 80 },
        { path: '/api', pathType: 'Prefix', service: 'apigateway', port: 8080 },
        { path: '/api/health', pathType: 'Exact', service: 'auth', port: 8081 },
      ]),
    ]);
    expect(m.rules.map((r) => r.path)).toEqual(['/api/health', '/api', '/']);
    expect(m.route({ host: 'pms.example.com', path: '/api/health' }).target).toBe('auth:8081');
  });
});

describe('diffRouting', () => {
  it('reports a changed path as a removed and an added rule, and the URLs that now go elsewhere', () => {
    const diff = diffRouting(
      albRoutingModel(fixtureObjects()),
      albRoutingModel(fixtureObjects({ apiPath: '/apis' })),
    );
    expect(diff.removed.map((r) => r.path)).toEqual(['/api']);
    expect(diff.added.map((r) => r.path)).toEqual(['/apis']);
    const rerouted = Object.fromEntries(
      diff.rerouted.map((c) => [c.probe.path, `${c.before} -> ${c.after}`]),
    );
    expect(rerouted['/api']).toBe('apigateway:8080 -> frontend:80');
    expect(rerouted['/apis']).toBe('frontend:80 -> apigateway:8080');
    expect(rerouted['/']).toBeUndefined();
  });

  it('reports backend changes of a kept rule', () => {
    const before = ingress([{ path: '/api', pathType: 'Prefix', service: 'apigateway', port: 8080 }]);
    const after = ingress([{ path: '/api', pathType: 'Prefix', service: 'frontend', port: 80 }]);
    const diff = diffRouting(albRoutingModel([ALB_CLASS, before]), albRoutingModel([ALB_CLASS, after]));
    expect(diff.backendChanges).toEqual([
      expect.objectContaining({ before: 'apigateway:8080', after: 'frontend:80' }),
    ]);
    expect(diff.added).toEqual([]);
  });

  it('reports a rule newly shadowed by an earlier one', () => {
    const m = (pathType: string) =>
      albRoutingModel([
        ALB_CLASS,
        {
          ...ingress([]),
          spec: {
            ingressClassName: 'alb',
            rules: [
              {
                host: 'pms.example.com',
                http: {
                  paths: [
                    {
                      path: '/*',
                      pathType,
                      backend: { service: { name: 'frontend', port: { number: 80 } } },
                    },
                  ],
                },
              },
              {
                host: 'pms.example.com',
                http: {
                  paths: [
                    {
                      path: '/api',
                      pathType: 'Prefix',
                      backend: { service: { name: 'apigateway', port: { number: 8080 } } },
                    },
                  ],
                },
              },
            ],
          },
        },
      ]);
    expect(shadowedRules(m('Exact'))).toEqual([]);
    const diff = diffRouting(m('Exact'), m('ImplementationSpecific'));
    expect(diff.newlyShadowed.map((s) => `${s.rule.path} by ${s.by.path}`)).toEqual(['/api by /*']);
  });

  it('reports rules that changed their relative order', () => {
    const a = { path: '/a', pathType: 'ImplementationSpecific', service: 'a', port: 1 };
    const b = { path: '/b*', pathType: 'ImplementationSpecific', service: 'b', port: 2 };
    const diff = diffRouting(
      albRoutingModel([ALB_CLASS, ingress([a, b])]),
      albRoutingModel([ALB_CLASS, ingress([b, a])]),
    );
    expect(diff.reordered).toHaveLength(1);
  });

  it('probes each path, one element deeper, the boundary and an unknown host', () => {
    const probes = probesFor(albRoutingModel(fixtureObjects()).rules).map((p) => `${p.host}${p.path}`);
    expect(probes).toEqual(
      expect.arrayContaining([
        'pms.example.com/api',
        'pms.example.com/api/x',
        'pms.example.com/apix',
        'unknown-host.invalid/',
      ]),
    );
  });
});
