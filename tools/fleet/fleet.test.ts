/**
 * The specification every real cluster must meet, run on the settings of every cluster app (a new cluster app
 * is covered without touching this file): the routing table through the simulator, the reachability proof,
 * and the health values reaching Services and probes unchanged. Library tests prove the same on fixtures;
 * this proves it on what is actually rendered.
 */
import { objectRef, type Manifest } from '@pms/core';
import { simulateRequest } from '@pms/ingress';
import {
  ALB_BACKEND_SERVICES,
  clusterReachability,
  formatPorts,
  PMS_GRAPH,
  proveReachability,
  WORKLOAD_SERVICES,
} from '@pms/networking';
import { buildPmsCluster, type PmsClusterSettings } from '@pms/platform';
import { findWorkspaceRoot } from '@pms/render';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClusterSettings } from '../render/targets.js';

const fleet = await loadClusterSettings<PmsClusterSettings>(findWorkspaceRoot());

/** The seed's routing table, with its boundaries: path → where it must go. */
const ROUTING_TABLE: readonly (readonly [path: string, backend: string])[] = [
  ['/api/auth', 'apigateway:8080'],
  ['/api/auth/login', 'apigateway:8080'],
  ['/api/auth/refresh/token', 'apigateway:8080'],
  ['/api/portfolio', 'apigateway:8080'],
  ['/api/portfolio/42/positions', 'apigateway:8080'],
  ['/api/analysis', 'apigateway:8080'],
  ['/api/analysis/risk?window=30d', 'apigateway:8080'],
  ['/ws', 'apigateway:8080'],
  ['/ws/info', 'apigateway:8080'],
  ['/ws/123/abc/websocket', 'apigateway:8080'],
  ['/ws/updates', 'apigateway:8080'],
  ['/ws/updates/x', 'apigateway:8080'],
  ['/ws/rttm', 'apigateway:8080'],
  ['/ws/rttm/trades', 'apigateway:8080'],
  // Everything else is the SPA, including client-side routes and near-misses of API prefixes.
  ['/', 'frontend:80'],
  ['/index.html', 'frontend:80'],
  ['/portfolio/42', 'frontend:80'],
  ['/apiary', 'frontend:80'],
  ['/api', 'frontend:80'],
  ['/api/authx', 'frontend:80'],
  ['/wsx', 'frontend:80'],
];

const byKind = (manifests: readonly Manifest[], kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found as Manifest & { spec: any };
};

describe.each(fleet.map((settings) => [settings.name, settings] as const))('%s', (_name, settings) => {
  const { manifests } = buildPmsCluster(settings);

  describe('routing', () => {
    it.each(ROUTING_TABLE)(`https://${settings.host}%s → %s`, (path, backend) => {
      const answer = simulateRequest(manifests, `https://${settings.host}${path}`);
      expect(answer.outcome, answer.summary).toBe('forward');
      expect(answer.backend, answer.summary).toBe(backend);
    });

    it('redirects plain HTTP to HTTPS with a 301, keeping the path', () => {
      const answer = simulateRequest(manifests, `http://${settings.host}/api/auth/login`);
      expect(answer).toMatchObject({ outcome: 'redirect', statusCode: 301 });
      expect(answer.location).toBe(`https://${settings.host}/api/auth/login`);
    });

    it('answers 404 for another host', () => {
      const answer = simulateRequest(manifests, 'https://other.example.com/api/auth/login');
      expect(answer).toMatchObject({ outcome: 'fixed-response', statusCode: 404 });
    });
  });

  describe('reachability', () => {
    const allowed = new Map(
      clusterReachability(settings, manifests).map((c) => [`${c.from} → ${c.to}`, formatPorts(c.ports)]),
    );

    it('allows exactly the declared graph', () => {
      expect(proveReachability(settings, manifests, PMS_GRAPH)).toMatchObject({
        missing: [],
        unexpected: [],
      });
    });

    it('lets the ALB reach frontend and apigateway on their container ports, and nothing else', () => {
      expect(allowed.get('alb → frontend')).toBe('80/TCP');
      expect(allowed.get('alb → apigateway')).toBe('8080/TCP');
      for (const denied of ['auth', 'analytics', 'postgres', 'redis', 'kafka'])
        expect(allowed.has(`alb → ${denied}`)).toBe(false);
    });

    it('admits the ALB only from its subnets, not from the rest of the VPC', () => {
      expect(allowed.has('vpc → frontend')).toBe(false);
      expect(allowed.has('vpc → apigateway')).toBe(false);
    });

    it('lets every pod resolve DNS over UDP and TCP, and reach nothing outside', () => {
      for (const service of ['frontend', 'apigateway', 'auth', 'analytics', 'postgres', 'redis', 'kafka']) {
        expect(allowed.get(`${service} → kube-dns`), service).toBe('53/TCP, 53/UDP');
        expect(allowed.has(`${service} → internet`), service).toBe(false);
        expect(allowed.has(`internet → ${service}`), service).toBe(false);
        expect(allowed.has(`other-namespace → ${service}`), service).toBe(false);
      }
    });
  });

  describe('health values', () => {
    it.each(ALB_BACKEND_SERVICES.map((s) => [s.name, s] as const))(
      'reach the %s Service’s target-group annotations unchanged',
      (name, service) => {
        const annotations = byKind(manifests, 'Service', name).metadata.annotations ?? {};
        const check = service.health.targetGroup;
        expect(annotations['alb.ingress.kubernetes.io/healthcheck-path']).toBe(check.path);
        expect(annotations['alb.ingress.kubernetes.io/healthcheck-protocol']).toBe(check.protocol);
        expect(annotations['alb.ingress.kubernetes.io/healthcheck-port']).toBe(String(check.port));
        expect(annotations['alb.ingress.kubernetes.io/success-codes']).toBe(check.successCodes);
        expect(annotations['alb.ingress.kubernetes.io/healthcheck-interval-seconds']).toBe(
          String(check.intervalSeconds),
        );
        expect(annotations['alb.ingress.kubernetes.io/healthcheck-timeout-seconds']).toBe(
          String(check.timeoutSeconds),
        );
        expect(annotations['alb.ingress.kubernetes.io/healthy-threshold-count']).toBe(
          String(check.healthyThresholdCount),
        );
        expect(annotations['alb.ingress.kubernetes.io/unhealthy-threshold-count']).toBe(
          String(check.unhealthyThresholdCount),
        );
      },
    );

    it.each(WORKLOAD_SERVICES.map((s) => [s.name, s] as const))(
      'reach the %s probes unchanged',
      (name, service) => {
        const deployment = byKind(manifests, 'Deployment', name);
        const container = deployment.spec.template.spec.containers.find(
          (c: { name: string }) => c.name === name,
        );
        for (const kind of ['readiness', 'liveness'] as const) {
          const probe = container[`${kind}Probe`];
          const expected = service.health[kind];
          expect(probe, `${objectRef(deployment)} ${kind}`).toMatchObject({
            httpGet: { path: expected.path },
            initialDelaySeconds: expected.initialDelaySeconds,
            periodSeconds: expected.periodSeconds,
            timeoutSeconds: expected.timeoutSeconds,
            successThreshold: expected.successThreshold,
            failureThreshold: expected.failureThreshold,
          });
        }
      },
    );
  });
});

it('covers every cluster app, each under its own name', () => {
  const root = findWorkspaceRoot();
  const apps = readdirSync(join(root, 'apps'))
    .filter((app) => existsSync(join(root, 'apps', app, 'src', 'settings.ts')))
    .sort();
  expect(apps.length).toBeGreaterThan(0);
  expect(fleet.map((s) => s.name)).toEqual(apps);
});
